// The arithmetic of a trial estimate (TrialEstimate.h): no I/O, no model.
#include "fedpilot/engine/TrialEstimate.h"

#include "fedpilot/engine/Coordinator.h"

#include <algorithm>
#include <cmath>

namespace fp::engine {
namespace {

// Rounds simulated for the average; longer schedules scale the mean (clients are sampled uniformly every round).
constexpr int kRoundsSimulated = 200;
// The server's HDBSCAN labelled every center noise with 6 centers at server_min_cluster_size 2 in the recorded
// paper-mode runs (README, "Why paper mode trained in 1 of 3 seeds"): a round needs about 4 x that many centers.
constexpr double kMinCentersPerServerSize = 4.0;
// Bytes a client's plan and counts add to the adapters (PrepareRequest, TrainReply without the adapter).
constexpr int64_t kMessageOverhead = 200;

struct Client {
    size_t site = 0;
    int64_t samples = 0;
};

bool usesGroups(SelectionStrategy method) {
    return method == SelectionStrategy::FedHds || method == SelectionStrategy::FedHdsIntraOnly;
}

// Random takes as many samples as FedHDS would unless a per-client cap sets its count (Coordinator: needsFeatures).
bool randomFollowsFedHds(const CoresetBudget &budget) {
    return budget.maxFractionPerClient <= 0.0 && budget.maxPerClient <= 0;
}

// Step 1 of the budget rule (Selection.h): the per-client cap on `wanted` of `available` samples.
double capPerClient(double wanted, int64_t available, const CoresetBudget &budget) {
    double cap = wanted;
    if (budget.maxFractionPerClient > 0.0) {
        cap = std::min(cap, std::max(1.0, std::floor(budget.maxFractionPerClient * double(available))));
    }
    if (budget.maxPerClient > 0) {
        cap = std::min(cap, double(budget.maxPerClient));
    }
    return cap;
}

// Selection traffic of one client and round: its centers up (one byte per coordinate plus ids) and the chosen ids
// down (docs/protocol.md), about 27 to 65 bytes in the recorded runs.
double selectionBytes(double groups, const ClusteringOptions &options) {
    const int dims = options.centerDims > 0 ? options.centerDims : 2;
    return 8.0 + groups * double(dims + 3);
}

int64_t medianOf(std::vector<int64_t> values) {
    if (values.empty()) {
        return 0;
    }
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
}

// The samples a client needs to form about two groups at min_cluster_size m (inverse of expectedClientGroups).
int64_t samplesForTwoGroups(int minClusterSize) { return int64_t(std::ceil(8.9 * double(minClusterSize))); }

struct RoundFigures {
    double clients = 0, offered = 0, groups = 0, trained = 0, bytes = 0, seconds = 0, cost = 0;
};

// Bytes, seconds and cost of a round from the calibration: every sampled client gets the adapter, a client that
// trains sends one back, FedHDS clients send their centers; features are extracted where the strategy clusters.
void addMeasuredFigures(RoundFigures &round, const TrialSpec &trial, const StrategySpec &strategy,
                        const std::vector<Client> &clients, const std::vector<size_t> &sampled,
                        const std::vector<double> &groups, const std::vector<double> &counts,
                        const ComputeCalibration &calibration) {
    const bool features = usesGroups(strategy.method) ||
                          (strategy.method == SelectionStrategy::Random && randomFollowsFedHds(strategy.budget));
    for (size_t i = 0; i < sampled.size(); ++i) {
        const Client &client = clients[sampled[i]];
        const double trains = std::min(1.0, counts[i]); // a client with an empty coreset sends no adapter
        double bytes = double(calibration.adapterBytes) * (1.0 + trains) + double(kMessageOverhead);
        if (usesGroups(strategy.method)) {
            bytes += selectionBytes(groups[i], strategy.clustering);
        }
        double seconds = counts[i] * double(trial.schedule.localEpochs) * calibration.trainSecondsPerSample;
        if (features) {
            seconds += double(client.samples) * calibration.featureSecondsPerSample;
        }
        round.bytes += bytes;
        round.seconds += seconds;
        round.cost += trial.sites[client.site].cost.cost(seconds, int64_t(bytes));
    }
}

// One round's expectation for the sampled clients.
RoundFigures estimateRound(const TrialSpec &trial, const StrategySpec &strategy, const std::vector<Client> &clients,
                           const std::vector<size_t> &sampled, const std::optional<ComputeCalibration> &calibration) {
    RoundFigures round;
    const auto &options = strategy.clustering;
    std::vector<double> groups(sampled.size(), 0.0), counts(sampled.size(), 0.0);
    double centers = 0.0;
    for (size_t i = 0; i < sampled.size(); ++i) {
        const Client &client = clients[sampled[i]];
        round.offered += double(client.samples);
        if (usesGroups(strategy.method) || strategy.method == SelectionStrategy::Random) {
            groups[i] = expectedClientGroups(client.samples, options.minClusterSize);
            centers += groups[i];
        }
    }
    // FedHDS keeps one center per global cluster: at most centers / server_min_cluster_size, and none when the
    // round has too few centers for the server's HDBSCAN (kMinCentersPerServerSize).
    const double server = double(std::max(2, options.serverMinClusterSize));
    const double kept = centers >= kMinCentersPerServerSize * server ? centers / server : 0.0;
    for (size_t i = 0; i < sampled.size(); ++i) {
        const int64_t available = clients[sampled[i]].samples;
        double wanted = 0.0;
        switch (strategy.method) {
        case SelectionStrategy::FedHdsIntraOnly: wanted = groups[i]; break;
        case SelectionStrategy::FedHds: wanted = centers > 0.0 ? kept * groups[i] / centers : 0.0; break;
        case SelectionStrategy::Random:
            wanted = randomFollowsFedHds(strategy.budget) ? (centers > 0.0 ? kept * groups[i] / centers : 0.0)
                                                          : double(available);
            break;
        case SelectionStrategy::FullData: wanted = double(available); break;
        }
        counts[i] = std::min(double(available), capPerClient(wanted, available, strategy.budget));
        round.trained += counts[i];
    }
    // Step 2 of the budget rule: the round's cap takes from the largest clients first; the expectation only needs
    // the scale.
    if (strategy.budget.maxPerRound > 0 && round.trained > double(strategy.budget.maxPerRound)) {
        const double scale = double(strategy.budget.maxPerRound) / round.trained;
        for (double &count : counts) {
            count *= scale;
        }
        round.trained = double(strategy.budget.maxPerRound);
    }
    round.clients = double(sampled.size());
    round.groups = usesGroups(strategy.method) ? centers : 0.0;
    if (calibration) {
        addMeasuredFigures(round, trial, strategy, clients, sampled, groups, counts, *calibration);
    }
    return round;
}

void suggest(StrategyEstimate &estimate, int64_t simulatedSamples, int64_t clients) {
    const int m = estimate.minClusterSize;
    // Clients form groups but a round sends too few centers for the server: sample more clients per round.
    if (estimate.groupsPerRound > 0.0 && estimate.clientsPerRound > 0.0) {
        const double perClient = estimate.groupsPerRound / estimate.clientsPerRound;
        const double needed =
            std::ceil(kMinCentersPerServerSize * double(std::max(2, estimate.serverMinClusterSize)) / perClient);
        estimate.starvedAtServer = true;
        estimate.suggestedParticipation = std::min(1.0, needed / double(std::max<int64_t>(1, clients)));
        return;
    }
    for (int candidate = m - 1; candidate >= 2; --candidate) {
        if (expectedClientGroups(estimate.medianClientSamples, candidate) >= 2.0) {
            estimate.suggestedMinClusterSize = candidate;
            break;
        }
    }
    estimate.suggestedMaxClients = std::max<int64_t>(1, simulatedSamples / samplesForTwoGroups(m));
}

} // namespace

double expectedClientGroups(int64_t samples, int minClusterSize) {
    const double m = double(std::max(2, minClusterSize));
    const double n = double(std::max<int64_t>(0, samples));
    const double fitted = (n - 3.5 * m) / (2.7 * m);
    return std::clamp(fitted, 0.0, std::floor(n / m));
}

TrialEstimate estimateTrial(const TrialSpec &trial, const std::vector<SiteClientCounts> &sites,
                            const std::optional<ComputeCalibration> &calibration) {
    TrialEstimate estimate;
    estimate.rounds = trial.schedule.rounds;
    estimate.calibrated = calibration.has_value();
    if (calibration) {
        estimate.calibration = *calibration;
    }
    std::vector<Client> clients;
    std::vector<int64_t> sizes;
    int64_t simulatedSamples = 0;
    for (size_t s = 0; s < sites.size() && s < trial.sites.size(); ++s) {
        estimate.remoteSites += sites[s].remote ? 1 : 0;
        for (int64_t samples : sites[s].samples) {
            clients.push_back({s, samples});
            sizes.push_back(samples);
            simulatedSamples += samples;
        }
    }
    estimate.clients = int64_t(clients.size());
    const int simulated = std::min(std::max(1, trial.schedule.rounds), kRoundsSimulated);
    for (const auto &strategy : trial.strategies) {
        StrategyEstimate row;
        row.name = strategy.name;
        row.method = strategy.method;
        row.minClusterSize = strategy.clustering.minClusterSize;
        row.serverMinClusterSize = strategy.clustering.serverMinClusterSize;
        row.medianClientSamples = medianOf(sizes);
        RoundFigures sum;
        for (int r = 1; r <= simulated && !clients.empty(); ++r) {
            const auto sampled = sampleClients(clients.size(), trial.schedule.participation, trial.schedule.seed, r,
                                               trial.schedule.clientsPerRound);
            const RoundFigures round = estimateRound(trial, strategy, clients, sampled, calibration);
            sum.clients += round.clients;
            sum.offered += round.offered;
            sum.groups += round.groups;
            sum.trained += round.trained;
            sum.bytes += round.bytes;
            sum.seconds += round.seconds;
            sum.cost += round.cost;
        }
        const double mean = 1.0 / double(simulated), whole = double(trial.schedule.rounds) / double(simulated);
        row.clientsPerRound = sum.clients * mean;
        row.samplesOffered = sum.offered * mean;
        row.groupsPerRound = sum.groups * mean;
        row.samplesTrained = sum.trained * mean;
        row.bytes = int64_t(std::llround(sum.bytes * whole));
        row.computeSeconds = sum.seconds * whole;
        row.cost = sum.cost * whole;
        row.starved = !clients.empty() && row.samplesTrained < 1.0;
        if (row.starved && row.method != SelectionStrategy::FullData) {
            suggest(row, simulatedSamples, estimate.clients);
        }
        estimate.strategies.push_back(std::move(row));
    }
    return estimate;
}

} // namespace fp::engine
