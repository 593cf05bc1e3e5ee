#include "fedpilot/engine/Partition.h"

#include "data/PortableRandom.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace fp::engine {
namespace {

std::map<std::string, std::vector<size_t>> byCategory(const std::vector<InstructionSample> &samples,
                                                      const std::vector<size_t> &indices) {
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i : indices) {
        groups[samples[i].category].push_back(i);
    }
    return groups;
}

std::vector<ClientShard> numberedClients(int count) {
    std::vector<ClientShard> clients(static_cast<size_t>(count));
    for (int c = 0; c < count; ++c) {
        clients[size_t(c)].name = "client-" + std::to_string(c + 1);
    }
    return clients;
}

// Per category: shares p ~ Dirichlet(alpha) over clients, then the shuffled samples are cut at the
// cumulative shares (the FedIT / FedHDS Dolly recipe). With `balanced` (the reference code's
// partition_idx_labeldir), a client that already holds at least total / clients samples gets no share of
// the next category, and cuts are floors of the cumulative shares.
std::vector<ClientShard> dirichletDraw(const std::vector<InstructionSample> &samples,
                                       const std::vector<size_t> &indices, const PartitionOptions &o,
                                       detail::PortableRandom &random, bool balanced) {
    auto clients = numberedClients(o.clients);
    const double fairShare = double(indices.size()) / double(o.clients);
    for (auto &[category, members] : byCategory(samples, indices)) {
        std::vector<double> shares(size_t(o.clients));
        double total = 0.0;
        for (size_t c = 0; c < shares.size(); ++c) {
            shares[c] = random.gamma(o.alpha);
            if (balanced && !(double(clients[c].samples.size()) < fairShare)) {
                shares[c] = 0.0;
            }
            total += shares[c];
        }
        if (!(total > 0.0)) { // every open client drew 0 (alpha far below 1): share equally among the open ones
            for (size_t c = 0; c < shares.size(); ++c) {
                shares[c] = !balanced || double(clients[c].samples.size()) < fairShare ? 1.0 : 0.0;
                total += shares[c];
            }
        }
        random.shuffle(members);
        double cumulative = 0.0;
        size_t begin = 0;
        for (size_t c = 0; c < shares.size(); ++c) {
            cumulative += shares[c] / total;
            const double cut = cumulative * double(members.size());
            const size_t end = c + 1 == shares.size()
                                   ? members.size()
                                   : std::min(members.size(), size_t(balanced ? std::floor(cut) : std::llround(cut)));
            for (size_t i = begin; i < end; ++i) {
                clients[c].samples.push_back(members[i]);
            }
            begin = std::max(begin, end);
        }
    }
    return clients;
}

// How many complete draws partition.min_samples may take before the split is refused.
constexpr int kMaxDirichletDraws = 1000;

Result<std::vector<ClientShard>> dirichletSplit(const std::vector<InstructionSample> &samples,
                                                const std::vector<size_t> &indices, const PartitionOptions &o) {
    detail::PortableRandom random(o.seed);
    if (o.minSamples <= 0) {
        return dirichletDraw(samples, indices, o, random, false);
    }
    const auto needed = size_t(o.minSamples) * size_t(o.clients);
    const std::string field = "partition.min_samples: ";
    if (indices.size() < needed) {
        return fail(ErrorCode::InvalidArgument, field + std::to_string(o.clients) + " clients with at least " +
                                                    std::to_string(o.minSamples) + " samples each need " +
                                                    std::to_string(needed) + " training samples, the data has " +
                                                    std::to_string(indices.size()));
    }
    for (int draw = 0; draw < kMaxDirichletDraws; ++draw) {
        auto clients = dirichletDraw(samples, indices, o, random, true);
        if (std::all_of(clients.begin(), clients.end(),
                        [&](const ClientShard &c) { return c.samples.size() >= size_t(o.minSamples); })) {
            return clients;
        }
    }
    return fail(ErrorCode::InvalidArgument, field + "no Dirichlet split of " + std::to_string(indices.size()) +
                                                " samples in " + std::to_string(kMaxDirichletDraws) +
                                                " draws gave every one of " + std::to_string(o.clients) +
                                                " clients at least " + std::to_string(o.minSamples) +
                                                " samples; lower min_samples or clients, or raise alpha");
}

