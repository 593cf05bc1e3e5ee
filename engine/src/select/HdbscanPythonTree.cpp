#include "select/HdbscanPythonTree.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace fp::engine::hdbscan_detail {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// One row of the condensed tree: `child` (a point < n, or a cluster id >= n) leaves or splits off
// `parent` (a cluster id) at `lambda`.
struct CondensedRow {
    int parent = 0;
    int child = 0;
    double lambda = 0.0;
    int childSize = 1;
};

// The single-linkage tree in the package's scipy numbering: point p is node p, merge i is node n + i.
class Hierarchy {
public:
    explicit Hierarchy(const MergeTree &tree) : m_tree(tree), m_n(tree.pointCount()), m_size(tree.merges.size()) {
        for (std::size_t i = 0; i < tree.merges.size(); ++i)
            m_size[i] = size(child(int(i), 0)) + size(child(int(i), 1));
    }
    [[nodiscard]] int pointCount() const { return m_n; }
    [[nodiscard]] int root() const { return 2 * m_n - 2; }
    [[nodiscard]] int child(int merge, int side) const {
        const int entry = m_tree.merges[std::size_t(merge)][std::size_t(side)];
        return entry < 0 ? -entry - 1 : m_n + entry - 1;
    }
    [[nodiscard]] int size(int node) const { return node < m_n ? 1 : m_size[std::size_t(node - m_n)]; }
    // condense_tree(): 1/height, infinity at height 0.
    [[nodiscard]] double lambda(int node) const {
        const double h = m_tree.heights[std::size_t(node - m_n)];
        return h > 0.0 ? 1.0 / h : kInfinity;
    }
    // bfs_from_hierarchy(): the node, then its children level by level, left before right.
    [[nodiscard]] std::vector<int> breadthFirst(int from) const {
        std::vector<int> order{from};
        for (std::size_t k = 0; k < order.size(); ++k) {
            if (order[k] >= m_n) {
                order.push_back(child(order[k] - m_n, 0));
                order.push_back(child(order[k] - m_n, 1));
            }
        }
        return order;
    }

private:
    const MergeTree &m_tree;
    int m_n;
    std::vector<int> m_size;
};

// condense_tree(hierarchy, min_cluster_size). Cluster ids: the root is n, new clusters n+1, n+2, ...
std::vector<CondensedRow> condenseTree(const Hierarchy &h, int minClusterSize) {
    const int n = h.pointCount();
    std::vector<int> relabel(std::size_t(h.root() + 1), 0);
    std::vector<char> ignore(relabel.size(), 0);
    std::vector<CondensedRow> rows;
    relabel[std::size_t(h.root())] = n;
    int nextLabel = n + 1;
    auto shed = [&](int cluster, int subtree, double lambda) {
        for (const int node : h.breadthFirst(subtree)) {
            if (node < n)
                rows.push_back({cluster, node, lambda, 1});
            ignore[std::size_t(node)] = 1;
        }
    };
    for (const int node : h.breadthFirst(h.root())) {
        if (ignore[std::size_t(node)] || node < n)
            continue;
        const int left = h.child(node - n, 0), right = h.child(node - n, 1);
        const int cluster = relabel[std::size_t(node)];
        const double lambda = h.lambda(node);
        const bool bigLeft = h.size(left) >= minClusterSize, bigRight = h.size(right) >= minClusterSize;
        if (bigLeft && bigRight) {
            relabel[std::size_t(left)] = nextLabel++;
            rows.push_back({cluster, relabel[std::size_t(left)], lambda, h.size(left)});
            relabel[std::size_t(right)] = nextLabel++;
            rows.push_back({cluster, relabel[std::size_t(right)], lambda, h.size(right)});
        } else if (!bigLeft && !bigRight) {
            shed(cluster, left, lambda);
            shed(cluster, right, lambda);
        } else if (!bigLeft) {
            relabel[std::size_t(right)] = cluster;
            shed(cluster, left, lambda);
        } else {
            relabel[std::size_t(left)] = cluster;
            shed(cluster, right, lambda);
        }
    }
    return rows;
}

struct ClusterTable {
    int first = 0;                          // the root's id (n)
    std::vector<double> birth;              // per cluster: lambda of the row that creates it; 0 for the root
    std::vector<double> stability;          // compute_stability()
    std::vector<double> maxLambda;          // max_lambdas(): largest lambda of a row leaving the cluster
    std::vector<int> parent;                // -1 for the root
    std::vector<std::vector<int>> children; // child clusters, in row order
};

