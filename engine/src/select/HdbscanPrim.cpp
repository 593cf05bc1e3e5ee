#include "select/HdbscanPrim.h"

#include "select/HdbscanKdTree.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <utility>

namespace fp::engine::hdbscan_detail {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// R's mrd(): max(d, max(core_a, core_b)); a max of three values is exact in any order.
inline double mutualReachability(double distance, double coreA, double coreB) {
    return std::max(distance, std::max(coreA, coreB));
}

// Prim's algorithm over the k-d tree, driven by nearest-neighbour queries. Every visited point v
// has one heap entry (w, p): the unvisited point p with the smallest (mrd(v, p), p). The smallest
// entry over all v is then min over unvisited p of (key(p), p), exactly R's next point. An entry
// goes stale when its p gets visited; a stale entry only ever understates v's true best, so it is
// refreshed when it reaches the top and never decides anything.
//
// Copies of one location have the same core distance and the same mutual reachability to every
// point, so only the first visited copy gets an entry: with n copies of a point, n entries would
// all go stale at every step.
class KdPrim {
public:
    KdPrim(const HdbscanKdTree &tree, std::span<const double> core);
    PrimPath run();

private:
    struct Candidate {
        double weight = kInfinity;
        int point = INT_MAX; // input index
        bool operator<(const Candidate &o) const { return weight != o.weight ? weight < o.weight : point < o.point; }
    };
    struct Entry {
        Candidate best;
        int from; // input index of the visited point the entry belongs to
        bool operator>(const Entry &o) const { return o.best < best || (!(best < o.best) && from > o.from); }
    };

    void visit(int index);
    void pushNearest(int from);
    void search(int node, const double *q, double coreQ, Candidate &best) const;
    [[nodiscard]] bool canImprove(int node, const double *q, double coreQ, const Candidate &best) const;
    [[nodiscard]] bool isVisited(int index) const { return m_visited[m_tree.positionOf(index)] != 0; }
    void findCopies();

