#pragma once

// A static k-d tree over the input points, for the HDBSCAN fast path: exact k-th neighbour
// distances (core distances) and the box bounds the pruned Prim search needs.

#include <span>
#include <vector>

namespace fp::engine::hdbscan_detail {

// Squared Euclidean distance, summed over the dimensions in index order as R's dist() and the ANN
// library do: sqrt of it is bit-identical to R's distances, and R's ties are decided on those bits.
inline double squaredDistance(const double *a, const double *b, int dim) {
    double sum = 0.0;
    for (int d = 0; d < dim; ++d) {
        const double t = a[d] - b[d];
        sum += t * t;
    }
    return sum;
}

class HdbscanKdTree {
public:
    struct Node {
        int begin = 0; // first tree position of the node's points
        int end = 0;   // one past the last
        int left = -1; // children, -1 for a leaf
        int right = -1;
        int parent = -1;
    };

    // Copies the points into tree order. leafSize: most points a leaf holds.
    HdbscanKdTree(std::span<const double> points, int dim, int leafSize = 16);

    [[nodiscard]] int dim() const { return m_dim; }
    [[nodiscard]] int size() const { return static_cast<int>(m_index.size()); }
    [[nodiscard]] const std::vector<Node> &nodes() const { return m_nodes; }
    [[nodiscard]] const double *pointAt(int position) const { return &m_coords[std::size_t(position) * m_dim]; }
    [[nodiscard]] int indexAt(int position) const { return m_index[position]; }
    [[nodiscard]] int positionOf(int index) const { return m_position[index]; }
    [[nodiscard]] int leafAt(int position) const { return m_leaf[position]; }

    // Squared distance from q to the node's bounding box. Never larger than squaredDistance(q, p)
    // for a point p in the node, bit for bit (each term is rounded monotonically), so pruning on it
    // never drops a point that could win.
    [[nodiscard]] double boxSquaredDistance(const double *q, int node) const;

    // For every point, in input order, the squared distance to its k-th nearest point, the point
    // itself counting as the first (so k = 1 gives 0). Requires 1 <= k <= size().
    [[nodiscard]] std::vector<double> kthSquaredDistances(int k) const;

private:
    int build(int begin, int end, int parent, int leafSize);
    void computeBounds(int node);
    [[nodiscard]] int widestDimension(int node) const;
    void searchNearest(const double *q, int k, std::vector<double> &best, std::vector<int> &stack) const;

    int m_dim = 0;
    std::vector<double> m_coords; // points in tree order, row-major
    std::vector<int> m_index;     // tree position -> input index
    std::vector<int> m_position;  // input index -> tree position
    std::vector<int> m_leaf;      // tree position -> leaf node
    std::vector<Node> m_nodes;    // m_nodes[0] is the root
    std::vector<double> m_bounds; // per node: dim lower bounds, then dim upper bounds
};

} // namespace fp::engine::hdbscan_detail
