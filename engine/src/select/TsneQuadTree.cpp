#include "select/TsneQuadTree.h"
#include "select/TsneSimd.h"

#include <algorithm>
#include <numeric>

namespace fp::engine::tsne_detail {
namespace {

constexpr int kLeafSize = 4;   // more points than this split a cell
constexpr int kGroupSize = 32; // points that share one traversal
constexpr int kMaxDepth = 48;  // deeper cells would be below double resolution of the root

// Appends without a capacity check per array: the caller reserves room for the whole list first.
class InteractionWriter {
public:
    explicit InteractionWriter(TsneInteractions &list)
        : m_x(list.x.data()), m_y(list.y.data()), m_mass(list.mass.data()) {}

    void add(double px, double py, double mass) {
        m_x[m_size] = static_cast<float>(px);
        m_y[m_size] = static_cast<float>(py);
        m_mass[m_size] = static_cast<float>(mass);
        ++m_size;
    }
    // Massless entries up to a whole number of SIMD vectors.
    std::size_t pad() {
        while (m_size % Simd<float>::kLanes != 0) {
            add(0.0, 0.0, 0.0);
        }
        return m_size;
    }

private:
    float *m_x;
    float *m_y;
    float *m_mass;
    std::size_t m_size = 0;
};

// Sums a padded list for one point: z = sum m w, (fx, fy) = sum m w^2 (p - c).
void sumInteractions(const TsneInteractions &list, std::size_t size, double px, double py, double &fx, double &fy,
                     double &z) {
    using S = Simd<float>;
    const S::Vec x = S::splat(static_cast<float>(px)), y = S::splat(static_cast<float>(py)), one = S::splat(1.0f);
    S::Vec sz{}, sx{}, sy{};
    for (std::size_t e = 0; e < size; e += S::kLanes) {
        const S::Vec dx = x - S::load(&list.x[e]), dy = y - S::load(&list.y[e]);
        const S::Vec w = one / (one + dx * dx + dy * dy);
        const S::Vec mw = S::load(&list.mass[e]) * w;
        sz += mw;
        const S::Vec mww = mw * w;
        sx += mww * dx;
        sy += mww * dy;
    }
    z = S::sum(sz);
    fx = S::sum(sx);
    fy = S::sum(sy);
}

} // namespace

void TsneQuadTree::build(const std::vector<double> &y, int n) {
    m_nodes.clear();
    m_groups.clear();
    m_order.resize(static_cast<std::size_t>(n));
    std::iota(m_order.begin(), m_order.end(), 0);
    m_scratch.resize(static_cast<std::size_t>(n));
    m_x.resize(static_cast<std::size_t>(n));
    m_y.resize(static_cast<std::size_t>(n));
    if (n == 0) {
        return;
    }
    // Coordinates in original order while partitioning; rewritten in tree order at the end.
    double minX = y[0], maxX = y[0], minY = y[1], maxY = y[1];
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
        m_x[i] = y[2 * i];
        m_y[i] = y[2 * i + 1];
        minX = std::min(minX, m_x[i]);
        maxX = std::max(maxX, m_x[i]);
        minY = std::min(minY, m_y[i]);
        maxY = std::max(maxY, m_y[i]);
    }
    // Slightly larger than the bounding box so the largest coordinates fall inside the upper halves.
    const double side = std::max(maxX - minX, maxY - minY) * (1.0 + 1e-9) + 1e-300;
    buildNode(0, n, minX, minY, side, 0);
    std::vector<double> x(static_cast<std::size_t>(n)), yy(static_cast<std::size_t>(n));
    for (std::size_t t = 0; t < static_cast<std::size_t>(n); ++t) {
        x[t] = m_x[m_order[t]];
        yy[t] = m_y[m_order[t]];
    }
    m_x.swap(x);
    m_y.swap(yy);
    collectGroups();
}

bool TsneQuadTree::samePoint(int begin, int end) const {
    const int first = m_order[begin];
    for (int t = begin + 1; t < end; ++t) {
        const int i = m_order[t];
        if (m_x[i] != m_x[first] || m_y[i] != m_y[first]) {
            return false;
        }
    }
    return true;
}

