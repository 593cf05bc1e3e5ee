#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Trial.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// What a trial will cost before it runs: per strategy, clients per round, samples trained, bytes, compute seconds
// and cost, and a warning when a strategy would train on (almost) nothing. The figures come from the sites'
// real split into clients (countTrialClients: the data is read and partitioned as a run does, no model), the
// clients a run samples (sampleClients with the trial's seed), and optionally a short calibration of the trial's
// model on this machine (calibrateCompute). estimateTrial itself is arithmetic on those, with no I/O.
namespace fp::engine {

// The clients of one trial site, in the order a run lists them.
struct SiteClientCounts {
    std::string site;
    bool remote = false;          // a fedpilot-agent holds the data: clients unknown here (samples empty)
    std::vector<int64_t> samples; // training samples per client, after max_samples_per_client
    int64_t heldOut = 0;          // samples of held-out tasks the site keeps
};

// Seconds per sample on this machine for the trial's model, from timing a few real samples of its first simulated
// site: feature extraction (as FedHDS runs it before clustering) and LoRA training steps (batch size 1).
struct ComputeCalibration {
    double featureSecondsPerSample = 0.0;
    double trainSecondsPerSample = 0.0; // one epoch over one sample
    int64_t adapterBytes = 0;           // the serialized LoRA adapter (sent down and up per client and round)
    int featureSamples = 0;             // samples timed
    int trainSamples = 0;
    int threads = 0; // intra-op threads in force while timing
};

// How many groups FedHDS finds in a client of n samples with HDBSCAN min_cluster_size m, as measured with
// stories260K on Natural Instructions v1 (iid splits, fedpilot-cli select --strategy fedhds-intra): no group at
// n = 16 with m = 5, 1.05 per client at n = 31, 3.2 at n = 62, 6.5 at n = 100. The fit, max(0, (n - 3.5 m) /
// (2.7 m)) capped at floor(n / m), is an expectation for planning, not a bound.
[[nodiscard]] double expectedClientGroups(int64_t samples, int minClusterSize);

struct StrategyEstimate {
    std::string name; // the entry's name (what the run is recorded under)
    SelectionStrategy method = SelectionStrategy::FedHds;
    double clientsPerRound = 0.0; // mean over the rounds, simulated sites' clients only
    double samplesOffered = 0.0;  // per round: samples the sampled clients hold
    double groupsPerRound = 0.0;  // FedHDS variants: expected client groups (centers sent)
    double samplesTrained = 0.0;  // per round, after the budget (FedHDS: at most one per global cluster)
    int64_t bytes = 0;            // whole run: adapters down and up, plus selection traffic (needs calibration)
    double computeSeconds = 0.0;  // whole run: features + training on this machine (needs calibration)
    double cost = 0.0;            // whole run: the sites' cost models over those seconds and bytes
    // True when the strategy would train on (almost) nothing: under one sample per round on average.
    bool starved = false;
    // With starved FedHDS variants whose clients are too small: a min_cluster_size at which the typical (median) client
    // forms about two groups, 0 when even 2 is too large; and the most clients per site that would hold enough samples
    // at the current min_cluster_size (0: no simulated site).
    int suggestedMinClusterSize = 0;
    int64_t suggestedMaxClients = 0;
    // Starved FedHDS whose clients do form groups, but whose rounds send too few centers for the server's HDBSCAN
    // (fewer than 4 x server_min_cluster_size: in the recorded runs 6 centers at 2 were all noise): the
    // participation that samples enough clients per round (then the two suggestions above stay 0).
    bool starvedAtServer = false;
    double suggestedParticipation = 0.0;
    int64_t medianClientSamples = 0; // of the clients the strategy's sites hold
    int minClusterSize = 0;          // the entry's min_cluster_size
    int serverMinClusterSize = 0;    // and its server_min_cluster_size
};

struct TrialEstimate {
    int rounds = 0;
    int64_t clients = 0;     // every simulated client
    int remoteSites = 0;     // sites with an agent: not in the figures
    bool calibrated = false; // bytes, seconds and cost are filled in
    ComputeCalibration calibration;
    std::vector<StrategyEstimate> strategies; // in trial order
};

// The estimate for every strategy of trial. Without calibration, bytes, computeSeconds and cost stay 0.
[[nodiscard]] TrialEstimate estimateTrial(const TrialSpec &trial, const std::vector<SiteClientCounts> &sites,
                                          const std::optional<ComputeCalibration> &calibration);

// Reads every simulated site's data and splits it into clients exactly as a run does (partition with the schedule
// seed, held-out tasks kept aside, max_samples_per_client applied); sites with an agent are listed as remote.
// Errors: those of reading and partitioning, naming the site.
Result<std::vector<SiteClientCounts>> countTrialClients(const TrialSpec &trial, std::vector<std::string> *warnings);

// Loads the trial's model with its LoRA configuration and times feature extraction over up to `samples` samples
// and one training epoch over up to samples / 2 of them (after one untimed sample of each, as a run pays its first
// call once), from the first client of the first simulated site.
// Runs on the calling thread (never the GUI thread). It sets the process's intra-op threads as a run does (threads,
// or automaticThreads for the model when 0), so do not call it while a run is in progress in the same process.
// cancelled (may be empty) is checked between steps.
// Errors: those of loading the model and data; InvalidArgument when the trial has no simulated site with samples;
// Cancelled.
Result<ComputeCalibration> calibrateCompute(const TrialSpec &trial, int samples = 16, int threads = 0,
                                            const std::function<bool()> &cancelled = {});

} // namespace fp::engine
