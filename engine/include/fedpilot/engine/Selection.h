#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Hdbscan.h"

#include <cstdint>
#include <string>
#include <vector>

// Coreset selection: FedHDS (ACL 2025 Findings, arXiv 2410.10926) and the baselines it is compared with.
// The client and server halves are separate functions so that the federation can run them on different
// machines; selectCoreset() runs a whole round in-process.
namespace fp::engine {

enum class SelectionStrategy {
    FedHds,          // intra-client then inter-client clustering
    FedHdsIntraOnly, // ablation: every client group is kept, no inter-client step
    Random,          // uniform sample of the same size as FedHDS picks (or the budget)
    FullData,        // every sample (FedIT)
};

[[nodiscard]] const char *selectionStrategyName(SelectionStrategy strategy); // "fedhds", "fedhds-intra", ...
// Accepts "fedhds", "fedhds-intra", "random", "full" (alias "fedit"). Errors: InvalidArgument.
Result<SelectionStrategy> parseSelectionStrategy(const std::string &name);

// Caps that apply to any strategy. 0 means "no limit". The rule, applied in this order:
//  1. per client: keep the first min(maxPerClient, max(1, floor(maxFractionPerClient * available)))
//     samples of the client's selection, which is ordered by priority (FedHDS: larger groups first;
//     Random and FullData: a seeded random order);
//  2. per round: while the round holds more than maxPerRound samples, drop the last sample of the
//     client that holds the most (ties: the client listed last).
struct CoresetBudget {
    double maxFractionPerClient = 0.0; // in (0, 1]
    int64_t maxPerClient = 0;
    int64_t maxPerRound = 0;
};

struct ClusteringOptions {
    int minClusterSize = 5; // client HDBSCAN (paper: 5 on Natural Instructions, 2 on Dolly)
    int minSamples = 0;     // 0: equal to minClusterSize
    int serverMinClusterSize = 2;
    double perplexity = 30.0; // used as min(perplexity, n - 1)
    int tsneIterations = 1000;
    double dpSigma = 0.0; // > 0: centers are sent as tanh(center) + N(0, sigma^2)
    // The space the centers a client sends live in, so that the server can compare centers of different clients:
    //  > 0: the group's probability-weighted mean feature, L2-normalised, through a random Gaussian projection to
    //       this many dimensions that every client of a round draws from the same projectionSeed (so the same
    //       topic lands in the same place whichever client holds it; 4 values per center, sent as 8-bit codes,
    //       CenterCodes.h);
    //  0:   the group's center in the client's own t-SNE map (the paper's reference implementation). Maps of
    //       different clients are not aligned, so the server may merge different topics or split one.
    int centerDims = 4;
    // Whose HDBSCAN* definition the client and the server clustering follow (Hdbscan.h, docs/hdbscan.md): R dbscan
    // (default) or the Python hdbscan package the paper's reference code calls.
    HdbscanSemantics hdbscanSemantics = HdbscanSemantics::RDbscan;
    uint64_t projectionSeed = 0; // shared by every client of a round
    uint64_t seed = 0;
    int threads = 0; // t-SNE worker threads (0: all cores)
};

// --- client side -------------------------------------------------------------------------------
struct ClientGroup {
    int clusterId = 0;
    double x = 0.0, y = 0.0;   // the center in the client's t-SNE map
    std::vector<double> sent;  // the center as sent to the server (see centerDims; noised when DP is on)
    size_t representative = 0; // local sample nearest the true center (in the 2-D embedding)
    int size = 0;              // samples in the group
};

struct ClientClustering {
    std::vector<ClientGroup> groups;
    std::vector<double> embedding; // n x 2 t-SNE coordinates (all 0 when embedded is false)
    std::vector<int> labels;       // HDBSCAN label per sample, -1 noise
    bool embedded = false;         // t-SNE ran; false: fewer samples than a group needs
};

// t-SNE to 2-D, HDBSCAN, probability-weighted centers and their nearest real samples. features: one row
// per local sample, all of the same length. Fewer samples than minClusterSize give no group (not an error).
// Errors: InvalidArgument (ragged or non-finite features), Cancelled.
Result<ClientClustering> clusterClient(const std::vector<std::vector<float>> &features,
                                       const ClusteringOptions &options);

// The whole client as one group, for when clusterClient fails (t-SNE or HDBSCAN cannot split the samples):
// cluster id 0, every sample a member, the representative the sample nearest the mean feature, and `sent` a
// center of the same dimension as every other client's: for centerDims > 0 the projected, L2-normalised mean
// feature exactly as clusterClient computes a cluster's; for centerDims == 0 (0, 0), the origin of the client's
// own t-SNE map (x and y are 0 as well). DP noise is applied as clusterClient applies it.
// Errors: InvalidArgument (no samples, ragged or non-finite features).
Result<ClientGroup> clientAsOneGroup(const std::vector<std::vector<float>> &features, const ClusteringOptions &options);

// --- server side -------------------------------------------------------------------------------
struct CenterRef {
    size_t client = 0;
    int clusterId = 0;
    std::vector<double> coordinates; // ClientGroup::sent; every center of a round has the same dimension
};

struct CenterSelection {
    std::vector<size_t> chosen; // indices into the centers, one per global cluster
    int globalClusters = 0;
};

// HDBSCAN over every received center; per global cluster, the member nearest the cluster's weighted
// centroid. Centers labelled noise are not chosen. Errors: InvalidArgument (centers of different dimensions or
// non-finite coordinates).
Result<CenterSelection> selectCenters(const std::vector<CenterRef> &centers, int minClusterSize = 2,
                                      HdbscanSemantics semantics = HdbscanSemantics::RDbscan);

// --- a whole round, in-process -------------------------------------------------------------------
struct ClientSelection {
    std::vector<size_t> samples; // local indices, in priority order
    int available = 0;
    int groups = 0; // groups the client found (FedHDS variants)
};

struct RoundSelection {
    std::vector<ClientSelection> clients;
    int globalClusters = 0;
    int64_t centersSent = 0;
    [[nodiscard]] int64_t total() const;
};

// features[c] holds client c's rows. For Random, counts[c] (when given) is how many samples client c
// takes; without counts Random takes as many as FedHDS would (which runs the FedHDS selection first).
Result<RoundSelection> selectCoreset(const std::vector<std::vector<std::vector<float>>> &features,
                                     SelectionStrategy strategy, const ClusteringOptions &options,
                                     const CoresetBudget &budget, const std::vector<int64_t> *counts = nullptr);

// Applies the budget rule above in place. Errors: InvalidArgument for a fraction outside [0, 1] or
// negative counts.
Result<void> applyBudget(RoundSelection &round, const CoresetBudget &budget);

} // namespace fp::engine
