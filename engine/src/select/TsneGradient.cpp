#include "select/TsneGradient.h"
#include "select/TsneSimd.h"
#include "select/TsneWorkers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fp::engine::tsne_detail {
namespace {

constexpr double kTiny = std::numeric_limits<double>::min();
constexpr double kMachineEpsilon = std::numeric_limits<double>::epsilon();

double sumInOrder(const std::vector<double> &values) {
    double total = 0.0;
    for (double v : values) {
        total += v;
    }
    return total;
}

struct RowSums {
    double z = 0.0;
    double ax = 0.0, ay = 0.0; // sum_j p_ij w_ij (y_i - y_j)
    double bx = 0.0, by = 0.0; // sum_j w_ij^2 (y_i - y_j)
};

// One row of the exact gradient over all j; j == i adds w = 1 to z and nothing else, removed at the end.
RowSums exactRow(const float *x, const float *y, const float *p, int i, int n) {
    using S = Simd<float>;
    S::Vec z{}, ax{}, ay{}, bx{}, by{};
    const S::Vec xi = S::splat(x[i]), yi = S::splat(y[i]), one = S::splat(1.0f);
    int j = 0;
    for (; j + S::kLanes <= n; j += S::kLanes) {
        const S::Vec dx = xi - S::load(x + j), dy = yi - S::load(y + j);
        const S::Vec w = one / (one + dx * dx + dy * dy);
        const S::Vec pw = S::load(p + j) * w, ww = w * w;
        z += w;
        ax += pw * dx;
        ay += pw * dy;
        bx += ww * dx;
        by += ww * dy;
    }
    RowSums s{S::sum(z) - 1.0, S::sum(ax), S::sum(ay), S::sum(bx), S::sum(by)};
    for (; j < n; ++j) {
        const float dx = x[i] - x[j], dy = y[i] - y[j];
        const float w = 1.0f / (1.0f + dx * dx + dy * dy);
        s.z += w;
        s.ax += p[j] * w * dx;
        s.ay += p[j] * w * dy;
        s.bx += w * w * dx;
        s.by += w * w * dy;
    }
    return s;
}

} // namespace

TsneObjective::TsneObjective(std::vector<double> denseP, int n, TsneWorkers &workers)
    : m_n(n), m_exact(true), m_workers(workers), m_denseP(denseP.begin(), denseP.end()) {}

TsneObjective::TsneObjective(SparseAffinities sparseP, int n, double theta, TsneWorkers &workers)
    : m_n(n), m_exact(false), m_theta(theta), m_workers(workers), m_sparseP(std::move(sparseP)),
      m_sparseValue(m_sparseP.value.begin(), m_sparseP.value.end()) {
    static_assert(Simd<float>::kLanes == 4, "sparseAttraction gathers four neighbours per step");
}

double TsneObjective::gradient(const std::vector<double> &y, double exaggeration, bool computeError,
                               std::vector<double> &grad) {
    const auto n = static_cast<std::size_t>(m_n);
    m_x.resize(n);
    m_y.resize(n);
    m_rowZ.assign(n, 0.0);
    m_rowKl.assign(n, 0.0);
    m_repulsion.assign(2 * n, 0.0);
    grad.assign(2 * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        m_x[i] = y[2 * i];
        m_y[i] = y[2 * i + 1];
    }
    m_xf.assign(m_x.begin(), m_x.end());
    m_yf.assign(m_y.begin(), m_y.end());
    return m_exact ? exactGradient(exaggeration, computeError, grad)
                   : barnesHutGradient(y, exaggeration, computeError, grad);
}

double TsneObjective::exactGradient(double exaggeration, bool computeError, std::vector<double> &grad) {
    const int n = m_n;
    m_workers.forEachChunk(static_cast<std::size_t>(n), 8, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const RowSums s = exactRow(m_xf.data(), m_yf.data(), &m_denseP[i * n], static_cast<int>(i), n);
            m_rowZ[i] = s.z;
            grad[2 * i] = s.ax;
            grad[2 * i + 1] = s.ay;
            m_repulsion[2 * i] = s.bx;
            m_repulsion[2 * i + 1] = s.by;
        }
    });
    const double z = std::max(sumInOrder(m_rowZ), kTiny);
    for (std::size_t c = 0; c < grad.size(); ++c) {
        grad[c] = 4.0 * (exaggeration * grad[c] - m_repulsion[c] / z);
    }
    return computeError ? exactDivergence(exaggeration, z) : 0.0;
}

