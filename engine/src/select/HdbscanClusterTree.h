#pragma once

// The condensed cluster tree with stabilities, computed as R's dbscan::computeStability() does.
//
// Walking the merges from the top down, a cluster splits into two new clusters when both sides of
// a merge hold at least minClusterSize points; when only one side does, both sides stay in the
// cluster, and the points of the small side leave it one by one, at the heights where they become
// singletons. Once a cluster has split, points that still leave it (from such small sides) leave at
// its split height. A point leaving cluster C at height e adds 1/e - 1/birth(C) to C's stability;
// a split adds n_split * (1/death - 1/birth). The arithmetic follows R's operation by operation, so
// stabilities, including their infinities and NaNs from zero heights, are bit-identical.

#include "select/HdbscanMergeTree.h"

#include <vector>

namespace fp::engine::hdbscan_detail {

struct ClusterNode {
    double birth = 0.0;  // height at which the cluster appears (R's eps_birth)
    double death = 0.0;  // height at which it splits, or its lowest point-pair merge (R's eps_death)
    bool split = false;  // R's processed
    int sizeAtSplit = 0; // points in the cluster when it splits (R's n_children)
    int left = -1;       // child clusters, -1 for a leaf
    int right = -1;
    std::vector<int> points;         // points that leave this cluster as it shrinks (R's contains)
    std::vector<double> exitHeights; // the height at which each of `points` leaves (R's eps)
    double stability = 0.0;
};

class HdbscanClusterTree {
public:
    // Cluster 0 is the root; children are numbered as R numbers them (left child first).
    HdbscanClusterTree(const MergeTree &tree, int minClusterSize);

    [[nodiscard]] const std::vector<ClusterNode> &clusters() const { return m_clusters; }
    [[nodiscard]] int pointCount() const { return m_pointCount; }

private:
    void computeGroupSizes(const MergeTree &tree);
    void addPointPair(int cluster, int a, int b, double height);
    void addPoint(int cluster, int point, double height);
    void splitOrInherit(const MergeTree &tree, int k, int minClusterSize);
    void computeStability(ClusterNode &cluster) const;

    int m_pointCount = 0;
    std::vector<ClusterNode> m_clusters;
    std::vector<int> m_groupSize; // per merge: points in the group it makes
    std::vector<int> m_tracker;   // per merge: the cluster its group belongs to (R's cl_tracker)
};

} // namespace fp::engine::hdbscan_detail
