#pragma once

// Core distances: the distance from each point to its k-th nearest point, the point itself
// counting as the first (R's `coredist(x, minPts)` = kNN(x, minPts - 1) without the point itself).

#include <span>
#include <vector>

namespace fp::engine::hdbscan_detail {

class HdbscanKdTree;

// Brute force: O(n^2) time, O(n) memory. Requires 1 <= k <= n.
[[nodiscard]] std::vector<double> coreDistancesDense(std::span<const double> points, int dim, int k);

// With the tree; bit-identical to coreDistancesDense. Requires 1 <= k <= n.
[[nodiscard]] std::vector<double> coreDistancesKdTree(const HdbscanKdTree &tree, int k);

} // namespace fp::engine::hdbscan_detail