std::vector<ClientShard> iidSplit(const std::vector<size_t> &indices, const PartitionOptions &o) {
    detail::PortableRandom random(o.seed);
    auto shuffled = indices;
    random.shuffle(shuffled);
    auto clients = numberedClients(o.clients);
    for (size_t i = 0; i < shuffled.size(); ++i) {
        clients[i % clients.size()].samples.push_back(shuffled[i]);
    }
    return clients;
}

Result<void> checkOptions(const std::vector<InstructionSample> &samples, const PartitionOptions &o) {
    if (o.scheme != PartitionScheme::OneTaskPerClient && o.clients <= 0) {
        return fail(ErrorCode::InvalidArgument, std::string("partition ") + partitionSchemeName(o.scheme) +
                                                    ": the number of clients must be positive");
    }
    if (o.minSamples < 0) {
        return fail(ErrorCode::InvalidArgument, "partition.min_samples: must not be negative");
    }
    if (o.scheme == PartitionScheme::Dirichlet && !(o.alpha > 0.0)) {
        return fail(ErrorCode::InvalidArgument, "partition dirichlet: alpha must be positive");
    }
    std::set<std::string> categories;
    for (const auto &s : samples) {
        categories.insert(s.category);
    }
    for (const auto &held : o.heldOutCategories) {
        if (!categories.contains(held)) {
            return fail(ErrorCode::InvalidArgument, "held-out task '" + held + "' does not occur in the data");
        }
    }
    return {};
}

} // namespace

const char *partitionSchemeName(PartitionScheme scheme) {
    switch (scheme) {
    case PartitionScheme::OneTaskPerClient: return "task";
    case PartitionScheme::Dirichlet: return "dirichlet";
    case PartitionScheme::Iid: return "iid";
    }
    return "?";
}

Result<PartitionScheme> parsePartitionScheme(const std::string &name) {
    for (auto s : {PartitionScheme::OneTaskPerClient, PartitionScheme::Dirichlet, PartitionScheme::Iid}) {
        if (name == partitionSchemeName(s)) {
            return s;
        }
    }
    return fail(ErrorCode::InvalidArgument, "partition '" + name + "': expected task, dirichlet or iid");
}

Result<Partitioning> partitionSamples(const std::vector<InstructionSample> &samples, const PartitionOptions &o) {
    if (auto ok = checkOptions(samples, o); !ok) {
        return std::unexpected(ok.error());
    }
    const std::set<std::string> held(o.heldOutCategories.begin(), o.heldOutCategories.end());
    Partitioning result;
    std::vector<size_t> training;
    for (size_t i = 0; i < samples.size(); ++i) {
        (held.contains(samples[i].category) ? result.heldOut : training).push_back(i);
    }
    if (training.empty()) {
        return fail(ErrorCode::InvalidArgument, "partition: every sample is held out; nothing is left to train on");
    }
    switch (o.scheme) {
    case PartitionScheme::OneTaskPerClient:
        for (auto &[category, members] : byCategory(samples, training)) {
            result.clients.push_back({category.empty() ? std::string("(no task)") : category, members});
        }
        break;
    case PartitionScheme::Dirichlet: {
        auto clients = dirichletSplit(samples, training, o);
        if (!clients) {
            return std::unexpected(clients.error());
        }
        result.clients = std::move(*clients);
        break;
    }
    case PartitionScheme::Iid: result.clients = iidSplit(training, o); break;
    }
    for (auto &client : result.clients) {
        std::sort(client.samples.begin(), client.samples.end());
    }
    return result;
}

} // namespace fp::engine