double TsneObjective::exactDivergence(double exaggeration, double z) {
    const auto n = static_cast<std::size_t>(m_n);
    m_workers.forEachChunk(n, 16, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            double kl = 0.0;
            for (std::size_t j = 0; j < n; ++j) {
                if (j != i) {
                    const double dx = m_x[i] - m_x[j], dy = m_y[i] - m_y[j];
                    const double q = std::max(1.0 / (1.0 + dx * dx + dy * dy) / z, kMachineEpsilon);
                    const double p = std::max(exaggeration * m_denseP[i * n + j], kMachineEpsilon);
                    kl += p * std::log(p / q);
                }
            }
            m_rowKl[i] = kl;
        }
    });
    return sumInOrder(m_rowKl);
}

double TsneObjective::barnesHutGradient(const std::vector<double> &y, double exaggeration, bool computeError,
                                        std::vector<double> &grad) {
    const auto n = static_cast<std::size_t>(m_n);
    m_tree.build(y, m_n);
    const double theta2 = m_theta * m_theta;
    const auto &order = m_tree.order();
    m_treeFx.assign(n, 0.0);
    m_treeFy.assign(n, 0.0);
    m_treeZ.assign(n, 0.0);
    m_workers.forEachChunk(static_cast<std::size_t>(m_tree.groupCount()), 4, [&](std::size_t begin, std::size_t end) {
        TsneInteractions scratch;
        for (std::size_t g = begin; g < end; ++g) {
            m_tree.groupRepulsion(static_cast<int>(g), theta2, scratch, m_treeFx.data(), m_treeFy.data(),
                                  m_treeZ.data());
        }
    });
    for (std::size_t t = 0; t < n; ++t) {
        const auto i = static_cast<std::size_t>(order[t]);
        m_repulsion[2 * i] = m_treeFx[t];
        m_repulsion[2 * i + 1] = m_treeFy[t];
        m_rowZ[i] = m_treeZ[t];
    }
    const double z = std::max(sumInOrder(m_rowZ), kTiny);
    m_workers.forEachChunk(n, 128, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            double ax = 0.0, ay = 0.0;
            sparseAttraction(i, ax, ay);
            grad[2 * i] = 4.0 * (exaggeration * ax - m_repulsion[2 * i] / z);
            grad[2 * i + 1] = 4.0 * (exaggeration * ay - m_repulsion[2 * i + 1] / z);
        }
    });
    return computeError ? sparseDivergence(exaggeration, z) : 0.0;
}

// sum_j p_ij w_ij (y_i - y_j) over row i of the sparse P, four neighbours per SIMD step.
void TsneObjective::sparseAttraction(std::size_t i, double &ax, double &ay) const {
    using S = Simd<float>;
    const SparseAffinities &p = m_sparseP;
    const float *x = m_xf.data(), *y = m_yf.data();
    const int *column = p.column.data();
    const S::Vec xi = S::splat(x[i]), yi = S::splat(y[i]), one = S::splat(1.0f);
    S::Vec sx{}, sy{};
    int e = p.rowStart[i];
    for (; e + S::kLanes <= p.rowStart[i + 1]; e += S::kLanes) {
        const S::Vec xj = {x[column[e]], x[column[e + 1]], x[column[e + 2]], x[column[e + 3]]};
        const S::Vec yj = {y[column[e]], y[column[e + 1]], y[column[e + 2]], y[column[e + 3]]};
        const S::Vec dx = xi - xj, dy = yi - yj;
        const S::Vec pw = S::load(&m_sparseValue[e]) / (one + dx * dx + dy * dy);
        sx += pw * dx;
        sy += pw * dy;
    }
    ax = S::sum(sx);
    ay = S::sum(sy);
    for (; e < p.rowStart[i + 1]; ++e) {
        const float dx = x[i] - x[column[e]], dy = y[i] - y[column[e]];
        const float pw = m_sparseValue[e] / (1.0f + dx * dx + dy * dy);
        ax += pw * dx;
        ay += pw * dy;
    }
}

double TsneObjective::sparseDivergence(double exaggeration, double z) {
    const SparseAffinities &p = m_sparseP;
    m_workers.forEachChunk(static_cast<std::size_t>(m_n), 128, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            double kl = 0.0;
            for (int e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) {
                const auto j = static_cast<std::size_t>(p.column[e]);
                const double dx = m_x[i] - m_x[j], dy = m_y[i] - m_y[j];
                const double q = std::max(1.0 / (1.0 + dx * dx + dy * dy) / z, kTiny);
                const double pe = std::max(exaggeration * p.value[e], kTiny);
                kl += pe * std::log(pe / q);
            }
            m_rowKl[i] = kl;
        }
    });
    return sumInOrder(m_rowKl);
}

} // namespace fp::engine::tsne_detail
