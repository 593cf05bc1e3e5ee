#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace fp::engine::tsne_detail {

class TsneWorkers;

// A matrix whose rows are padded with zeros to a whole number of 32-byte lane groups, so that the
// dot-product kernel runs on full SIMD vectors with no tail loop.
template <typename T> struct PaddedRows {
    int rows = 0;
    int cols = 0;
    int stride = 0;
    std::vector<T> data;
    std::vector<double> norm2; // squared length of each (rounded) row

    [[nodiscard]] const T *row(int i) const { return data.data() + static_cast<std::size_t>(i) * stride; }
};

// Copies n x dim row-major points with their column means subtracted: distances do not change, and the
// |a|^2 + |b|^2 - 2 a.b form loses far less precision on centred data.
template <typename T> [[nodiscard]] PaddedRows<T> centredRows(const double *points, int n, int dim);

// Rows of the transpose of `rows` (dim x n), padded; for covariance matrices.
template <typename T> [[nodiscard]] PaddedRows<T> transposedRows(const PaddedRows<T> &rows);

// out[r * outStride + c] = a.row(i0 + r) . b.row(j0 + c), for r < i1 - i0 and c < j1 - j0. Each dot is summed
// in a fixed order, so a value never depends on the block it was computed in.
template <typename T>
void dotBlock(const PaddedRows<T> &a, int i0, int i1, const PaddedRows<T> &b, int j0, int j1, T *out,
              std::size_t outStride);

// Calls visit(i, d2) for every row i, where d2[j] is the squared distance from row i to row j (j == i
// included, near 0), computed as |a|^2 + |b|^2 - 2 a.b and clamped at 0. Runs on the workers; visit must
// only write outputs that belong to row i.
template <typename T>
void forEachDistanceRow(const PaddedRows<T> &rows, TsneWorkers &workers,
                        const std::function<void(int i, const T *d2)> &visit);

// The values times a power of two (exact) that brings the largest magnitude into [2^-20, 2^20], or a copy
// when it is already there: the float kernels would overflow above ~1e19 and lose everything below ~1e-19.
// Neighbour ranks do not change, nor does t-SNE's P (each point's precision adapts to the scale).
[[nodiscard]] std::vector<double> scaledNearOne(const std::vector<double> &values);

// Exact squared Euclidean distance between two points, summed in double.
[[nodiscard]] double exactSquaredDistance(const double *a, const double *b, int dim);

// The k nearest other points of every point, nearest first, ties broken by index.
struct Neighbours {
    int k = 0;
    std::vector<int> index;        // n x k
    std::vector<double> distance2; // n x k squared distances
};

// Float distances on centred data; the ones small enough to suffer from cancellation (near duplicates) are
// recomputed exactly in double, so every distance keeps a relative error of about 1e-5 or less.
[[nodiscard]] Neighbours nearestNeighbours(const std::vector<double> &points, int n, int dim, int k,
                                           TsneWorkers &workers);

// All n x n squared distances (zero diagonal) for the exact method, as above for each row's `exactCount`
// nearest, which carry nearly all of the probability mass; plain float distances for the rest.
[[nodiscard]] std::vector<double> allSquaredDistances(const std::vector<double> &points, int n, int dim, int exactCount,
                                                      TsneWorkers &workers);

} // namespace fp::engine::tsne_detail
