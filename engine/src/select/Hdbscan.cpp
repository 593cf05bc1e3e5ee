// HDBSCAN* entry point: checks the input, then runs core distances -> Prim visit order ->
// single-linkage merges -> condensed tree -> excess-of-mass selection -> labels, probabilities and
// centroids. Each step lives in its own Hdbscan*.cpp and follows R's dbscan 1.1-11 (see Hdbscan.h);
// with HdbscanSemantics::PythonHdbscan the core distances count neighbours as the Python hdbscan
// package does and the last three steps are HdbscanPythonTree's.

#include "fedpilot/engine/Hdbscan.h"

#include "select/HdbscanClusterTree.h"
#include "select/HdbscanCoreDistances.h"
#include "select/HdbscanKdTree.h"
#include "select/HdbscanMergeTree.h"
#include "select/HdbscanPrim.h"
#include "select/HdbscanPythonTree.h"
#include "select/HdbscanSelection.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace fp::engine {

namespace {

constexpr int kKdTreeMaxDim = 8;        // above this a k-d tree prunes too little to pay off
constexpr double kMaxMagnitude = 1e150; // squared differences of larger values overflow

std::string describeCoordinate(std::size_t value, int dim, double x) {
    std::ostringstream out;
    out << "hdbscan: point " << value / std::size_t(dim) << ", coordinate " << value % std::size_t(dim) << " is " << x;
    return out.str();
}

Result<void> validate(std::span<const double> points, int dim, const HdbscanOptions &options) {
    if (dim <= 0)
        return fail(ErrorCode::InvalidArgument, "hdbscan: dim must be at least 1, got " + std::to_string(dim));
    if (points.size() % std::size_t(dim) != 0)
        return fail(ErrorCode::InvalidArgument, "hdbscan: " + std::to_string(points.size()) +
                                                    " coordinates are not a whole number of " + std::to_string(dim) +
                                                    "-dimensional points");
    if (points.size() / std::size_t(dim) >= std::size_t(INT_MAX))
        return fail(ErrorCode::InvalidArgument, "hdbscan: more than 2^31 - 2 points");
    if (options.minClusterSize < 2)
        return fail(ErrorCode::InvalidArgument,
                    "hdbscan: minClusterSize must be at least 2, got " + std::to_string(options.minClusterSize));
    if (options.minSamples < 0)
        return fail(ErrorCode::InvalidArgument,
                    "hdbscan: minSamples must be 0 (same as minClusterSize) or at least 1, got " +
                        std::to_string(options.minSamples));
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!std::isfinite(points[i]))
            return fail(ErrorCode::InvalidArgument, describeCoordinate(i, dim, points[i]) + ", not a finite number");
        if (std::abs(points[i]) > kMaxMagnitude)
            return fail(ErrorCode::InvalidArgument,
                        describeCoordinate(i, dim, points[i]) + ", beyond the supported magnitude 1e150");
    }
    return {};
}

// R: prob = (max_f - coredist) / max_f over each cluster's points; a cluster of zero core
// distances (duplicates) gets 1 where R's 0/0 gives NaN.
std::vector<double> membershipProbabilities(const std::vector<int> &labels, const std::vector<double> &core,
                                            int clusterCount) {
    std::vector<double> maxCore(std::size_t(clusterCount), 0.0);
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0)
            maxCore[labels[i]] = std::max(maxCore[labels[i]], core[i]);
    std::vector<double> probabilities(labels.size(), 0.0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0)
            continue;
        const double top = maxCore[labels[i]];
        probabilities[i] = top > 0.0 ? (top - core[i]) / top : 1.0;
    }
    return probabilities;
}

// The k for "distance to the k-th nearest point, the point itself counting as the first".
// R: minPts. Python hdbscan: min_samples neighbours besides the point (KDTree.query(k=min_samples + 1)
// and the last column), with min_samples capped at n - 1 and raised to 1 (hdbscan()); at n < 2 the
// result exceeds n and there is no core distance.
int coreRank(int n, const HdbscanOptions &options) {
    const int minSamples = options.minSamples == 0 ? options.minClusterSize : options.minSamples;
    if (options.semantics == HdbscanSemantics::RDbscan)
        return minSamples;
    return std::max(1, std::min(n - 1, minSamples)) + 1;
}

