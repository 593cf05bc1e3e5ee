#include "select/HdbscanCoreDistances.h"

#include "select/HdbscanKdTree.h"

#include <algorithm>
#include <cmath>

namespace fp::engine::hdbscan_detail {

// The k-th smallest squared distance, then one sqrt: the same bits as R's sqrt of ANN's k-th
// smallest squared distance, because sqrt is monotone and correctly rounded.
std::vector<double> coreDistancesDense(std::span<const double> points, int dim, int k) {
    const std::size_t n = points.size() / std::size_t(dim);
    std::vector<double> core(n);
    std::vector<double> row(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j)
            row[j] = squaredDistance(&points[i * dim], &points[j * dim], dim);
        std::nth_element(row.begin(), row.begin() + (k - 1), row.end());
        core[i] = std::sqrt(row[std::size_t(k - 1)]);
    }
    return core;
}

std::vector<double> coreDistancesKdTree(const HdbscanKdTree &tree, int k) {
    std::vector<double> core = tree.kthSquaredDistances(k);
    for (double &c : core)
        c = std::sqrt(c);
    return core;
}

} // namespace fp::engine::hdbscan_detail
