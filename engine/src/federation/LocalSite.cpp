#include "fedpilot/engine/LocalSite.h"

#include "ClientWork.h"
#include "data/PortableRandom.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Safetensors.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace fp::engine {

struct LocalSite::Pending {
    int round = 0;
    SelectionStrategy strategy = SelectionStrategy::FedHds;
    TensorMap adapter;
    std::vector<ClientGroup> groups;
    // The client's t-SNE map (n x 2) and HDBSCAN labels, kept for takeClientMap when t-SNE ran.
    std::vector<double> embedding;
    std::vector<int> labels;
};

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The client's samples on its map, in sample order, bounded by kMaxMapPointsPerClientRound: every selected sample,
// then the others evenly spaced in sample order.
std::vector<MapPoint> mapOf(const std::vector<size_t> &indices, const std::vector<double> &embedding,
                            const std::vector<int> &labels, const std::vector<size_t> &coreset) {
    const std::set<size_t> inCoreset(coreset.begin(), coreset.end());
    std::vector<MapPoint> selected, others;
    for (size_t i = 0; i < indices.size(); ++i) {
        const MapPoint point{int64_t(indices[i]), embedding[2 * i], embedding[2 * i + 1], labels[i],
                             inCoreset.count(indices[i]) > 0};
        (point.selected ? selected : others).push_back(point);
    }
    selected.resize(std::min(selected.size(), kMaxMapPointsPerClientRound));
    const size_t room = kMaxMapPointsPerClientRound - selected.size();
    std::vector<MapPoint> map = std::move(selected);
    for (size_t j = 0; j < std::min(room, others.size()); ++j) {
        map.push_back(others.size() <= room ? others[j] : others[j * others.size() / room]);
    }
    std::sort(map.begin(), map.end(), [](const MapPoint &a, const MapPoint &b) { return a.sample < b.sample; });
    return map;
}

} // namespace

LocalSite::LocalSite(std::string name, std::vector<InstructionSample> samples, Partitioning partition,
                     std::shared_ptr<LanguageModel> model)
    : m_name(std::move(name)), m_samples(std::move(samples)), m_partition(std::move(partition)),
      m_model(std::move(model)) {}

LocalSite::~LocalSite() = default;

Result<SiteInventory> LocalSite::inventory() {
    SiteInventory inventory;
    for (const auto &client : m_partition.clients) {
        inventory.clients.push_back({client.name, int64_t(client.samples.size())});
    }
    inventory.heldOutSamples = int64_t(m_partition.heldOut.size());
    return inventory;
}

Result<size_t> LocalSite::clientIndex(const std::string &client) const {
    for (size_t c = 0; c < m_partition.clients.size(); ++c) {
        if (m_partition.clients[c].name == client) {
            return c;
        }
    }
    return fail(ErrorCode::NotFound, "site " + m_name + " has no client '" + client + "'");
}

Result<Bytes> LocalSite::prepare(std::span<const std::byte> bytes) {
    auto request = decodePrepareRequest(bytes, "the coordinator");
    if (!request) {
        return std::unexpected(request.error());
    }
    auto c = clientIndex(request->client);
    if (!c) {
        return std::unexpected(c.error());
    }
    auto adapter =
        decodeSafetensors(request->globalAdapter, "the global adapter of round " + std::to_string(request->round));
    if (!adapter) {
        return std::unexpected(adapter.error());
    }
    auto pending = std::make_unique<Pending>();
    pending->round = request->round;
    pending->strategy = request->strategy;
    pending->adapter = std::move(*adapter);
    const auto &indices = m_partition.clients[*c].samples;
    PrepareReply reply;
    reply.available = int64_t(indices.size());
    if (request->extractFeatures && !indices.empty()) {
        if (auto ok = m_model->setAdapterTensors(pending->adapter); !ok) {
            return std::unexpected(ok.error());
        }
        const auto start = std::chrono::steady_clock::now();
        auto features = detail::extractFeatures(*m_model, m_samples, indices, request->featureTokens,
                                                request->truncation, request->promptTemplate);
        if (!features) {
            return std::unexpected(features.error().withContext("client " + request->client));
        }
        reply.featureSeconds = secondsSince(start);
        const auto clusteringStart = std::chrono::steady_clock::now();
        auto clustering = clusterClient(*features, request->clustering);
        if (clustering) {
            pending->groups = clustering->groups;
            if (m_keepClientMaps && clustering->embedded) {
                pending->embedding = std::move(clustering->embedding);
                pending->labels = std::move(clustering->labels);
            }
        } else if (clustering.error().code == ErrorCode::Cancelled) {
            return std::unexpected(clustering.error());
        } else {
            // t-SNE or HDBSCAN cannot split the client (e.g. every feature is the same): the client is one group
            // whose center has the round's dimension (an empty one would fail the server's step for every client).
            auto group = clientAsOneGroup(*features, request->clustering);
            if (!group) {
                return std::unexpected(group.error().withContext("client " + request->client));
            }
            pending->groups = {std::move(*group)};
            reply.note = "client " + request->client + ": clustering fell back to one group (" +
                         clustering.error().message + ")";
        }
        reply.selectionSeconds = secondsSince(clusteringStart);
        reply.groups = int32_t(pending->groups.size());
        for (const auto &g : pending->groups) {
            reply.centers.push_back({int32_t(g.clusterId), std::vector<float>(g.sent.begin(), g.sent.end())});
        }
    }
    m_pending[*c] = std::move(pending);
    return encode(reply);
}