std::vector<std::vector<double>> weightedCentroids(std::span<const double> points, int dim, const HdbscanResult &r) {
    std::vector<std::vector<double>> weighted(std::size_t(r.clusterCount), std::vector<double>(std::size_t(dim), 0.0));
    std::vector<std::vector<double>> plain = weighted;
    std::vector<double> weightSum(std::size_t(r.clusterCount), 0.0);
    std::vector<double> count(std::size_t(r.clusterCount), 0.0);
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
        const int c = r.labels[i];
        if (c < 0)
            continue;
        for (int d = 0; d < dim; ++d) {
            weighted[c][d] += r.probabilities[i] * points[i * dim + d];
            plain[c][d] += points[i * dim + d];
        }
        weightSum[c] += r.probabilities[i];
        count[c] += 1.0;
    }
    for (int c = 0; c < r.clusterCount; ++c) {
        if (!(weightSum[c] > 0.0)) { // every member has probability 0: all core distances are equal
            weighted[c] = std::move(plain[c]);
            weightSum[c] = count[c];
        }
        for (double &x : weighted[c])
            x /= weightSum[c];
    }
    return weighted;
}

} // namespace

Result<HdbscanResult> hdbscan(std::span<const double> points, int dim, const HdbscanOptions &options) {
    if (auto valid = validate(points, dim, options); !valid)
        return std::unexpected(valid.error());
    const int n = static_cast<int>(points.size() / std::size_t(dim));
    const int coreK = coreRank(n, options);
    HdbscanResult result;
    result.labels.assign(std::size_t(n), -1);
    result.probabilities.assign(std::size_t(n), 0.0);
    result.coreDistances.assign(std::size_t(n), std::numeric_limits<double>::infinity());
    if (n < coreK && n < options.minClusterSize)
        return result;

    const bool useTree = options.algorithm == HdbscanAlgorithm::KdTree ||
                         (options.algorithm == HdbscanAlgorithm::Auto && dim <= kKdTreeMaxDim);
    hdbscan_detail::PrimPath path;
    if (useTree) {
        const hdbscan_detail::HdbscanKdTree kdTree(points, dim);
        if (n >= coreK)
            result.coreDistances = hdbscan_detail::coreDistancesKdTree(kdTree, coreK);
        if (n >= coreK && n >= options.minClusterSize)
            path = hdbscan_detail::primPathKdTree(kdTree, result.coreDistances);
    } else {
        if (n >= coreK)
            result.coreDistances = hdbscan_detail::coreDistancesDense(points, dim, coreK);
        if (n >= coreK && n >= options.minClusterSize)
            path = hdbscan_detail::primPathDense(points, dim, result.coreDistances);
    }
    if (path.order.empty())
        return result; // too few points for a cluster: all noise

    const hdbscan_detail::MergeTree merges = hdbscan_detail::mergeTreeFromPrimPath(path);
    if (options.semantics == HdbscanSemantics::PythonHdbscan) {
        auto clusters = hdbscan_detail::pythonClusters(merges, options.minClusterSize, options.allowSingleCluster);
        result.labels = std::move(clusters.labels);
        result.probabilities = std::move(clusters.probabilities);
        result.clusterCount = clusters.clusterCount;
    } else {
        const hdbscan_detail::HdbscanClusterTree tree(merges, options.minClusterSize);
        const std::vector<int> selected = hdbscan_detail::selectClusters(tree, options.allowSingleCluster);
        result.labels = hdbscan_detail::labelPoints(tree, selected);
        result.clusterCount = static_cast<int>(selected.size());
        result.probabilities = membershipProbabilities(result.labels, result.coreDistances, result.clusterCount);
    }
    result.centroids = weightedCentroids(points, dim, result);
    return result;
}

} // namespace fp::engine
