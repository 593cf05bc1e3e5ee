#pragma once

#include "select/TsneAffinities.h"
#include "select/TsneQuadTree.h"

#include <cstddef>
#include <vector>

namespace fp::engine::tsne_detail {

class TsneWorkers;

// The KL(P || Q) objective of t-SNE in the plane and its gradient
//   dC/dy_i = 4 * sum_j (e * p_ij - q_ij) w_ij (y_i - y_j),  w_ij = 1 / (1 + |y_i - y_j|^2),  q_ij = w_ij / Z,
// where e is the current exaggeration. The KL divergence uses e * P, as scikit-learn reports it.
class TsneObjective {
public:
    // Exact: all pairs, dense P (n x n).
    TsneObjective(std::vector<double> denseP, int n, TsneWorkers &workers);
    // Barnes-Hut: sparse P for attraction, a quadtree with opening angle theta for repulsion.
    TsneObjective(SparseAffinities sparseP, int n, double theta, TsneWorkers &workers);

    // Writes the gradient at y (n x 2) into grad (n x 2); returns the KL divergence when computeError,
    // otherwise 0.
    double gradient(const std::vector<double> &y, double exaggeration, bool computeError, std::vector<double> &grad);

private:
    double exactGradient(double exaggeration, bool computeError, std::vector<double> &grad);
    double barnesHutGradient(const std::vector<double> &y, double exaggeration, bool computeError,
                             std::vector<double> &grad);
    double exactDivergence(double exaggeration, double z);
    double sparseDivergence(double exaggeration, double z);
    void sparseAttraction(std::size_t i, double &ax, double &ay) const;

    int m_n = 0;
    bool m_exact = true;
    double m_theta = 0.5;
    TsneWorkers &m_workers;
    // Gradients run in float: it halves the memory traffic of P and doubles the SIMD lanes of the
    // division-bound inner loops, and a gradient needs no more precision (scikit-learn's is float too).
    std::vector<float> m_denseP;
    std::vector<float> m_xf, m_yf;
    SparseAffinities m_sparseP;
    std::vector<float> m_sparseValue; // m_sparseP.value in float, for the SIMD attraction loop
    TsneQuadTree m_tree;
    // Per-point scratch, reduced in index order so results do not depend on the thread count.
    std::vector<double> m_x, m_y;                    // coordinates, structure of arrays
    std::vector<double> m_rowZ;                      // each point's share of Z
    std::vector<double> m_rowKl;                     // each row's share of the KL divergence
    std::vector<double> m_repulsion;                 // n x 2 unnormalised repulsive forces
    std::vector<double> m_treeFx, m_treeFy, m_treeZ; // Barnes-Hut results by tree position
};

} // namespace fp::engine::tsne_detail
