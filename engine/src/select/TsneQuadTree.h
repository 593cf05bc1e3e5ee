#pragma once

#include <vector>

namespace fp::engine::tsne_detail {

// A region quadtree over 2-D points for Barnes-Hut repulsion.
//
// Nodes are stored depth first, each with the index just past its subtree, so a traversal is a loop over
// an array with no stack. Points are kept in tree order: a cell's points are contiguous, and points near in
// the plane are near in memory.
//
// Repulsion is computed per group of nearby points (a cell of at most kGroupSize points) rather than per
// point: one traversal collects the cells that are far from the group's whole bounding box, plus the single
// points of the leaves that are not, and every point of the group then sums that list with SIMD. Since a
// cell far from the box is at least as far from each point in it, this is at least as accurate as the
// per-point criterion of van der Maaten's Barnes-Hut t-SNE, and much faster.
// A group's interaction list: far cells as (centre of mass, mass) and near points with mass 1, in float
// structure-of-arrays form. Scratch space owned by the caller, one per thread.
struct TsneInteractions {
    std::vector<float> x, y, mass;
};

class TsneQuadTree {
public:
    // y: n x 2 row-major. Rebuilds the whole tree.
    void build(const std::vector<double> &y, int n);

    // order()[t] is the original index of the point at tree position t.
    [[nodiscard]] const std::vector<int> &order() const { return m_order; }
    [[nodiscard]] int groupCount() const { return static_cast<int>(m_groups.size()); }

    // Repulsion on every point of group g, at tree positions t: adds sum_j w_tj^2 (y_t - y_j) to
    // (fx[t], fy[t]) and sum_j w_tj to z[t] over all other points j, w = 1 / (1 + |y_t - y_j|^2). A cell of
    // side s whose centre of mass lies at distance d from the group's box is taken as one point when
    // s^2 < theta2 * d^2.
    void groupRepulsion(int g, double theta2, TsneInteractions &scratch, double *fx, double *fy, double *z) const;

private:
    struct Node {
        double cx = 0.0; // centre of mass
        double cy = 0.0;
        double mass = 0.0;  // number of points
        double side2 = 0.0; // squared side of the cell
        int begin = 0;      // tree positions [begin, end)
        int end = 0;
        int next = 0; // first node after this subtree
        bool leaf = true;
    };
    struct Group {
        int begin = 0; // tree positions [begin, end)
        int end = 0;
        double minX = 0.0, maxX = 0.0, minY = 0.0, maxY = 0.0;
    };

    void buildNode(int begin, int end, double x0, double y0, double side, int depth);
    void partition(int begin, int end, double midX, double midY, int (&start)[5]);
    [[nodiscard]] bool samePoint(int begin, int end) const;
    void collectGroups();

    std::vector<Node> m_nodes;
    std::vector<Group> m_groups;
    std::vector<int> m_order;
    std::vector<int> m_scratch;
    std::vector<double> m_x; // in tree order once built
    std::vector<double> m_y;
};

} // namespace fp::engine::tsne_detail
