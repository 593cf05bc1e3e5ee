#include "fedpilot/engine/Coordinator.h"

#include "ClientWork.h"
#include "data/PortableRandom.h"
#include "fedpilot/engine/Aggregation.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Safetensors.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <set>

namespace fp::engine {

std::vector<size_t> sampleClients(size_t clients, double fraction, uint64_t seed, int round, ClientsPerRound rule) {
    const double wanted = std::clamp(fraction, 0.0, 1.0) * double(clients);
    const size_t rounded = rule == ClientsPerRound::Ceil ? size_t(std::ceil(wanted - 1e-9))
                                                         : std::max<size_t>(1, size_t(std::floor(wanted + 1e-9)));
    const size_t count = std::min(clients, rounded);
    std::vector<size_t> order(clients);
    std::iota(order.begin(), order.end(), size_t(0));
    detail::PortableRandom random(detail::mixSeed(seed, uint64_t(round)));
    // Partial Fisher-Yates: the first `count` positions are a uniform sample without replacement.
    for (size_t i = 0; i < count; ++i) {
        std::swap(order[i], order[i + random.below(clients - i)]);
    }
    order.resize(count);
    std::sort(order.begin(), order.end());
    return order;
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool allFinite(const TensorMap &tensors) {
    for (const auto &[name, t] : tensors) {
        for (float v : t.toFloat32()) {
            if (!std::isfinite(v)) {
                return false;
            }
        }
    }
    return true;
}

// Why a client's update cannot be averaged with the global adapter (empty when it can): the same tensor names,
// each with the global tensor's shape, in a floating-point dtype. A site that sends anything else (a bug, another
// LoRA configuration, a hostile agent) must not fail the round or reach the aggregate.
std::string updateMismatch(const TensorMap &update, const TensorMap &global) {
    if (update.size() != global.size()) {
        return "holds " + std::to_string(update.size()) + " tensors, the global adapter " +
               std::to_string(global.size());
    }
    for (const auto &[name, tensor] : update) {
        const auto it = global.find(name);
        if (it == global.end()) {
            return "holds tensor " + name.substr(0, 120) + ", which the global adapter has not";
        }
        if (tensor.shape != it->second.shape) {
            return "tensor " + name + " has another shape than the global adapter's";
        }
        if (tensor.dtype != DType::F32 && tensor.dtype != DType::F16 && tensor.dtype != DType::BF16) {
            return "tensor " + name + " is not floating point";
        }
    }
    return {};
}

// Flags the centers whose groups the coordinator chose and keeps at most kMaxCentersPerClientRound of them, the
// chosen ones first (a site may send far more centers than the record keeps).
void markChosenCenters(std::vector<SentCenter> &centers, const std::vector<int32_t> &chosen) {
    const std::set<int32_t> picked(chosen.begin(), chosen.end());
    for (auto &c : centers) {
        c.chosen = picked.count(c.group) > 0;
    }
    if (centers.size() > kMaxCentersPerClientRound) {
        std::stable_partition(centers.begin(), centers.end(), [](const SentCenter &c) { return c.chosen; });
        centers.resize(kMaxCentersPerClientRound);
    }
}

bool needsFeatures(SelectionStrategy strategy, const CoresetBudget &budget) {
    switch (strategy) {
    case SelectionStrategy::FedHds:
    case SelectionStrategy::FedHdsIntraOnly: return true;
    case SelectionStrategy::Random: return budget.maxFractionPerClient <= 0.0 && budget.maxPerClient <= 0;
    case SelectionStrategy::FullData: return false;
    }
    return false;
}

} // namespace

struct Coordinator::Impl {
    struct ClientSlot {
        size_t site = 0;
        std::string name;
    };
    // One sampled client's round.
    struct Work {
        size_t slot = 0;
        ClientRoundRecord record;
        PrepareReply prepared;
        std::vector<int32_t> chosen;
        int64_t count = 0;
        bool failed = false;
    };

    TrialSpec trial;
    SelectionStrategy strategy;
    std::vector<SiteHandle> sites;
    // Sites that failed with a network error: dropped for the rest of the round (their remaining clients are not
    // called), tried again next round. everDropped remembers it until the site answers again ("rejoined").
    std::vector<bool> droppedThisRound;
    std::vector<bool> everDropped;
    CentralEvaluation central;
    std::vector<ClientSlot> clients;
    std::vector<size_t> centralSamples;
    const TensorMap *globalTensors = nullptr; // the round's global adapter, that updates must match

