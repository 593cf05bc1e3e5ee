#pragma once

#include <cstdint>
#include <vector>

namespace fp::engine::tsne_detail {

class TsneWorkers;

// Starting layouts (n x 2, row-major) at scikit-learn's scale of 1e-4.

// Scores on the first two principal components, scaled so that the first has standard deviation 1e-4.
// Each component's sign makes its largest-magnitude score positive (scikit-learn's svd_flip). Returns an
// empty vector when the data has no spread (all points equal). With one input dimension the second
// coordinate is 0.
[[nodiscard]] std::vector<double> pcaInitialisation(const std::vector<double> &points, int n, int dim,
                                                    TsneWorkers &workers);

// 1e-4 * N(0, 1) coordinates from a seeded SplitMix64 generator and Box-Muller (no std:: distribution,
// whose output differs between standard libraries).
[[nodiscard]] std::vector<double> randomInitialisation(int n, std::uint64_t seed);

} // namespace fp::engine::tsne_detail
