#include "select/HdbscanMergeTree.h"

#include <algorithm>
#include <numeric>

namespace fp::engine::hdbscan_detail {

namespace {

// Union-find over points; each root carries the hclust label of its group.
class GroupLabels {
public:
    explicit GroupLabels(int n) : m_parent(std::size_t(n)), m_label(std::size_t(n)) {
        std::iota(m_parent.begin(), m_parent.end(), 0);
        for (int p = 0; p < n; ++p)
            m_label[p] = -(p + 1);
    }

    int find(int p) {
        while (m_parent[p] != p) {
            m_parent[p] = m_parent[m_parent[p]];
            p = m_parent[p];
        }
        return p;
    }

    [[nodiscard]] int label(int root) const { return m_label[root]; }

    void join(int rootA, int rootB, int newLabel) {
        m_parent[rootB] = rootA;
        m_label[rootA] = newLabel;
    }

private:
    std::vector<int> m_parent;
    std::vector<int> m_label;
};

} // namespace

MergeTree mergeTreeFromPrimPath(const PrimPath &path) {
    const int n = static_cast<int>(path.order.size());
    std::vector<int> edges(std::size_t(n - 1)); // edge j links order[j + 1] to order[j]
    std::iota(edges.begin(), edges.end(), 0);
    std::stable_sort(edges.begin(), edges.end(),
                     [&path](int a, int b) { return path.weights[a + 1] < path.weights[b + 1]; });

    MergeTree tree;
    tree.merges.reserve(edges.size());
    tree.heights.reserve(edges.size());
    GroupLabels groups(n);
    for (int i = 0; i < n - 1; ++i) {
        const int j = edges[i];
        const int left = groups.find(path.order[j + 1]);
        const int right = groups.find(path.order[j]);
        tree.merges.push_back({groups.label(left), groups.label(right)});
        tree.heights.push_back(path.weights[j + 1]);
        groups.join(left, right, i + 1);
    }
    return tree;
}

} // namespace fp::engine::hdbscan_detail
