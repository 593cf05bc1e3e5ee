#include "select/TsneDistances.h"
#include "select/TsneSimd.h"
#include "select/TsneWorkers.h"

#include <algorithm>
#include <cmath>

namespace fp::engine::tsne_detail {
namespace {

// Rows per work chunk and columns per cache tile in forEachDistanceRow.
constexpr int kRowsPerChunk = 16;
constexpr int kColumnsPerTile = 128;

template <typename T> int paddedStride(int cols) {
    constexpr int lanes = Simd<T>::kLanes;
    return std::max(lanes, (cols + lanes - 1) / lanes * lanes);
}

// An R x C tile of dot products (rows a[0..R) against rows b[0..C)) held in R * C vector registers:
// each loaded vector is used C or R times, which keeps the kernel off the load ports.
template <typename T, int R, int C>
void dotTile(const T *const *a, const T *const *b, int stride, T *out, std::size_t outStride) {
    using S = Simd<T>;
    typename S::Vec sums[R][C] = {};
    for (int c = 0; c < stride; c += S::kLanes) {
        typename S::Vec column[C];
        for (int q = 0; q < C; ++q) {
            column[q] = S::load(b[q] + c);
        }
        for (int r = 0; r < R; ++r) {
            const typename S::Vec row = S::load(a[r] + c);
            for (int q = 0; q < C; ++q) {
                sums[r][q] += row * column[q];
            }
        }
    }
    for (int r = 0; r < R; ++r) {
        for (int q = 0; q < C; ++q) {
            out[r * outStride + q] = S::sum(sums[r][q]);
        }
    }
}

// Rows [i, i + R) against all columns [j0, j1), two at a time.
template <typename T, int R>
void dotRowGroup(const PaddedRows<T> &a, int i, const PaddedRows<T> &b, int j0, int j1, T *out, std::size_t outStride) {
    const T *rows[R];
    for (int r = 0; r < R; ++r) {
        rows[r] = a.row(i + r);
    }
    int j = j0;
    for (; j + 2 <= j1; j += 2) {
        const T *columns[2] = {b.row(j), b.row(j + 1)};
        dotTile<T, R, 2>(rows, columns, a.stride, out + (j - j0), outStride);
    }
    if (j < j1) {
        const T *columns[1] = {b.row(j)};
        dotTile<T, R, 1>(rows, columns, a.stride, out + (j - j0), outStride);
    }
}

struct Candidate {
    double distance2;
    int index;
    bool operator<(const Candidate &o) const {
        return distance2 < o.distance2 || (distance2 == o.distance2 && index < o.index);
    }
};

// The `count` nearest other points of row i by screened distance (ties by index), in no particular order.
// A bounded max-heap: after the first few hundred points almost every candidate fails one comparison.
template <typename T> std::vector<Candidate> screenNearest(int i, const T *d2, int n, int count) {
    std::vector<Candidate> heap;
    heap.reserve(static_cast<std::size_t>(count));
    int j = 0;
    for (; j < n && static_cast<int>(heap.size()) < count; ++j) {
        if (j != i) {
            heap.push_back({static_cast<double>(d2[j]), j});
        }
    }
    std::make_heap(heap.begin(), heap.end());
    for (; j < n && !heap.empty(); ++j) {
        const Candidate c{static_cast<double>(d2[j]), j};
        if (j != i && c < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = c;
            std::push_heap(heap.begin(), heap.end());
        }
    }
    return heap;
}

// |a|^2 + |b|^2 - 2 a.b in float loses about 1e-6 of |a|^2 + |b|^2; distances well below that scale (near
// duplicates) are recomputed exactly in double, the rest keep a relative error of at most ~1e-5.
constexpr double kCancellationRisk = 0.1;

template <typename T>
void refine(const double *points, int dim, const PaddedRows<T> &rows, int i, Candidate &candidate) {
    const int j = candidate.index;
    if (candidate.distance2 < kCancellationRisk * (rows.norm2[i] + rows.norm2[j])) {
        candidate.distance2 = exactSquaredDistance(points + static_cast<std::size_t>(i) * dim,
                                                   points + static_cast<std::size_t>(j) * dim, dim);
    }
}

} // namespace

template <typename T> PaddedRows<T> centredRows(const double *points, int n, int dim) {
    PaddedRows<T> rows;
    rows.rows = n;
    rows.cols = dim;
    rows.stride = paddedStride<T>(dim);
    std::vector<double> mean(static_cast<std::size_t>(dim), 0.0);
    for (int i = 0; i < n; ++i) {
        for (int c = 0; c < dim; ++c) {
            mean[c] += points[static_cast<std::size_t>(i) * dim + c];
        }
    }
    for (double &m : mean) {
        m /= std::max(n, 1);
    }
    rows.data.assign(static_cast<std::size_t>(n) * rows.stride, T(0));
    rows.norm2.assign(static_cast<std::size_t>(n), 0.0);
    for (int i = 0; i < n; ++i) {
        T *out = rows.data.data() + static_cast<std::size_t>(i) * rows.stride;
        double norm = 0.0;
        for (int c = 0; c < dim; ++c) {
            out[c] = static_cast<T>(points[static_cast<std::size_t>(i) * dim + c] - mean[c]);
            norm += static_cast<double>(out[c]) * static_cast<double>(out[c]);
        }
        rows.norm2[i] = norm;
    }
    return rows;
}

template <typename T> PaddedRows<T> transposedRows(const PaddedRows<T> &rows) {
    PaddedRows<T> t;
    t.rows = rows.cols;
    t.cols = rows.rows;
    t.stride = paddedStride<T>(t.cols);
    t.data.assign(static_cast<std::size_t>(t.rows) * t.stride, T(0));
    t.norm2.assign(static_cast<std::size_t>(t.rows), 0.0);
    for (int i = 0; i < rows.rows; ++i) {
        for (int c = 0; c < rows.cols; ++c) {
            t.data[static_cast<std::size_t>(c) * t.stride + i] = rows.row(i)[c];
        }
    }
    for (int r = 0; r < t.rows; ++r) {
        double norm = 0.0;
        for (int c = 0; c < t.cols; ++c) {
            norm += static_cast<double>(t.row(r)[c]) * static_cast<double>(t.row(r)[c]);
        }
        t.norm2[r] = norm;
    }
    return t;
}

template <typename T>
void dotBlock(const PaddedRows<T> &a, int i0, int i1, const PaddedRows<T> &b, int j0, int j1, T *out,
              std::size_t outStride) {
    int i = i0;
    for (; i + 4 <= i1; i += 4) {
        dotRowGroup<T, 4>(a, i, b, j0, j1, out + static_cast<std::size_t>(i - i0) * outStride, outStride);
    }
    for (; i < i1; ++i) {
        dotRowGroup<T, 1>(a, i, b, j0, j1, out + static_cast<std::size_t>(i - i0) * outStride, outStride);
    }
}

template <typename T>
void forEachDistanceRow(const PaddedRows<T> &rows, TsneWorkers &workers,
                        const std::function<void(int i, const T *d2)> &visit) {
    const int n = rows.rows;
    workers.forEachChunk(static_cast<std::size_t>(n), kRowsPerChunk, [&](std::size_t begin, std::size_t end) {
        const int i0 = static_cast<int>(begin);
        const int i1 = static_cast<int>(end);
        std::vector<T> block(static_cast<std::size_t>(i1 - i0) * n);
        for (int j0 = 0; j0 < n; j0 += kColumnsPerTile) {
            const int j1 = std::min(n, j0 + kColumnsPerTile);
            dotBlock(rows, i0, i1, rows, j0, j1, block.data() + j0, static_cast<std::size_t>(n));
        }
        for (int i = i0; i < i1; ++i) {
            T *d2 = block.data() + static_cast<std::size_t>(i - i0) * n;
            const double ni = rows.norm2[i];
            for (int j = 0; j < n; ++j) {
                d2[j] = static_cast<T>(std::max(0.0, ni + rows.norm2[j] - 2.0 * static_cast<double>(d2[j])));
            }
            visit(i, d2);
        }
    });
}

std::vector<double> scaledNearOne(const std::vector<double> &values) {
    double largest = 0.0;
    for (double v : values) {
        largest = std::max(largest, std::abs(v));
    }
    int exponent = 0;
    std::frexp(largest, &exponent);
    std::vector<double> scaled(values);
    if (largest != 0.0 && std::abs(exponent) > 20) {
        for (double &v : scaled) {
            v = std::ldexp(v, -exponent);
        }
    }
    return scaled;
}

double exactSquaredDistance(const double *a, const double *b, int dim) {
    using S = Simd<double>;
    S::Vec sums[2] = {};
    int c = 0;
    for (; c + 2 * S::kLanes <= dim; c += 2 * S::kLanes) {
        for (int u = 0; u < 2; ++u) {
            const S::Vec d = S::load(a + c + u * S::kLanes) - S::load(b + c + u * S::kLanes);
            sums[u] += d * d;
        }
    }
    double total = S::sum(sums[0] + sums[1]);
    for (; c < dim; ++c) {
        total += (a[c] - b[c]) * (a[c] - b[c]);
    }
    return total;
}

Neighbours nearestNeighbours(const std::vector<double> &points, int n, int dim, int k, TsneWorkers &workers) {
    Neighbours result;
    result.k = k;
    result.index.resize(static_cast<std::size_t>(n) * k);
    result.distance2.resize(static_cast<std::size_t>(n) * k);
    // A few spare candidates absorb float rounding at the boundary of the k-th neighbour.
    const int screened = std::min(n - 1, k + 8);
    const auto rows = centredRows<float>(points.data(), n, dim);
    forEachDistanceRow<float>(rows, workers, [&](int i, const float *d2) {
        std::vector<Candidate> best = screenNearest(i, d2, n, screened);
        for (Candidate &candidate : best) {
            refine(points.data(), dim, rows, i, candidate);
        }
        std::sort(best.begin(), best.end());
        for (int m = 0; m < k; ++m) {
            result.index[static_cast<std::size_t>(i) * k + m] = best[m].index;
            result.distance2[static_cast<std::size_t>(i) * k + m] = best[m].distance2;
        }
    });
    return result;
}

std::vector<double> allSquaredDistances(const std::vector<double> &points, int n, int dim, int exactCount,
                                        TsneWorkers &workers) {
    std::vector<double> all(static_cast<std::size_t>(n) * n);
    const int refined = std::min(n - 1, exactCount);
    const auto rows = centredRows<float>(points.data(), n, dim);
    forEachDistanceRow<float>(rows, workers, [&](int i, const float *d2) {
        double *out = &all[static_cast<std::size_t>(i) * n];
        std::copy(d2, d2 + n, out);
        out[i] = 0.0;
        for (Candidate &candidate : screenNearest(i, d2, n, refined)) {
            refine(points.data(), dim, rows, i, candidate);
            out[candidate.index] = candidate.distance2;
        }
    });
    return all;
}

template PaddedRows<float> centredRows<float>(const double *, int, int);
template PaddedRows<double> centredRows<double>(const double *, int, int);
template PaddedRows<float> transposedRows<float>(const PaddedRows<float> &);
template void dotBlock<float>(const PaddedRows<float> &, int, int, const PaddedRows<float> &, int, int, float *,
                              std::size_t);
template void forEachDistanceRow<float>(const PaddedRows<float> &, TsneWorkers &,
                                        const std::function<void(int, const float *)> &);
template void forEachDistanceRow<double>(const PaddedRows<double> &, TsneWorkers &,
                                         const std::function<void(int, const double *)> &);

} // namespace fp::engine::tsne_detail