    const HdbscanKdTree &m_tree;
    std::vector<double> m_core;      // by tree position
    std::vector<char> m_visited;     // by tree position
    std::vector<double> m_minCore;   // by node
    std::vector<int> m_minOpenIndex; // by node: smallest input index not yet visited, INT_MAX if none
    std::vector<int> m_location;     // by input index: first input index with the same coordinates
    std::vector<char> m_hasEntry;    // by input index of a location: one of its copies has an entry
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> m_heap;
};

KdPrim::KdPrim(const HdbscanKdTree &tree, std::span<const double> core)
    : m_tree(tree), m_core(std::size_t(tree.size())), m_visited(std::size_t(tree.size()), 0),
      m_minCore(tree.nodes().size()), m_minOpenIndex(tree.nodes().size()) {
    for (int pos = 0; pos < tree.size(); ++pos)
        m_core[pos] = core[tree.indexAt(pos)];
    const auto &nodes = tree.nodes();
    for (int node = static_cast<int>(nodes.size()) - 1; node >= 0; --node) { // children come after parents
        const HdbscanKdTree::Node &nd = nodes[node];
        if (nd.left >= 0) {
            m_minCore[node] = std::min(m_minCore[nd.left], m_minCore[nd.right]);
            m_minOpenIndex[node] = std::min(m_minOpenIndex[nd.left], m_minOpenIndex[nd.right]);
            continue;
        }
        m_minCore[node] = *std::min_element(m_core.begin() + nd.begin, m_core.begin() + nd.end);
        m_minOpenIndex[node] = INT_MAX;
        for (int pos = nd.begin; pos < nd.end; ++pos)
            m_minOpenIndex[node] = std::min(m_minOpenIndex[node], tree.indexAt(pos));
    }
    findCopies();
}

void KdPrim::findCopies() {
    const int n = m_tree.size();
    const int dim = m_tree.dim();
    std::vector<int> byCoordinates(static_cast<std::size_t>(n));
    std::iota(byCoordinates.begin(), byCoordinates.end(), 0);
    const auto coordinates = [this](int index) { return m_tree.pointAt(m_tree.positionOf(index)); };
    std::sort(byCoordinates.begin(), byCoordinates.end(), [&](int a, int b) {
        const double *pa = coordinates(a), *pb = coordinates(b);
        const auto [da, db] = std::mismatch(pa, pa + dim, pb);
        return da != pa + dim ? *da < *db : a < b;
    });
    m_location.resize(std::size_t(n));
    m_hasEntry.assign(std::size_t(n), 0);
    for (int i = 0; i < n; ++i) {
        const int index = byCoordinates[i];
        const bool copy =
            i > 0 && std::equal(coordinates(index), coordinates(index) + dim, coordinates(byCoordinates[i - 1]));
        m_location[index] = copy ? m_location[byCoordinates[i - 1]] : index;
    }
}

PrimPath KdPrim::run() {
    PrimPath path;
    const int n = m_tree.size();
    path.order.reserve(std::size_t(n));
    path.weights.reserve(std::size_t(n));
    path.order.push_back(0);
    path.weights.push_back(0.0);
    visit(0);
    m_hasEntry[m_location[0]] = 1;
    pushNearest(0);
    while (static_cast<int>(path.order.size()) < n) {
        const Entry top = m_heap.top();
        m_heap.pop();
        if (isVisited(top.best.point)) {
            pushNearest(top.from); // stale: refresh
            continue;
        }
        const int point = top.best.point;
        path.order.push_back(point);
        path.weights.push_back(top.best.weight);
        visit(point);
        if (!m_hasEntry[m_location[point]]) {
            m_hasEntry[m_location[point]] = 1;
            pushNearest(point);
        }
        m_heap.push(top); // now stale; refreshed only if it ever reaches the top again
    }
    return path;
}

void KdPrim::visit(int index) {
    const int pos = m_tree.positionOf(index);
    m_visited[pos] = 1;
    const auto &nodes = m_tree.nodes();
    const int leaf = m_tree.leafAt(pos);
    int open = INT_MAX;
    for (int p = nodes[leaf].begin; p < nodes[leaf].end; ++p)
        if (!m_visited[p])
            open = std::min(open, m_tree.indexAt(p));
    m_minOpenIndex[leaf] = open;
    for (int node = nodes[leaf].parent; node >= 0; node = nodes[node].parent)
        m_minOpenIndex[node] = std::min(m_minOpenIndex[nodes[node].left], m_minOpenIndex[nodes[node].right]);
}

void KdPrim::pushNearest(int from) {
    const int pos = m_tree.positionOf(from);
    Candidate best;
    search(0, m_tree.pointAt(pos), m_core[pos], best);
    if (best.point != INT_MAX)
        m_heap.push(Entry{best, from});
}

// Whether an open point of the node could beat `best`. The bound never exceeds the mutual
// reachability of q and a point in the node (see boxSquaredDistance).
bool KdPrim::canImprove(int node, const double *q, double coreQ, const Candidate &best) const {
    if (m_minOpenIndex[node] == INT_MAX)
        return false;
    const double cores = std::max(coreQ, m_minCore[node]);
    if (cores > best.weight)
        return false;
    const double bound = std::max(cores, std::sqrt(m_tree.boxSquaredDistance(q, node)));
    return bound < best.weight || (bound == best.weight && m_minOpenIndex[node] < best.point);
}

// Depth-first, nearer child first.
void KdPrim::search(int node, const double *q, double coreQ, Candidate &best) const {
    const HdbscanKdTree::Node &nd = m_tree.nodes()[node];
    if (nd.left >= 0) {
        const bool leftFirst = m_tree.boxSquaredDistance(q, nd.left) <= m_tree.boxSquaredDistance(q, nd.right);
        const int first = leftFirst ? nd.left : nd.right;
        const int second = leftFirst ? nd.right : nd.left;
        if (canImprove(first, q, coreQ, best))
            search(first, q, coreQ, best);
        if (canImprove(second, q, coreQ, best))
            search(second, q, coreQ, best);
        return;
    }
    for (int pos = nd.begin; pos < nd.end; ++pos) {
        if (m_visited[pos])
            continue;
        const double d = std::sqrt(squaredDistance(q, m_tree.pointAt(pos), m_tree.dim()));
        const Candidate c{mutualReachability(d, coreQ, m_core[pos]), m_tree.indexAt(pos)};
        if (c < best)
            best = c;
    }
}

} // namespace

PrimPath primPathDense(std::span<const double> points, int dim, std::span<const double> core) {
    const int n = static_cast<int>(points.size() / std::size_t(dim));
    PrimPath path;
    if (n == 0)
        return path;
    std::vector<double> key(std::size_t(n), kInfinity);
    std::vector<char> visited(std::size_t(n), 0);
    int current = 0;
    path.order.push_back(0);
    path.weights.push_back(0.0);
    for (int step = 1; step < n; ++step) {
        visited[current] = 1;
        const double *p = &points[std::size_t(current) * dim];
        int next = -1;
        double nextKey = kInfinity;
        for (int i = 0; i < n; ++i) {
            if (visited[i])
                continue;
            const double d = std::sqrt(squaredDistance(p, &points[std::size_t(i) * dim], dim));
            key[i] = std::min(key[i], mutualReachability(d, core[current], core[i]));
            if (key[i] < nextKey || next < 0) { // strict: the smallest index wins a tie, as in R
                nextKey = key[i];
                next = i;
            }
        }
        path.order.push_back(next);
        path.weights.push_back(nextKey);
        current = next;
    }
    return path;
}

PrimPath primPathKdTree(const HdbscanKdTree &tree, std::span<const double> core) {
    if (tree.size() == 0)
        return {};
    return KdPrim(tree, core).run();
}

} // namespace fp::engine::hdbscan_detail
