#include "fedpilot/engine/Selection.h"

#include "fedpilot/engine/CenterCodes.h"

#include "data/PortableRandom.h"

#include <algorithm>
#include <numeric>

namespace fp::engine {

const char *selectionStrategyName(SelectionStrategy strategy) {
    switch (strategy) {
    case SelectionStrategy::FedHds: return "fedhds";
    case SelectionStrategy::FedHdsIntraOnly: return "fedhds-intra";
    case SelectionStrategy::Random: return "random";
    case SelectionStrategy::FullData: return "full";
    }
    return "?";
}

Result<SelectionStrategy> parseSelectionStrategy(const std::string &name) {
    for (auto s : {SelectionStrategy::FedHds, SelectionStrategy::FedHdsIntraOnly, SelectionStrategy::Random,
                   SelectionStrategy::FullData}) {
        if (name == selectionStrategyName(s)) {
            return s;
        }
    }
    if (name == "fedit") {
        return SelectionStrategy::FullData;
    }
    return fail(ErrorCode::InvalidArgument,
                "strategy '" + name + "': expected fedhds, fedhds-intra, random or full (fedit)");
}

int64_t RoundSelection::total() const {
    int64_t n = 0;
    for (const auto &c : clients) {
        n += int64_t(c.samples.size());
    }
    return n;
}

namespace {

std::vector<size_t> seededOrder(size_t n, uint64_t seed) {
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    detail::PortableRandom random(seed);
    random.shuffle(order);
    return order;
}

uint64_t clientSeed(const ClusteringOptions &options, size_t client) { return options.seed * 1000003ULL + client; }

// Representatives of the given groups, larger groups first (ties: lower cluster id).
std::vector<size_t> representatives(std::vector<ClientGroup> groups) {
    std::stable_sort(groups.begin(), groups.end(), [](const ClientGroup &a, const ClientGroup &b) {
        return a.size != b.size ? a.size > b.size : a.clusterId < b.clusterId;
    });
    std::vector<size_t> samples;
    for (const auto &g : groups) {
        samples.push_back(g.representative);
    }
    return samples;
}

Result<RoundSelection> selectFedHds(const std::vector<std::vector<std::vector<float>>> &features,
                                    const ClusteringOptions &options, bool interClient) {
    RoundSelection round;
    std::vector<std::vector<ClientGroup>> groups(features.size());
    std::vector<CenterRef> centers;
    for (size_t c = 0; c < features.size(); ++c) {
        ClusteringOptions own = options;
        own.seed = clientSeed(options, c);
        auto clustering = clusterClient(features[c], own);
        if (!clustering) {
            return std::unexpected(clustering.error().withContext("client " + std::to_string(c)));
        }
        groups[c] = clustering->groups;
        // The server sees the centers as they travel (CenterCodes.h: floats, then 8-bit codes of one scale).
        std::vector<std::vector<float>> sent;
        for (const auto &g : groups[c]) {
            sent.emplace_back(g.sent.begin(), g.sent.end());
        }
        const auto received = quantisedCenters(sent);
        for (size_t i = 0; i < received.size(); ++i) {
            centers.push_back({c, groups[c][i].clusterId, {received[i].begin(), received[i].end()}});
        }
        round.clients.push_back({{}, int(features[c].size()), int(groups[c].size())});
    }
    round.centersSent = int64_t(centers.size());
    if (!interClient) {
        for (size_t c = 0; c < features.size(); ++c) {
            round.clients[c].samples = representatives(groups[c]);
        }
        return round;
    }
    auto chosen = selectCenters(centers, options.serverMinClusterSize, options.hdbscanSemantics);
    if (!chosen) {
        return std::unexpected(chosen.error());
    }
    round.globalClusters = chosen->globalClusters;
    std::vector<std::vector<ClientGroup>> kept(features.size());
    for (size_t i : chosen->chosen) {
        const auto &ref = centers[i];
        kept[ref.client].push_back(groups[ref.client][size_t(ref.clusterId)]);
    }
    for (size_t c = 0; c < features.size(); ++c) {
        round.clients[c].samples = representatives(kept[c]);
    }
    return round;
}

} // namespace

Result<void> applyBudget(RoundSelection &round, const CoresetBudget &budget) {
    if (budget.maxFractionPerClient < 0.0 || budget.maxFractionPerClient > 1.0 || budget.maxPerClient < 0 ||
        budget.maxPerRound < 0) {
        return fail(ErrorCode::InvalidArgument,
                    "coreset budget: the fraction must be in [0, 1] and the counts non-negative (0 = no limit)");
    }
    for (auto &client : round.clients) {
        size_t cap = client.samples.size();
        if (budget.maxFractionPerClient > 0.0) {
            cap = std::min(cap, std::max<size_t>(1, size_t(budget.maxFractionPerClient * client.available)));
        }
        if (budget.maxPerClient > 0) {
            cap = std::min(cap, size_t(budget.maxPerClient));
        }
        client.samples.resize(cap);
    }
    if (budget.maxPerRound > 0) {
        while (round.total() > budget.maxPerRound) {
            size_t largest = 0;
            for (size_t c = 0; c < round.clients.size(); ++c) {
                if (round.clients[c].samples.size() >= round.clients[largest].samples.size()) {
                    largest = c;
                }
            }
            round.clients[largest].samples.pop_back();
        }
    }
    return {};
}

Result<RoundSelection> selectCoreset(const std::vector<std::vector<std::vector<float>>> &features,
                                     SelectionStrategy strategy, const ClusteringOptions &options,
                                     const CoresetBudget &budget, const std::vector<int64_t> *counts) {
    Result<RoundSelection> round = RoundSelection{};
    switch (strategy) {
    case SelectionStrategy::FedHds:
    case SelectionStrategy::FedHdsIntraOnly:
        round = selectFedHds(features, options, strategy == SelectionStrategy::FedHds);
        break;
    case SelectionStrategy::FullData:
        for (size_t c = 0; c < features.size(); ++c) {
            round->clients.push_back(
                {seededOrder(features[c].size(), clientSeed(options, c)), int(features[c].size()), 0});
        }
        break;
    case SelectionStrategy::Random: {
        std::vector<int64_t> own;
        if (!counts) {
            auto reference = selectCoreset(features, SelectionStrategy::FedHds, options, budget);
            if (!reference) {
                return reference;
            }
            for (const auto &c : reference->clients) {
                own.push_back(int64_t(c.samples.size()));
            }
            counts = &own;
        }
        if (counts->size() != features.size()) {
            return fail(ErrorCode::InvalidArgument, "random selection: " + std::to_string(counts->size()) +
                                                        " counts for " + std::to_string(features.size()) + " clients");
        }
        for (size_t c = 0; c < features.size(); ++c) {
            auto order = seededOrder(features[c].size(), clientSeed(options, c) ^ 0x5deece66dULL);
            order.resize(std::min(order.size(), size_t(std::max<int64_t>(0, (*counts)[c]))));
            round->clients.push_back({order, int(features[c].size()), 0});
        }
        break;
    }
    }
    if (!round) {
        return round;
    }
    if (auto ok = applyBudget(*round, budget); !ok) {
        return std::unexpected(ok.error());
    }
    return round;
}

} // namespace fp::engine
