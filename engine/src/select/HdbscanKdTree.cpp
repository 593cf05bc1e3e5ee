#include "select/HdbscanKdTree.h"

#include <algorithm>
#include <numeric>

namespace fp::engine::hdbscan_detail {

HdbscanKdTree::HdbscanKdTree(std::span<const double> points, int dim, int leafSize) : m_dim(dim) {
    const int n = static_cast<int>(points.size() / std::size_t(dim));
    m_index.resize(n);
    std::iota(m_index.begin(), m_index.end(), 0);
    m_coords.assign(points.begin(), points.end()); // input order until build() has permuted m_index
    if (n > 0) {
        m_nodes.reserve(std::size_t(2 * (n / std::max(1, leafSize / 2)) + 1));
        build(0, n, -1, std::max(1, leafSize));
    }
    std::vector<double> ordered(m_coords.size());
    m_position.resize(n);
    m_leaf.resize(n);
    for (int pos = 0; pos < n; ++pos) {
        std::copy_n(&points[std::size_t(m_index[pos]) * dim], dim, &ordered[std::size_t(pos) * dim]);
        m_position[m_index[pos]] = pos;
    }
    m_coords = std::move(ordered);
    for (int node = 0; node < static_cast<int>(m_nodes.size()); ++node)
        if (m_nodes[node].left < 0)
            std::fill(m_leaf.begin() + m_nodes[node].begin, m_leaf.begin() + m_nodes[node].end, node);
}

// Splits at the median of the widest dimension; the depth stays ~log2(n / leafSize), so recursion is safe.
int HdbscanKdTree::build(int begin, int end, int parent, int leafSize) {
    const int node = static_cast<int>(m_nodes.size());
    m_nodes.push_back(Node{begin, end, -1, -1, parent});
    m_bounds.resize(m_nodes.size() * 2 * std::size_t(m_dim));
    computeBounds(node);
    if (end - begin <= leafSize)
        return node;
    const int d = widestDimension(node);
    const int mid = begin + (end - begin) / 2;
    const double *coords = m_coords.data();
    const int dim = m_dim;
    std::nth_element(m_index.begin() + begin, m_index.begin() + mid, m_index.begin() + end,
                     [coords, dim, d](int a, int b) {
                         const double va = coords[std::size_t(a) * dim + d], vb = coords[std::size_t(b) * dim + d];
                         return va < vb || (va == vb && a < b);
                     });
    const int left = build(begin, mid, node, leafSize);
    const int right = build(mid, end, node, leafSize);
    m_nodes[node].left = left;
    m_nodes[node].right = right;
    return node;
}

// m_coords is still in input order while the tree is built; m_index maps positions to it.
void HdbscanKdTree::computeBounds(int node) {
    double *lower = &m_bounds[std::size_t(node) * 2 * m_dim];
    double *upper = lower + m_dim;
    const Node &nd = m_nodes[node];
    for (int d = 0; d < m_dim; ++d) {
        double lo = m_coords[std::size_t(m_index[nd.begin]) * m_dim + d], hi = lo;
        for (int pos = nd.begin + 1; pos < nd.end; ++pos) {
            const double v = m_coords[std::size_t(m_index[pos]) * m_dim + d];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        lower[d] = lo;
        upper[d] = hi;
    }
}

int HdbscanKdTree::widestDimension(int node) const {
    const double *lower = &m_bounds[std::size_t(node) * 2 * m_dim];
    const double *upper = lower + m_dim;
    int widest = 0;
    for (int d = 1; d < m_dim; ++d)
        if (upper[d] - lower[d] > upper[widest] - lower[widest])
            widest = d;
    return widest;
}

double HdbscanKdTree::boxSquaredDistance(const double *q, int node) const {
    const double *lower = &m_bounds[std::size_t(node) * 2 * m_dim];
    const double *upper = lower + m_dim;
    double sum = 0.0;
    for (int d = 0; d < m_dim; ++d) {
        double t = 0.0;
        if (q[d] < lower[d])
            t = lower[d] - q[d];
        else if (q[d] > upper[d])
            t = q[d] - upper[d];
        sum += t * t;
    }
    return sum;
}

// Depth-first, nearer child first; `best` holds the k smallest squared distances so far, ascending.
void HdbscanKdTree::searchNearest(const double *q, int k, std::vector<double> &best, std::vector<int> &stack) const {
    best.clear();
    stack.assign(1, 0);
    while (!stack.empty()) {
        const int node = stack.back();
        stack.pop_back();
        const bool full = static_cast<int>(best.size()) == k;
        if (full && boxSquaredDistance(q, node) >= best.back())
            continue;
        const Node &nd = m_nodes[node];
        if (nd.left >= 0) {
            const bool leftFirst = boxSquaredDistance(q, nd.left) <= boxSquaredDistance(q, nd.right);
            stack.push_back(leftFirst ? nd.right : nd.left);
            stack.push_back(leftFirst ? nd.left : nd.right);
            continue;
        }
        for (int pos = nd.begin; pos < nd.end; ++pos) {
            const double dsq = squaredDistance(q, pointAt(pos), m_dim);
            if (static_cast<int>(best.size()) == k) {
                if (dsq >= best.back())
                    continue;
                best.pop_back();
            }
            best.insert(std::upper_bound(best.begin(), best.end(), dsq), dsq);
        }
    }
}

std::vector<double> HdbscanKdTree::kthSquaredDistances(int k) const {
    std::vector<double> result(m_index.size());
    std::vector<double> best;
    std::vector<int> stack;
    best.reserve(std::size_t(k) + 1);
    for (int pos = 0; pos < size(); ++pos) {
        searchNearest(pointAt(pos), k, best, stack);
        result[m_index[pos]] = best.back();
    }
    return result;
}

} // namespace fp::engine::hdbscan_detail