Result<std::vector<size_t>> LocalSite::coresetFor(size_t client, const TrainRequest &request,
                                                  const Pending &pending) const {
    const auto &indices = m_partition.clients[client].samples;
    std::vector<size_t> coreset;
    if (pending.strategy == SelectionStrategy::FedHds || pending.strategy == SelectionStrategy::FedHdsIntraOnly) {
        std::vector<ClientGroup> chosen;
        for (int32_t id : request.chosenClusters) {
            if (id < 0 || size_t(id) >= pending.groups.size()) {
                return fail(ErrorCode::InvalidArgument, "client " + request.client + ": the coordinator chose group " +
                                                            std::to_string(id) + ", which the client does not have");
            }
            chosen.push_back(pending.groups[size_t(id)]);
        }
        std::stable_sort(chosen.begin(), chosen.end(), [](const ClientGroup &a, const ClientGroup &b) {
            return a.size != b.size ? a.size > b.size : a.clusterId < b.clusterId;
        });
        for (const auto &g : chosen) {
            coreset.push_back(indices[g.representative]);
        }
    } else {
        // Random and full data: a seeded random order, so that a budget keeps a uniform sample (Selection.h).
        coreset = indices;
        detail::PortableRandom random(detail::mixSeed(request.seed, 3));
        random.shuffle(coreset);
    }
    coreset.resize(std::min(coreset.size(), size_t(std::max<int64_t>(request.count, 0))));
    return coreset;
}

Result<Bytes> LocalSite::train(std::span<const std::byte> bytes) {
    auto request = decodeTrainRequest(bytes, "the coordinator");
    if (!request) {
        return std::unexpected(request.error());
    }
    auto c = clientIndex(request->client);
    if (!c) {
        return std::unexpected(c.error());
    }
    auto it = m_pending.find(*c);
    if (it == m_pending.end() || it->second->round != request->round) {
        return fail(ErrorCode::InvalidArgument, "client " + request->client + ": train for round " +
                                                    std::to_string(request->round) + " without its prepare step");
    }
    const std::unique_ptr<Pending> pending = std::move(it->second);
    m_pending.erase(it);
    const auto start = std::chrono::steady_clock::now();
    auto coreset = coresetFor(*c, *request, *pending);
    if (!coreset) {
        return std::unexpected(coreset.error());
    }
    if (m_keepClientMaps && !pending->embedding.empty()) {
        m_maps[*c] = {request->round,
                      mapOf(m_partition.clients[*c].samples, pending->embedding, pending->labels, *coreset)};
    }
    TrainReply reply;
    reply.selectionSeconds = secondsSince(start);
    reply.selected = int64_t(coreset->size());
    if (coreset->empty()) {
        reply.status = m_partition.clients[*c].samples.empty() ? "skipped: no samples" : "skipped: empty coreset";
        return encode(reply);
    }
    if (auto ok = m_model->setAdapterTensors(pending->adapter); !ok) {
        return std::unexpected(ok.error());
    }
    const auto trainingStart = std::chrono::steady_clock::now();
    auto outcome = detail::trainOnCoreset(*m_model, m_samples, *coreset, *request);
    if (!outcome) {
        return std::unexpected(outcome.error().withContext("client " + request->client));
    }
    reply.trainingSeconds = secondsSince(trainingStart);
    reply.trainingTokens = outcome->trainingTokens;
    reply.steps = outcome->steps;
    reply.skippedSteps = outcome->skippedSteps;
    reply.trainLoss = outcome->meanLoss;
    reply.status = outcome->steps > 0 ? "trained" : "skipped: every step had a non-finite loss";
    if (outcome->steps > 0) {
        auto adapter = encodeSafetensors(m_model->adapterTensors());
        if (!adapter) {
            return std::unexpected(adapter.error());
        }
        reply.adapter = std::move(*adapter);
    }
    return encode(reply);
}

std::optional<std::vector<MapPoint>> LocalSite::takeClientMap(int round, const std::string &client) {
    auto c = clientIndex(client);
    if (!c) {
        return std::nullopt;
    }
    auto it = m_maps.find(*c);
    if (it == m_maps.end() || it->second.first != round) {
        return std::nullopt;
    }
    auto map = std::move(it->second.second);
    m_maps.erase(it);
    return map;
}

Result<Bytes> LocalSite::evaluate(std::span<const std::byte> bytes) {
    auto request = decodeEvaluateRequest(bytes, "the coordinator");
    if (!request) {
        return std::unexpected(request.error());
    }
    auto adapter = decodeSafetensors(request->adapter, "the adapter to evaluate");
    if (!adapter) {
        return std::unexpected(adapter.error());
    }
    if (auto ok = m_model->setAdapterTensors(*adapter); !ok) {
        return std::unexpected(ok.error());
    }
    const auto chosen = detail::chooseEvaluationSamples(m_samples, m_partition.heldOut, request->sampling,
                                                        request->maxSamplesPerTask, request->seed);
    const detail::EvaluationRules rules{request->maxNewTokens, request->maxTokens, request->truncation, request->rouge,
                                        request->promptTemplate};
    auto reply = detail::evaluateSamples(*m_model, m_samples, chosen, rules);
    if (!reply) {
        return std::unexpected(reply.error().withContext("site " + m_name));
    }
    return encode(*reply);
}

} // namespace fp::engine
