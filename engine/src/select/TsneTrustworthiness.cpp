#include "fedpilot/engine/Tsne.h"
#include "select/TsneDistances.h"
#include "select/TsneWorkers.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <string>
#include <thread>

namespace fp::engine {
namespace {

using tsne_detail::PaddedRows;
using tsne_detail::TsneWorkers;

Result<int> pointCount(const std::vector<double> &values, int dim, const char *what) {
    if (dim < 1) {
        return fail(ErrorCode::InvalidArgument,
                    std::string("trustworthiness: ") + what + " dimension must be >= 1, got " + std::to_string(dim));
    }
    if (values.size() % static_cast<std::size_t>(dim) != 0) {
        return fail(ErrorCode::InvalidArgument, std::string("trustworthiness: ") + what + " holds " +
                                                    std::to_string(values.size()) +
                                                    " values, not a multiple of its dimension " + std::to_string(dim));
    }
    for (double v : values) {
        if (!std::isfinite(v)) {
            return fail(ErrorCode::InvalidArgument, std::string("trustworthiness: ") + what + " holds NaN or infinity");
        }
    }
    return static_cast<int>(values.size() / static_cast<std::size_t>(dim));
}

// Sum over i's k nearest neighbours in the low-dimensional space of max(0, r - k), where r is the neighbour's
// 1-based rank by distance from i in the high-dimensional space (ties by index, i itself excluded).
long long rowPenalty(int i, const double *highD2, const std::vector<double> &low, int lowDim, int n, int k) {
    std::vector<std::pair<double, int>> lowOrder;
    lowOrder.reserve(static_cast<std::size_t>(n) - 1);
    for (int j = 0; j < n; ++j) {
        if (j != i) {
            lowOrder.emplace_back(tsne_detail::exactSquaredDistance(&low[static_cast<std::size_t>(i) * lowDim],
                                                                    &low[static_cast<std::size_t>(j) * lowDim], lowDim),
                                  j);
        }
    }
    std::nth_element(lowOrder.begin(), lowOrder.begin() + (k - 1), lowOrder.end());
    long long penalty = 0;
    for (int m = 0; m < k; ++m) {
        const int j = lowOrder[m].second;
        long long rank = 1;
        for (int other = 0; other < n; ++other) {
            if (other != i && other != j && (highD2[other] < highD2[j] || (highD2[other] == highD2[j] && other < j))) {
                ++rank;
            }
        }
        penalty += std::max(0LL, rank - k);
    }
    return penalty;
}

} // namespace

Result<double> trustworthiness(const std::vector<double> &high, int highDim, const std::vector<double> &low, int lowDim,
                               int k) {
    const auto n = pointCount(high, highDim, "high-dimensional input");
    if (!n) {
        return std::unexpected(n.error());
    }
    const auto nLow = pointCount(low, lowDim, "embedding");
    if (!nLow) {
        return std::unexpected(nLow.error());
    }
    if (*nLow != *n) {
        return fail(ErrorCode::InvalidArgument, "trustworthiness: " + std::to_string(*n) + " input points but " +
                                                    std::to_string(*nLow) + " embedded points");
    }
    if (k < 1 || 2.0 * k >= *n) {
        return fail(ErrorCode::InvalidArgument, "trustworthiness: k must be in [1, n / 2), got k = " +
                                                    std::to_string(k) + " for n = " + std::to_string(*n));
    }
    try {
        TsneWorkers workers(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        // Ranks do not change with the scale; extreme magnitudes would overflow or underflow the squares.
        const auto scaled = tsne_detail::scaledNearOne(high);
        const auto lowScaled = tsne_detail::scaledNearOne(low);
        const PaddedRows<double> rows = tsne_detail::centredRows<double>(scaled.data(), *n, highDim);
        std::vector<long long> penalty(static_cast<std::size_t>(*n), 0);
        tsne_detail::forEachDistanceRow<double>(
            rows, workers, [&](int i, const double *d2) { penalty[i] = rowPenalty(i, d2, lowScaled, lowDim, *n, k); });
        long long total = 0;
        for (long long p : penalty) {
            total += p;
        }
        const double nn = *n;
        return 1.0 - static_cast<double>(total) * (2.0 / (nn * k * (2.0 * nn - 3.0 * k - 1.0)));
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Runtime, "trustworthiness: out of memory for " + std::to_string(*n) + " points");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Runtime, std::string("trustworthiness: ") + e.what());
    }
}

} // namespace fp::engine
