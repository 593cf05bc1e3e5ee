#include "select/HdbscanClusterTree.h"

#include <algorithm>

namespace fp::engine::hdbscan_detail {

HdbscanClusterTree::HdbscanClusterTree(const MergeTree &tree, int minClusterSize) : m_pointCount(tree.pointCount()) {
    const int merges = static_cast<int>(tree.merges.size());
    computeGroupSizes(tree);
    m_tracker.assign(std::size_t(merges), 0);
    m_clusters.emplace_back();
    m_clusters[0].birth = tree.heights.back(); // the root's death stays 0 unless it splits, as in R
    for (int k = merges - 1; k >= 0; --k) {
        const auto [a, b] = tree.merges[k];
        const int cluster = m_tracker[k];
        if (a < 0 && b < 0) {
            addPointPair(cluster, -a - 1, -b - 1, tree.heights[k]);
        } else if (a < 0 || b < 0) {
            addPoint(cluster, -std::min(a, b) - 1, tree.heights[k]);
            m_tracker[std::max(a, b) - 1] = cluster;
        } else {
            splitOrInherit(tree, k, minClusterSize);
        }
    }
    for (ClusterNode &cluster : m_clusters)
        computeStability(cluster);
}

void HdbscanClusterTree::computeGroupSizes(const MergeTree &tree) {
    m_groupSize.assign(tree.merges.size(), 0);
    for (std::size_t k = 0; k < tree.merges.size(); ++k) {
        const auto [a, b] = tree.merges[k];
        m_groupSize[k] = (a < 0 ? 1 : m_groupSize[a - 1]) + (b < 0 ? 1 : m_groupSize[b - 1]);
    }
}

void HdbscanClusterTree::addPointPair(int cluster, int a, int b, double height) {
    ClusterNode &c = m_clusters[cluster];
    const double exit = c.split ? c.death : height;
    c.points.push_back(a);
    c.points.push_back(b);
    c.exitHeights.push_back(exit);
    c.exitHeights.push_back(exit);
    if (!c.split)
        c.death = std::min(height, c.death);
}

void HdbscanClusterTree::addPoint(int cluster, int point, double height) {
    ClusterNode &c = m_clusters[cluster];
    c.points.push_back(point);
    c.exitHeights.push_back(c.split ? c.death : height);
}

void HdbscanClusterTree::splitOrInherit(const MergeTree &tree, int k, int minClusterSize) {
    const auto [a, b] = tree.merges[k];
    const int cluster = m_tracker[k];
    const int sizeA = m_groupSize[a - 1];
    const int sizeB = m_groupSize[b - 1];
    if (sizeA < minClusterSize || sizeB < minClusterSize) {
        m_tracker[a - 1] = cluster;
        m_tracker[b - 1] = cluster;
        return;
    }
    const int left = static_cast<int>(m_clusters.size());
    const int right = left + 1;
    m_clusters.resize(m_clusters.size() + 2);
    ClusterNode &parent = m_clusters[cluster];
    parent.death = tree.heights[k];
    parent.split = true;
    parent.sizeAtSplit = sizeA + sizeB;
    parent.left = left;
    parent.right = right;
    m_clusters[left].birth = tree.heights[k];
    m_clusters[right].birth = tree.heights[k];
    m_clusters[left].death = tree.heights[a - 1];
    m_clusters[right].death = tree.heights[b - 1];
    m_tracker[a - 1] = left;
    m_tracker[b - 1] = right;
}

// R: sum(1/eps - 1/eps_birth) + (nc * 1/eps_death - nc * 1/eps_birth), evaluated left to right in
// doubles; 0/0 (a cluster that never split and whose lowest merge is at height 0) gives NaN, as in R.
void HdbscanClusterTree::computeStability(ClusterNode &cluster) const {
    const double inverseBirth = 1.0 / cluster.birth;
    double sum = 0.0;
    for (const double exit : cluster.exitHeights)
        sum += 1.0 / exit - inverseBirth;
    const double n = cluster.sizeAtSplit;
    cluster.stability = sum + (n / cluster.death - n / cluster.birth);
}

} // namespace fp::engine::hdbscan_detail
