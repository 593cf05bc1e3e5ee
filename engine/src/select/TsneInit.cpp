#include "select/TsneInit.h"
#include "select/TsneDistances.h"
#include "select/TsneSimd.h"
#include "select/TsneWorkers.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fp::engine::tsne_detail {
namespace {

constexpr double kScale = 1e-4;
constexpr int kSubspace = 6; // vectors iterated to find the top two
constexpr int kMaxIterations = 300;
constexpr int kCheckEvery = 10; // Rayleigh-Ritz rotation and convergence test
constexpr double kConverged = 1e-12;

std::uint64_t splitMix64(std::uint64_t &state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Uniform in (0, 1): never 0, so the logarithm below is finite.
double uniformOpen(std::uint64_t &state) { return (static_cast<double>(splitMix64(state) >> 11) + 0.5) * 0x1p-53; }

// M = A A^T over the rows of a (m x m, symmetric), from the float dot kernel.
std::vector<double> gramMatrix(const PaddedRows<float> &a, TsneWorkers &workers) {
    const int m = a.rows;
    std::vector<float> dots(static_cast<std::size_t>(m) * m);
    workers.forEachChunk(static_cast<std::size_t>(m), 16, [&](std::size_t begin, std::size_t end) {
        dotBlock(a, static_cast<int>(begin), static_cast<int>(end), a, 0, m, &dots[begin * m],
                 static_cast<std::size_t>(m));
    });
    return {dots.begin(), dots.end()};
}

double dot(const double *a, const double *b, int m) {
    using S = Simd<double>;
    S::Vec sums[2] = {};
    int c = 0;
    for (; c + 2 * S::kLanes <= m; c += 2 * S::kLanes) {
        sums[0] += S::load(a + c) * S::load(b + c);
        sums[1] += S::load(a + c + S::kLanes) * S::load(b + c + S::kLanes);
    }
    double total = S::sum(sums[0] + sums[1]);
    for (; c < m; ++c) {
        total += a[c] * b[c];
    }
    return total;
}

// Modified Gram-Schmidt on p vectors of length m stored one after another. A vector that vanishes
// (rank-deficient M) is replaced by a unit axis and orthogonalised once more.
void orthonormalise(std::vector<double> &v, int m, int p) {
    for (int c = 0; c < p; ++c) {
        double *vc = &v[static_cast<std::size_t>(c) * m];
        for (int attempt = 0; attempt < 2; ++attempt) {
            for (int b = 0; b < c; ++b) {
                const double *vb = &v[static_cast<std::size_t>(b) * m];
                const double projection = dot(vc, vb, m);
                for (int r = 0; r < m; ++r) {
                    vc[r] -= projection * vb[r];
                }
            }
            const double norm = std::sqrt(dot(vc, vc, m));
            if (norm > 1e-150) {
                for (int r = 0; r < m; ++r) {
                    vc[r] /= norm;
                }
                break;
            }
            std::fill(vc, vc + m, 0.0);
            vc[c % m] = 1.0;
        }
    }
}

// out = M v for p vectors, rows of M in parallel.
void multiply(const std::vector<double> &matrix, int m, const std::vector<double> &v, int p, std::vector<double> &out,
              TsneWorkers &workers) {
    out.assign(v.size(), 0.0);
    workers.forEachChunk(static_cast<std::size_t>(m), 32, [&](std::size_t begin, std::size_t end) {
        for (std::size_t r = begin; r < end; ++r) {
            for (int c = 0; c < p; ++c) {
                out[static_cast<std::size_t>(c) * m + r] = dot(&matrix[r * m], &v[static_cast<std::size_t>(c) * m], m);
            }
        }
    });
}

// Cyclic Jacobi on a small symmetric h (p x p): eigenvalues on the diagonal, eigenvectors in the columns of e.
void jacobi(std::vector<double> &h, int p, std::vector<double> &e) {
    e.assign(static_cast<std::size_t>(p) * p, 0.0);
    for (int i = 0; i < p; ++i) {
        e[static_cast<std::size_t>(i) * p + i] = 1.0;
    }
    const auto at = [p](std::vector<double> &a, int r, int c) -> double & {
        return a[static_cast<std::size_t>(r) * p + c];
    };
    for (int sweep = 0; sweep < 60; ++sweep) {
        double off = 0.0, all = 0.0;
        for (int r = 0; r < p; ++r) {
            for (int c = 0; c < p; ++c) {
                (r == c ? all : off) += at(h, r, c) * at(h, r, c);
            }
        }
        if (off <= 1e-30 * (all + off) || off == 0.0) {
            return;
        }
        for (int a = 0; a < p; ++a) {
            for (int b = a + 1; b < p; ++b) {
                if (at(h, a, b) == 0.0) {
                    continue;
                }
                const double tau = (at(h, b, b) - at(h, a, a)) / (2.0 * at(h, a, b));
                const double t = (tau >= 0 ? 1.0 : -1.0) / (std::abs(tau) + std::sqrt(1.0 + tau * tau));
                const double c = 1.0 / std::sqrt(1.0 + t * t), s = t * c;
                for (int k = 0; k < p; ++k) { // columns a, b of h, then rows a, b
                    const double ha = at(h, k, a), hb = at(h, k, b);
                    at(h, k, a) = c * ha - s * hb;
                    at(h, k, b) = s * ha + c * hb;
                }
                for (int k = 0; k < p; ++k) {
                    const double ha = at(h, a, k), hb = at(h, b, k);
                    at(h, a, k) = c * ha - s * hb;
                    at(h, b, k) = s * ha + c * hb;
                }
                for (int k = 0; k < p; ++k) {
                    const double ea = at(e, k, a), eb = at(e, k, b);
                    at(e, k, a) = c * ea - s * eb;
                    at(e, k, b) = s * ea + c * eb;
                }
            }
        }
    }
}

// Rotates the orthonormal basis v (p vectors) onto the Ritz vectors of M, largest Ritz value first;
// returns the Ritz values.
std::vector<double> rayleighRitz(const std::vector<double> &matrix, int m, std::vector<double> &v, int p,
                                 TsneWorkers &workers) {
    std::vector<double> mv;
    multiply(matrix, m, v, p, mv, workers);
    std::vector<double> h(static_cast<std::size_t>(p) * p), e;
    for (int a = 0; a < p; ++a) {
        for (int b = 0; b < p; ++b) {
            h[static_cast<std::size_t>(a) * p + b] =
                0.5 * (dot(&v[static_cast<std::size_t>(a) * m], &mv[static_cast<std::size_t>(b) * m], m) +
                       dot(&v[static_cast<std::size_t>(b) * m], &mv[static_cast<std::size_t>(a) * m], m));
        }
    }
    jacobi(h, p, e);
    std::vector<int> rank(static_cast<std::size_t>(p));
    for (int c = 0; c < p; ++c) {
        rank[c] = c;
    }
    std::stable_sort(rank.begin(), rank.end(), [&](int a, int b) {
        return h[static_cast<std::size_t>(a) * p + a] > h[static_cast<std::size_t>(b) * p + b];
    });
    std::vector<double> rotated(v.size(), 0.0), values(static_cast<std::size_t>(p));
    for (int c = 0; c < p; ++c) {
        const int src = rank[c];
        values[c] = h[static_cast<std::size_t>(src) * p + src];
        for (int b = 0; b < p; ++b) {
            const double weight = e[static_cast<std::size_t>(b) * p + src];
            for (int r = 0; r < m; ++r) {
                rotated[static_cast<std::size_t>(c) * m + r] += weight * v[static_cast<std::size_t>(b) * m + r];
            }
        }
    }
    v.swap(rotated);
    return values;
}

} // namespace

namespace {

bool sameDirections(const std::vector<double> &a, const std::vector<double> &b, int m, int count) {
    for (int c = 0; c < count; ++c) {
        const double cosine = dot(&a[static_cast<std::size_t>(c) * m], &b[static_cast<std::size_t>(c) * m], m);
        if (std::abs(cosine) < 1.0 - kConverged) {
            return false;
        }
    }
    return true;
}

// The top `count` eigenpairs of a symmetric positive semi-definite m x m matrix by subspace iteration
// with Rayleigh-Ritz rotations; vectors stored one after another.
struct Eigenpairs {
    std::vector<double> vectors;
    std::vector<double> values;
};

Eigenpairs topEigenpairs(const std::vector<double> &matrix, int m, int count, TsneWorkers &workers) {
    const int p = std::min(m, kSubspace);
    std::vector<double> v(static_cast<std::size_t>(p) * m), next, previous;
    std::uint64_t state = 0x5EEDULL; // fixed start: PCA does not depend on the caller's seed
    for (double &x : v) {
        x = uniformOpen(state) - 0.5;
    }
    orthonormalise(v, m, p);
    for (int iteration = 1; iteration <= kMaxIterations; ++iteration) {
        multiply(matrix, m, v, p, next, workers);
        v.swap(next);
        orthonormalise(v, m, p);
        if (iteration % kCheckEvery == 0) {
            rayleighRitz(matrix, m, v, p, workers);
            if (!previous.empty() && sameDirections(previous, v, m, count)) {
                break;
            }
            previous = v;
        }
    }
    Eigenpairs result;
    result.values = rayleighRitz(matrix, m, v, p, workers);
    result.values.resize(static_cast<std::size_t>(count));
    v.resize(static_cast<std::size_t>(count) * m);
    result.vectors = std::move(v);
    return result;
}

// Principal component scores (n x 2) of the centred rows; the second column stays 0 with one dimension.
std::vector<double> principalScores(const PaddedRows<float> &rows, TsneWorkers &workers) {
    const int n = rows.rows, dim = rows.cols;
    // The smaller of the covariance (dim x dim) and the Gram matrix (n x n) has the same nonzero spectrum.
    const bool overFeatures = dim <= n;
    const int m = overFeatures ? dim : n;
    const int count = std::min(2, m);
    const auto matrix = overFeatures ? gramMatrix(transposedRows(rows), workers) : gramMatrix(rows, workers);
    const Eigenpairs top = topEigenpairs(matrix, m, count, workers);
    std::vector<double> scores(2 * static_cast<std::size_t>(n), 0.0);
    for (int c = 0; c < count; ++c) {
        const double *v = &top.vectors[static_cast<std::size_t>(c) * m];
        const double singular = std::sqrt(std::max(top.values[c], 0.0));
        for (int i = 0; i < n; ++i) {
            double s = 0.0;
            if (overFeatures) {
                for (int d = 0; d < dim; ++d) {
                    s += static_cast<double>(rows.row(i)[d]) * v[d];
                }
            } else {
                s = v[i] * singular;
            }
            scores[2 * static_cast<std::size_t>(i) + c] = s;
        }
    }
    return scores;
}

} // namespace

std::vector<double> pcaInitialisation(const std::vector<double> &points, int n, int dim, TsneWorkers &workers) {
    const auto rows = centredRows<float>(points.data(), n, dim);
    std::vector<double> scores = principalScores(rows, workers);
    for (int c = 0; c < 2; ++c) {
        double largest = 0.0;
        for (int i = 0; i < n; ++i) {
            const double s = scores[2 * static_cast<std::size_t>(i) + c];
            largest = std::abs(s) > std::abs(largest) ? s : largest;
        }
        if (largest < 0.0) {
            for (int i = 0; i < n; ++i) {
                scores[2 * static_cast<std::size_t>(i) + c] *= -1.0;
            }
        }
    }
    double mean = 0.0, variance = 0.0;
    for (int i = 0; i < n; ++i) {
        mean += scores[2 * static_cast<std::size_t>(i)];
    }
    mean /= n;
    for (int i = 0; i < n; ++i) {
        const double d = scores[2 * static_cast<std::size_t>(i)] - mean;
        variance += d * d;
    }
    const double deviation = std::sqrt(variance / n);
    if (!(deviation > 0.0) || !std::isfinite(deviation)) {
        return {};
    }
    for (double &s : scores) {
        s = s / deviation * kScale;
    }
    return scores;
}

std::vector<double> randomInitialisation(int n, std::uint64_t seed) {
    std::vector<double> y(2 * static_cast<std::size_t>(n));
    std::uint64_t state = seed;
    for (std::size_t c = 0; c < y.size(); c += 2) {
        // Box-Muller: two independent normals per pair of uniforms.
        const double radius = std::sqrt(-2.0 * std::log(uniformOpen(state)));
        const double angle = 2.0 * std::numbers::pi * uniformOpen(state);
        y[c] = kScale * radius * std::cos(angle);
        y[c + 1] = kScale * radius * std::sin(angle);
    }
    return y;
}

} // namespace fp::engine::tsne_detail
