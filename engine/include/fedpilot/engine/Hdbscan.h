#pragma once

// HDBSCAN* clustering (Campello, Moulavi & Sander 2013) with excess-of-mass cluster selection.
// Plain C++: no torch, no Qt. Used by the FedHDS selection step on 2-D t-SNE embeddings and on
// the server over client cluster centers (ARCHITECTURE.md, "FedHDS, precisely").
//
// Two semantics (HdbscanSemantics, docs/hdbscan.md). By default (RDbscan), results reproduce R's
// `dbscan::hdbscan(x, minPts)` (package dbscan 1.1-11) exactly when
// minClusterSize == minSamples == minPts: the same noise points, the same clusters with the same
// numbering (R's cluster k is our label k-1, R's 0 is our -1) and the same membership
// probabilities, including on data with tied distances and duplicate points. Two deliberate
// differences, both in degenerate cases:
//   - a cluster whose points all have core distance 0 (duplicates) gets probability 1 for every
//     member, where R reports NaN;
//   - when no cluster is found, every probability is 0, where R reports (max - core) / max for
//     points it nevertheless labels noise.
// And one difference in scope: R stops with "Not enough neighbors" when there are fewer points
// than minPts; here that input is valid and every point is noise.
//
// PythonHdbscan follows the Python `hdbscan` package (0.8.x; the FedHDS reference code calls
// hdbscan.HDBSCAN(min_cluster_size=m)): core distances count minSamples neighbours besides the point,
// the condensed tree lets a split-off group of fewer than minClusterSize points leave at once, and
// membership probabilities come from the condensed tree's lambdas. Known limits: the package builds
// its tree with an approximate Boruvka MST (approx_min_span_tree=True) and orders tied edges with an
// unstable sort, so on data with tied distances, or where its MST is not minimal, it can differ; here
// the MST is exact and ties are broken as in R. Cluster numbering follows the package's cluster ids,
// which depend on which side of a split is "left"; with ties or a different MST edge orientation the
// numbering can be a permutation of the package's.

#include "fedpilot/engine/Error.h"

#include <span>
#include <vector>

namespace fp::engine {

// How the minimum spanning tree of mutual reachability distances is built. Every choice gives
// bit-identical results; the choice only changes speed.
enum class HdbscanAlgorithm {
    Auto,   // KdTree for dim <= 8, Dense above
    KdTree, // k-d tree neighbour search and pruned Prim: fast in low dimension (t-SNE output)
    Dense,  // O(n^2) time, O(n) memory Prim: no index, best for high dimension or tiny n
};

// Whose definition of HDBSCAN* to follow where implementations disagree (docs/hdbscan.md).
enum class HdbscanSemantics {
    // R's dbscan 1.1-11: minSamples counts the point itself; a point leaves its cluster at its own
    // merge height; probability = (maxCore - core) / maxCore over the point's cluster.
    RDbscan,
    // Python hdbscan 0.8.x (the FedHDS reference code): minSamples neighbours besides the point
    // (capped at n - 1); a small group that splits off leaves at the split's lambda; probability =
    // min(lambda_point, maxLambda) / maxLambda, maxLambda the largest lambda at which anything leaves
    // the point's selected cluster (get_probabilities()).
    PythonHdbscan,
};

struct HdbscanOptions {
    // Smallest group of points that counts as a cluster (R's minPts, Python's min_cluster_size). At
    // least 2.
    int minClusterSize = 5;
    // Density smoothing. RDbscan: the core distance of a point is the distance to its minSamples-th
    // nearest point, the point itself counting as the first (R's minPts); 1 makes core distances 0
    // and HDBSCAN* plain single linkage. PythonHdbscan: the distance to its min(minSamples, n - 1)-th
    // nearest other point (the package's min_samples; 1 is the nearest neighbour's distance). 0
    // means "equal to minClusterSize" (R's only choice; Python's min_samples=None). At least 1
    // otherwise.
    int minSamples = 0;
    // When false (R's behaviour, and FedHDS's), the root of the cluster tree, i.e. "all points
    // form one cluster", is never an answer. When true the root competes on stability like any
    // other cluster, and data with no split worth keeping comes back as one cluster.
    bool allowSingleCluster = false;
    HdbscanAlgorithm algorithm = HdbscanAlgorithm::Auto;
    HdbscanSemantics semantics = HdbscanSemantics::RDbscan;
};

struct HdbscanResult {
    // One label per point: -1 for noise, clusters numbered 0..clusterCount-1 in R's order.
    std::vector<int> labels;
    // Membership strength per point, in [0, 1], 0 for noise. RDbscan: (maxCore - core) / maxCore
    // where maxCore is the largest core distance inside the point's cluster (R's `membership_prob`).
    // PythonHdbscan: from the condensed tree, as `HDBSCAN.probabilities_` (see HdbscanSemantics).
    std::vector<double> probabilities;
    int clusterCount = 0;
    // Per cluster, the probability-weighted mean of its points in the input dimensions (the FedHDS
    // cluster center), with the probabilities of the chosen semantics. Where every probability of a
    // cluster is 0 (RDbscan, all core distances equal), the plain mean.
    std::vector<std::vector<double>> centroids;
    // Per point, the core distance of the chosen semantics (R's `coredist`; Python's core_distances);
    // +infinity when there are too few points for one (RDbscan: fewer than minSamples; PythonHdbscan:
    // fewer than 2).
    std::vector<double> coreDistances;
};

// Clusters n points given row-major in `points` (n * dim values, point i at [i*dim, (i+1)*dim)),
// with Euclidean distances. Runs in the calling thread; deterministic.
// Errors (ErrorCode::InvalidArgument): dim <= 0; points.size() not a multiple of dim;
// minClusterSize < 2; minSamples < 0; a coordinate that is NaN, infinite or larger than 1e150 in
// magnitude (squared distances would overflow). Fewer points than minClusterSize (or minSamples)
// is not an error: every point is noise. No points gives an empty result.
[[nodiscard]] Result<HdbscanResult> hdbscan(std::span<const double> points, int dim,
                                            const HdbscanOptions &options = {});

} // namespace fp::engine