    Result<void> gatherClients();
    Result<RoundRecord> runRound(int round, const PeftAdapter &global, const RunControl &control);
    Result<std::vector<Work>> prepareClients(int round, const std::vector<size_t> &sampled, const Bytes &adapter,
                                             RoundRecord &record, const RunControl &control);
    Result<void> chooseCounts(std::vector<Work> &work, RoundRecord &record);
    Result<std::vector<TensorMap>> trainClients(int round, std::vector<Work> &work, std::vector<double> &weights,
                                                RoundRecord &record, const RunControl &control);
    TrainRequest trainRequestFor(int round, const Work &w) const;
    void acceptTrainReply(Work &w, const TrainReply &reply, TensorMap adapter, std::vector<TensorMap> &updates,
                          std::vector<double> &weights, RoundRecord &record) const;
    Result<PeftAdapter> aggregate(const PeftAdapter &global, const std::vector<TensorMap> &updates,
                                  const std::vector<double> &weights, RoundRecord &record);
    Result<void> evaluate(int round, const PeftAdapter &adapter, RoundRecord &record, const RunControl &control);

    void report(const RunControl &control, int round, const char *phase, int done, int total) const {
        if (control.progress) {
            control.progress({round, trial.schedule.rounds, phase, done, total});
        }
    }
    uint64_t clientSeed(int round, size_t slot) const {
        return detail::mixSeed(detail::mixSeed(trial.schedule.seed, uint64_t(round)), uint64_t(slot) + 1);
    }
    void markFailed(Work &w, RoundRecord &record, const Error &error) {
        w.failed = true;
        w.record.status = "failed: " + error.message;
        record.events.push_back({"client-failed", w.record.site + "/" + w.record.client + ": " + error.message});
        const size_t s = clients[w.slot].site;
        if (error.code == ErrorCode::Network && !droppedThisRound[s]) {
            droppedThisRound[s] = true;
            everDropped[s] = true;
            record.events.push_back({"site-dropped", w.record.site + " is left out of round " +
                                                         std::to_string(record.round) + " after: " + error.message});
        }
    }
    // A client of a site already dropped this round is not called.
    bool skipDropped(Work &w) const {
        if (!droppedThisRound[clients[w.slot].site]) {
            return false;
        }
        w.failed = true;
        w.record.status = "dropped: site " + w.record.site + " did not answer earlier in this round";
        return true;
    }
    void noteAnswered(size_t slot, RoundRecord &record) {
        const size_t s = clients[slot].site;
        if (everDropped[s] && !droppedThisRound[s]) {
            everDropped[s] = false;
            record.events.push_back({"site-rejoined", sites[s].site->name() + " answers again"});
        }
    }
};

Coordinator::Coordinator(const TrialSpec &trial, const StrategySpec &strategy, std::vector<SiteHandle> sites,
                         CentralEvaluation central)
    : m_impl(std::make_unique<Impl>()) {
    // The run sees the entry's selection and budget as its trial's: every request and the server's clustering
    // read them from there.
    m_impl->trial = trial;
    m_impl->trial.clustering = strategy.clustering;
    m_impl->trial.budget = strategy.budget;
    m_impl->strategy = strategy.method;
    m_impl->sites = std::move(sites);
    m_impl->central = central;
}

Coordinator::Coordinator(const TrialSpec &trial, SelectionStrategy method, std::vector<SiteHandle> sites,
                         CentralEvaluation central)
    : Coordinator(trial, plainStrategy(trial, method), std::move(sites), central) {}

Coordinator::~Coordinator() = default;

Result<void> Coordinator::Impl::gatherClients() {
    clients.clear();
    if (sites.empty()) {
        return fail(ErrorCode::InvalidArgument, "the run has no sites");
    }
    for (size_t s = 0; s < sites.size(); ++s) {
        auto inventory = sites[s].site->inventory();
        if (!inventory) {
            return std::unexpected(inventory.error().withContext("site " + sites[s].site->name()));
        }
        std::set<std::string> names;
        for (const auto &c : inventory->clients) {
            if (!names.insert(c.name).second) {
                return fail(ErrorCode::InvalidArgument,
                            "site " + sites[s].site->name() + " lists client '" + c.name + "' twice");
            }
            clients.push_back({s, c.name});
        }
    }
    if (clients.empty()) {
        return fail(ErrorCode::InvalidArgument, "no site has any client");
    }
    droppedThisRound.assign(sites.size(), false);
    everDropped.assign(sites.size(), false);
    if (central.model && central.samples) {
        std::vector<size_t> all(central.samples->size());
        std::iota(all.begin(), all.end(), size_t(0));
        centralSamples = detail::chooseEvaluationSamples(*central.samples, all, trial.evaluation.sampling,
                                                         trial.evaluation.maxSamplesPerTask, trial.schedule.seed);
    }
    return {};
}

Result<RunOutcome> Coordinator::run(RunJournal &journal, const PeftAdapter &initial,
                                    const std::optional<ResumePoint> &resume, const RunControl &control) {
    auto &impl = *m_impl;
    if (auto ok = impl.gatherClients(); !ok) {
        return std::unexpected(ok.error());
    }
    RunOutcome outcome;
    outcome.completedRounds = resume ? resume->completedRounds : 0;
    outcome.finalAdapter = resume ? resume->globalAdapter : initial;
    int failedRounds = 0; // consecutive rounds in which every sampled client failed
    for (int round = outcome.completedRounds + 1; round <= impl.trial.schedule.rounds; ++round) {
        if (control.cancelled && control.cancelled()) {
            return fail(ErrorCode::Cancelled, "cancelled before round " + std::to_string(round));
        }
        if (control.pauseRequested && control.pauseRequested()) {
            return fail(ErrorCode::Cancelled,
                        std::string(kPausedMessage) + (round == 1 ? std::string(" before round 1")
                                                                  : " after round " + std::to_string(round - 1)));
        }
        auto record = impl.runRound(round, outcome.finalAdapter, control);
        if (!record) {
            return std::unexpected(record.error().withContext("round " + std::to_string(round)));
        }
        const bool allFailed = std::all_of(record->clients.begin(), record->clients.end(), [](const auto &c) {
            return c.status.rfind("failed", 0) == 0 || c.status.rfind("dropped", 0) == 0;
        });
        failedRounds = allFailed && !record->clients.empty() ? failedRounds + 1 : 0;
        if (failedRounds > 0) {
            record->events.push_back({"round-failed", "every sampled client failed in round " + std::to_string(round) +
                                                          "; the global adapter is unchanged"});
        }
        impl.report(control, round, "recording", 0, 1);
        if (auto ok = journal.roundCompleted(*record); !ok) {
            return std::unexpected(ok.error()); // the journal's message names the run, the round and the file
        }
        const int limit = impl.trial.network.stopAfterFailedRounds;
        if (limit > 0 && failedRounds >= limit) {
            return fail(ErrorCode::Network, "stopped after " + std::to_string(failedRounds) +
                                                " consecutive round(s) in which every client failed (network."
                                                "stop_after_failed_rounds); resume once the sites answer again");
        }
        for (const auto &e : record->evaluations) {
            if (e.scope == "central") {
                outcome.lastCentral = e;
            }
        }
        outcome.finalAdapter = std::move(record->globalAdapter);
        outcome.completedRounds = round;
    }
    return outcome;
}

Result<RoundRecord> Coordinator::Impl::runRound(int round, const PeftAdapter &global, const RunControl &control) {
    const auto start = std::chrono::steady_clock::now();
    RoundRecord record;
    record.round = round;
    droppedThisRound.assign(sites.size(), false);
    const auto sampled = sampleClients(clients.size(), trial.schedule.participation, trial.schedule.seed, round,
                                       trial.schedule.clientsPerRound);
    auto adapterBytes = encodeSafetensors(global.tensors);
    if (!adapterBytes) {
        return std::unexpected(adapterBytes.error());
    }
    auto work = prepareClients(round, sampled, *adapterBytes, record, control);
    if (!work) {
        return std::unexpected(work.error());
    }
    if (auto ok = chooseCounts(*work, record); !ok) {
        return std::unexpected(ok.error());
    }
    std::vector<double> weights;
    globalTensors = &global.tensors;
    auto updates = trainClients(round, *work, weights, record, control);
    if (!updates) {
        return std::unexpected(updates.error());
    }
    report(control, round, "aggregating", 0, 1);
    auto next = aggregate(global, *updates, weights, record);
    if (!next) {
        return std::unexpected(next.error());
    }
    record.globalAdapter = std::move(*next);
    for (auto &w : *work) {
        const auto &cost = sites[clients[w.slot].site].cost;
        auto &r = w.record;
        r.cost = cost.cost(r.featureSeconds + r.selectionSeconds + r.trainingSeconds, r.bytesDown + r.bytesUp);
        record.clients.push_back(std::move(r));
    }
    if (auto ok = evaluate(round, record.globalAdapter, record, control); !ok) {
        return std::unexpected(ok.error());
    }
    record.seconds = secondsSince(start);
    return record;
}

Result<std::vector<Coordinator::Impl::Work>>
Coordinator::Impl::prepareClients(int round, const std::vector<size_t> &sampled, const Bytes &adapter,
                                  RoundRecord &record, const RunControl &control) {
    std::vector<Work> work;
    for (size_t slot : sampled) {
        if (control.cancelled && control.cancelled()) {
            return fp::fail(ErrorCode::Cancelled, "cancelled while preparing clients");
        }
        report(control, round, "preparing", int(work.size()), int(sampled.size()));
        Site &site = *sites[clients[slot].site].site;
        Work w;
        w.slot = slot;
        w.record.site = site.name();
        w.record.client = clients[slot].name;
        PrepareRequest request;
        request.round = round;
        request.client = clients[slot].name;
        request.strategy = strategy;
        request.extractFeatures = needsFeatures(strategy, trial.budget);
        request.clustering = trial.clustering;
        request.clustering.seed = clientSeed(round, slot);
        // One projection per round, shared by every client, so that their centers are comparable.
        request.clustering.projectionSeed = detail::mixSeed(trial.schedule.seed ^ 0x5eed, uint64_t(round));
        request.featureTokens = trial.featureTokens;
        request.truncation = trial.truncation;
        request.promptTemplate = trial.promptTemplate;
        request.globalAdapter = adapter;
        if (skipDropped(w)) {
            work.push_back(std::move(w));
            continue;
        }
        const Bytes down = encode(request);
        w.record.bytesDown += int64_t(down.size());
        auto reply = site.prepare(down);
        auto decoded = reply ? decodePrepareReply(*reply, "site " + site.name()) : std::unexpected(reply.error());
        if (!decoded) {
            markFailed(w, record, decoded.error());
            work.push_back(std::move(w));
            continue;
        }
        noteAnswered(slot, record);
        w.record.bytesUp += int64_t(reply->size());
        PrepareReply withoutCenters = *decoded;
        withoutCenters.centers.clear();
        w.record.selectionBytes += int64_t(reply->size() - encode(withoutCenters).size());
        w.record.available = decoded->available;
        w.record.groups = decoded->groups;
        w.record.featureSeconds = decoded->featureSeconds;
        w.record.selectionSeconds = decoded->selectionSeconds;
        for (const auto &c : decoded->centers) {
            w.record.centers.push_back({c.clusterId, c.coordinates, false});
        }
        if (!decoded->note.empty()) {
            record.events.push_back({"clustering-fallback", w.record.site + "/" + decoded->note});
        }
        w.prepared = std::move(*decoded);
        work.push_back(std::move(w));
    }
    return work;
}

Result<void> Coordinator::Impl::chooseCounts(std::vector<Work> &work, RoundRecord &record) {
    if (strategy == SelectionStrategy::FedHds ||
        (strategy == SelectionStrategy::Random && needsFeatures(strategy, trial.budget))) {
        std::vector<CenterRef> refs;
        for (size_t i = 0; i < work.size(); ++i) {
            for (const auto &c : work[i].prepared.centers) {
                refs.push_back({i, c.clusterId, std::vector<double>(c.coordinates.begin(), c.coordinates.end())});
            }
        }
        auto selection = selectCenters(refs, trial.clustering.serverMinClusterSize, trial.clustering.hdbscanSemantics);
        if (!selection) {
            return std::unexpected(selection.error());
        }
        record.globalClusters = selection->globalClusters;
        for (size_t i : selection->chosen) {
            work[refs[i].client].chosen.push_back(int32_t(refs[i].clusterId));
        }
    } else if (strategy == SelectionStrategy::FedHdsIntraOnly) {
        for (auto &w : work) {
            for (const auto &c : w.prepared.centers) {
                w.chosen.push_back(c.clusterId);
            }
        }
    }
    RoundSelection round;
    for (auto &w : work) {
        int64_t count = w.failed ? 0 : w.record.available;
        if (strategy != SelectionStrategy::FullData && needsFeatures(strategy, trial.budget)) {
            count = int64_t(w.chosen.size());
        }
        ClientSelection c;
        c.available = int(w.record.available);
        c.samples.resize(size_t(w.failed ? 0 : count));
        round.clients.push_back(std::move(c));
    }
    if (auto ok = applyBudget(round, trial.budget); !ok) {
        return ok;
    }
    for (size_t i = 0; i < work.size(); ++i) {
        work[i].count = int64_t(round.clients[i].samples.size());
        markChosenCenters(work[i].record.centers, work[i].chosen);
    }
    return {};
}

TrainRequest Coordinator::Impl::trainRequestFor(int round, const Work &w) const {
    TrainRequest request;
    request.round = round;
    request.client = w.record.client;
    request.chosenClusters = w.chosen;
    request.count = w.count;
    request.localEpochs = trial.schedule.localEpochs;
    request.learningRate = trial.schedule.learningRate;
    request.batchSize = trial.schedule.batchSize;
    request.maxTokens = trial.maxTokens;
    request.truncation = trial.truncation;
    request.promptTemplate = trial.promptTemplate;
    request.seed = clientSeed(round, w.slot);
    return request;
}

// Copies a client's training reply into its record and, when it holds a usable update, into updates/weights.
void Coordinator::Impl::acceptTrainReply(Work &w, const TrainReply &reply, TensorMap adapter,
                                         std::vector<TensorMap> &updates, std::vector<double> &weights,
                                         RoundRecord &record) const {
    auto &r = w.record;
    r.selected = reply.selected;
    r.trainingTokens = reply.trainingTokens;
    r.steps = reply.steps;
    r.skippedSteps = reply.skippedSteps;
    r.trainLoss = reply.trainLoss;
    r.selectionSeconds += reply.selectionSeconds;
    r.trainingSeconds = reply.trainingSeconds;
    r.status = reply.status;
    const std::string who = r.site + "/" + r.client;
    if (r.skippedSteps > 0) {
        record.events.push_back({"nan-step", who + ": " + std::to_string(r.skippedSteps) +
                                                 " step(s) skipped for a non-finite loss or gradient"});
    }
    const std::string mismatch = adapter.empty() ? std::string() : updateMismatch(adapter, *globalTensors);
    if (adapter.empty()) {
        record.events.push_back({"no-update", who + ": " + r.status});
    } else if (!mismatch.empty()) {
        r.status = "update rejected: " + mismatch;
        record.events.push_back({"update-rejected", who + ": the adapter update " + mismatch});
    } else if (!allFinite(adapter)) {
        r.status = "update rejected: non-finite values";
        record.events.push_back({"update-rejected", who + ": the adapter update holds NaN or infinity"});
    } else {
        updates.push_back(std::move(adapter));
        weights.push_back(double(r.selected));
    }
}

Result<std::vector<TensorMap>> Coordinator::Impl::trainClients(int round, std::vector<Work> &work,
                                                               std::vector<double> &weights, RoundRecord &record,
                                                               const RunControl &control) {
    std::vector<TensorMap> updates;
    for (size_t i = 0; i < work.size(); ++i) {
        auto &w = work[i];
        report(control, round, "training", int(i), int(work.size()));
        if (control.cancelled && control.cancelled()) {
            return fp::fail(ErrorCode::Cancelled, "cancelled while training clients");
        }
        if (w.failed || skipDropped(w)) {
            continue;
        }
        Site &site = *sites[clients[w.slot].site].site;
        const TrainRequest request = trainRequestFor(round, w);
        const Bytes down = encode(request);
        TrainRequest withoutChoice = request;
        withoutChoice.chosenClusters.clear();
        w.record.bytesDown += int64_t(down.size());
        w.record.selectionBytes += int64_t(down.size() - encode(withoutChoice).size());
        auto reply = site.train(down);
        auto map = site.takeClientMap(round, w.record.client); // taken in any case: the site forgets it
        auto decoded = reply ? decodeTrainReply(*reply, "site " + site.name()) : std::unexpected(reply.error());
        auto adapter = decoded && !decoded->adapter.empty()
                           ? decodeSafetensors(decoded->adapter, "the adapter of client " + w.record.client)
                           : Result<TensorMap>(TensorMap());
        if (!decoded || !adapter) {
            markFailed(w, record, !decoded ? decoded.error() : adapter.error());
            continue;
        }
        w.record.bytesUp += int64_t(reply->size());
        if (map) {
            w.record.map = std::move(*map);
        }
        acceptTrainReply(w, *decoded, std::move(*adapter), updates, weights, record);
    }
    return updates;
}

Result<PeftAdapter> Coordinator::Impl::aggregate(const PeftAdapter &global, const std::vector<TensorMap> &updates,
                                                 const std::vector<double> &weights, RoundRecord &record) {
    if (updates.empty()) {
        record.events.push_back({"no-update", "no client trained this round; the global adapter is unchanged"});
        return global;
    }
    std::vector<const TensorMap *> pointers;
    for (const auto &u : updates) {
        pointers.push_back(&u);
    }
    auto merged = trial.aggregation == Aggregation::FlexLora ? aggregateFlexLora(pointers, weights, global.config.rank)
                                                             : aggregateFedAvg(pointers, weights);
    if (!merged) {
        return std::unexpected(
            merged.error().withContext("aggregating " + std::to_string(updates.size()) + " client updates"));
    }
    return PeftAdapter{global.config, std::move(*merged)};
}

Result<void> Coordinator::Impl::evaluate(int round, const PeftAdapter &adapter, RoundRecord &record,
                                         const RunControl &control) {
    const int every = trial.schedule.evalEvery;
    if (round != trial.schedule.rounds && (every <= 0 || round % every != 0)) {
        return {};
    }
    report(control, round, "evaluating", 0, 1);
    if (central.model && !centralSamples.empty()) {
        if (auto ok = central.model->setAdapterTensors(adapter.tensors); !ok) {
            return ok;
        }
        const detail::EvaluationRules rules{trial.evaluation.maxNewTokens, trial.maxTokens, trial.truncation,
                                            trial.evaluation.rouge, trial.promptTemplate};
        auto reply = detail::evaluateSamples(*central.model, *central.samples, centralSamples, rules);
        if (!reply) {
            return std::unexpected(reply.error().withContext("central evaluation"));
        }
        record.evaluations.push_back({"central", reply->samples, reply->rougeL, reply->loss, reply->seconds});
    }
    if (!trial.evaluation.federated) {
        return {};
    }
    auto adapterBytes = encodeSafetensors(adapter.tensors);
    if (!adapterBytes) {
        return std::unexpected(adapterBytes.error());
    }
    for (const auto &handle : sites) {
        EvaluateRequest request;
        request.round = round;
        request.sampling = trial.evaluation.sampling;
        request.maxSamplesPerTask = trial.evaluation.maxSamplesPerTask;
        request.maxNewTokens = trial.evaluation.maxNewTokens;
        request.maxTokens = trial.maxTokens;
        request.truncation = trial.truncation;
        request.promptTemplate = trial.promptTemplate;
        request.seed = trial.schedule.seed;
        request.rouge = trial.evaluation.rouge;
        request.adapter = *adapterBytes;
        auto reply = handle.site->evaluate(encode(request));
        auto decoded =
            reply ? decodeEvaluateReply(*reply, "site " + handle.site->name()) : std::unexpected(reply.error());
        if (!decoded) {
            record.events.push_back({"evaluation-failed", handle.site->name() + ": " + decoded.error().message});
        } else if (decoded->samples > 0) {
            record.evaluations.push_back(
                {handle.site->name(), decoded->samples, decoded->rougeL, decoded->loss, decoded->seconds});
        }
    }
    return {};
}

} // namespace fp::engine
