#pragma once

// Cluster extraction as the Python `hdbscan` package (0.8.x, _hdbscan_tree.pyx) does it, for
// HdbscanSemantics::PythonHdbscan: condense_tree(), compute_stability(), get_clusters() with
// cluster_selection_method="eom", do_labelling() and get_probabilities(). See docs/hdbscan.md.
//
// The condensed tree differs from R's (HdbscanClusterTree): when a group of fewer than
// minClusterSize points splits off a cluster at distance d, all its points leave the cluster at
// lambda = 1/d at once (R lets each of them leave at its own, lower, merge height), so stabilities,
// and at times the selected clusters, differ. Membership probabilities come from these lambdas.

#include "select/HdbscanMergeTree.h"

#include <vector>

namespace fp::engine::hdbscan_detail {

struct PythonClusters {
    std::vector<int> labels;           // -1 noise, else 0..clusterCount-1 in the package's order
    std::vector<double> probabilities; // 0 for noise
    int clusterCount = 0;
};

// Requires tree.pointCount() >= 2. Clusters are numbered by the package's cluster ids (breadth-first
// order of the condensed tree, left child first), as get_clusters() numbers them.
[[nodiscard]] PythonClusters pythonClusters(const MergeTree &tree, int minClusterSize, bool allowSingleCluster);

} // namespace fp::engine::hdbscan_detail