ClusterTable tabulate(const std::vector<CondensedRow> &rows, int n) {
    int last = n;
    for (const CondensedRow &r : rows)
        last = std::max({last, r.parent, r.child});
    const std::size_t count = std::size_t(last - n + 1);
    ClusterTable t;
    t.first = n;
    t.birth.assign(count, 0.0);
    t.stability.assign(count, 0.0);
    t.maxLambda.assign(count, 0.0);
    t.parent.assign(count, -1);
    t.children.assign(count, {});
    for (const CondensedRow &r : rows) {
        if (r.child >= n) {
            t.birth[std::size_t(r.child - n)] = r.lambda;
            t.parent[std::size_t(r.child - n)] = r.parent;
            t.children[std::size_t(r.parent - n)].push_back(r.child);
        }
        double &top = t.maxLambda[std::size_t(r.parent - n)];
        top = std::max(top, r.lambda);
    }
    // result_arr[parent] += (lambda - births[parent]) * child_size, in row order
    for (const CondensedRow &r : rows)
        t.stability[std::size_t(r.parent - n)] += (r.lambda - t.birth[std::size_t(r.parent - n)]) * r.childSize;
    return t;
}

// get_clusters(..., "eom"): children before parents (descending ids), the root only when a single
// cluster is allowed. A cluster gives way to its children when their summed stability, held in a C
// float as the package holds it, is strictly larger; otherwise it is selected and its descendants
// are not.
std::vector<char> selectExcessOfMass(ClusterTable &t, bool allowSingleCluster) {
    const int count = int(t.stability.size());
    std::vector<char> selected(std::size_t(count), 0);
    const int lowest = allowSingleCluster ? 0 : 1;
    for (int c = lowest; c < count; ++c)
        selected[std::size_t(c)] = 1;
    for (int c = count - 1; c >= lowest; --c) {
        double sum = 0.0;
        for (const int child : t.children[std::size_t(c)])
            sum += t.stability[std::size_t(child - t.first)];
        const float subtree = static_cast<float>(sum); // cdef float subtree_stability
        if (double(subtree) > t.stability[std::size_t(c)]) {
            selected[std::size_t(c)] = 0;
            t.stability[std::size_t(c)] = double(subtree);
            continue;
        }
        std::vector<int> pending = t.children[std::size_t(c)];
        while (!pending.empty()) {
            const int d = pending.back() - t.first;
            pending.pop_back();
            selected[std::size_t(d)] = 0;
            pending.insert(pending.end(), t.children[std::size_t(d)].begin(), t.children[std::size_t(d)].end());
        }
    }
    return selected;
}

} // namespace

PythonClusters pythonClusters(const MergeTree &tree, int minClusterSize, bool allowSingleCluster) {
    const Hierarchy hierarchy(tree);
    const int n = hierarchy.pointCount();
    const std::vector<CondensedRow> rows = condenseTree(hierarchy, minClusterSize);
    ClusterTable table = tabulate(rows, n);
    const std::vector<char> selected = selectExcessOfMass(table, allowSingleCluster);

    // Labels in ascending cluster id; owner: the selected cluster a cluster's points belong to.
    const std::size_t count = selected.size();
    std::vector<int> label(count, -1);
    PythonClusters out;
    for (std::size_t c = 0; c < count; ++c)
        if (selected[c])
            label[c] = out.clusterCount++;
    std::vector<int> owner(count, -1); // parents have smaller ids than their children
    for (std::size_t c = 0; c < count; ++c)
        owner[c] = selected[c] ? int(c) : (table.parent[c] < 0 ? -1 : owner[std::size_t(table.parent[c] - n)]);

    out.labels.assign(std::size_t(n), -1);
    out.probabilities.assign(std::size_t(n), 0.0);
    const double rootMaxLambda = table.maxLambda[0];
    for (const CondensedRow &r : rows) {
        if (r.child >= n)
            continue;
        const int c = owner[std::size_t(r.parent - n)];
        if (c < 0)
            continue;
        // do_labelling(): with the root as the single cluster, only the points that stay in it to its
        // largest lambda belong to it.
        if (c == 0 && r.lambda < rootMaxLambda)
            continue;
        out.labels[std::size_t(r.child)] = label[std::size_t(c)];
        // get_probabilities(): min(lambda, max lambda of the cluster) / max lambda of the cluster.
        const double top = table.maxLambda[std::size_t(c)];
        out.probabilities[std::size_t(r.child)] =
            top == 0.0 || !std::isfinite(r.lambda) ? 1.0 : std::min(r.lambda, top) / top;
    }
    return out;
}

} // namespace fp::engine::hdbscan_detail
