#pragma once

// Excess-of-mass cluster selection over the condensed tree (R's fosc() and
// getSalientAssignments()).

#include "select/HdbscanClusterTree.h"

#include <vector>

namespace fp::engine::hdbscan_detail {

// The selected clusters, in R's order (R numbers its clusters 1..k in this order). Bottom-up, a
// cluster replaces its selected descendants unless their summed scores exceed its own stability
// strictly. The root is selected only when allowSingleCluster is true (it then competes like any
// other cluster; a root that never splits is the single cluster). Never empty clusters.
[[nodiscard]] std::vector<int> selectClusters(const HdbscanClusterTree &tree, bool allowSingleCluster);

// Per point, the position of its cluster in `selected`, or -1 (noise). A selected cluster owns
// every point that leaves it or any of its descendants.
[[nodiscard]] std::vector<int> labelPoints(const HdbscanClusterTree &tree, const std::vector<int> &selected);

} // namespace fp::engine::hdbscan_detail