// A stable counting sort of [begin, end) by quadrant (bit 0: right half, bit 1: upper half), so builds are
// deterministic; start receives the quadrants' offsets relative to begin.
void TsneQuadTree::partition(int begin, int end, double midX, double midY, int (&start)[5]) {
    const auto quadrant = [&](int i) { return (m_x[i] >= midX ? 1 : 0) + (m_y[i] >= midY ? 2 : 0); };
    std::fill(start, start + 5, 0);
    for (int t = begin; t < end; ++t) {
        ++start[quadrant(m_order[t]) + 1];
    }
    for (int q = 0; q < 4; ++q) {
        start[q + 1] += start[q];
    }
    int fill[4] = {start[0], start[1], start[2], start[3]};
    for (int t = begin; t < end; ++t) {
        m_scratch[begin + fill[quadrant(m_order[t])]++] = m_order[t];
    }
    std::copy(m_scratch.begin() + begin, m_scratch.begin() + end, m_order.begin() + begin);
}

void TsneQuadTree::buildNode(int begin, int end, double x0, double y0, double side, int depth) {
    const auto self = m_nodes.size();
    m_nodes.emplace_back();
    double sx = 0.0, sy = 0.0;
    for (int t = begin; t < end; ++t) {
        sx += m_x[m_order[t]];
        sy += m_y[m_order[t]];
    }
    Node &node = m_nodes[self];
    node.mass = end - begin;
    node.cx = sx / node.mass;
    node.cy = sy / node.mass;
    node.side2 = side * side;
    node.begin = begin;
    node.end = end;
    node.leaf = end - begin <= kLeafSize || depth >= kMaxDepth || samePoint(begin, end);
    if (!node.leaf) {
        const double half = side / 2.0;
        int start[5];
        partition(begin, end, x0 + half, y0 + half, start);
        for (int q = 0; q < 4; ++q) {
            if (start[q + 1] > start[q]) {
                buildNode(begin + start[q], begin + start[q + 1], x0 + (q & 1) * half, y0 + (q >> 1) * half, half,
                          depth + 1);
            }
        }
    }
    m_nodes[self].next = static_cast<int>(m_nodes.size());
}

// Groups are the largest cells with at most kGroupSize points; together they cover every point once.
void TsneQuadTree::collectGroups() {
    std::size_t index = 0;
    while (index < m_nodes.size()) {
        const Node &node = m_nodes[index];
        if (node.end - node.begin > kGroupSize && !node.leaf) {
            ++index;
            continue;
        }
        Group group{node.begin, node.end, m_x[node.begin], m_x[node.begin], m_y[node.begin], m_y[node.begin]};
        for (int t = node.begin; t < node.end; ++t) {
            group.minX = std::min(group.minX, m_x[t]);
            group.maxX = std::max(group.maxX, m_x[t]);
            group.minY = std::min(group.minY, m_y[t]);
            group.maxY = std::max(group.maxY, m_y[t]);
        }
        m_groups.push_back(group);
        index = static_cast<std::size_t>(node.next);
    }
}

void TsneQuadTree::groupRepulsion(int g, double theta2, TsneInteractions &list, double *fx, double *fy,
                                  double *z) const {
    const Group &group = m_groups[g];
    // Each node adds at most max(1, kLeafSize) entries (more only in leaves of duplicates or at kMaxDepth).
    const std::size_t room = m_nodes.size() + m_x.size() + Simd<float>::kLanes;
    for (auto *array : {&list.x, &list.y, &list.mass}) {
        if (array->size() < room) {
            array->resize(room);
        }
    }
    InteractionWriter writer(list);
    std::size_t index = 0;
    while (index < m_nodes.size()) {
        const Node &node = m_nodes[index];
        const bool overlaps = node.begin < group.end && group.begin < node.end;
        const double dx = std::max(std::max(group.minX - node.cx, node.cx - group.maxX), 0.0);
        const double dy = std::max(std::max(group.minY - node.cy, node.cy - group.maxY), 0.0);
        if (!overlaps && node.side2 < theta2 * (dx * dx + dy * dy)) {
            writer.add(node.cx, node.cy, node.mass);
            index = static_cast<std::size_t>(node.next);
        } else if (node.leaf) {
            // Includes the group's own points: each meets itself at distance 0 (w = 1, no force).
            for (int t = node.begin; t < node.end; ++t) {
                writer.add(m_x[t], m_y[t], 1.0);
            }
            index = static_cast<std::size_t>(node.next);
        } else {
            ++index;
        }
    }
    const std::size_t size = writer.pad();
    for (int t = group.begin; t < group.end; ++t) {
        sumInteractions(list, size, m_x[t], m_y[t], fx[t], fy[t], z[t]);
        z[t] -= 1.0; // the point itself
    }
}

} // namespace fp::engine::tsne_detail
