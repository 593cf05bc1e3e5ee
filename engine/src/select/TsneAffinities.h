#pragma once

#include <vector>

namespace fp::engine::tsne_detail {

class TsneWorkers;
struct Neighbours;

// p_{j|i} over `count` candidates from their squared distances: a Gaussian whose precision beta is
// searched until the entropy is within 1e-5 nats of log(perplexity) (scikit-learn's tolerance), in at most
// 100 steps. Where scikit-learn bisects from beta = 1, this starts at 1 / mean distance and takes
// safeguarded Newton steps, falling back to scikit-learn's double / halve / bisect rule outside the
// bracket: the same answer in a handful of steps instead of dozens. Distances are shifted by their
// minimum first, which changes no probability but keeps exp() from underflowing on far-apart data.
void conditionalProbabilities(const double *distance2, int count, double perplexity, double *p);

// Symmetric joint probabilities in compressed rows (columns sorted), summing to 1:
// P = (C + C^T) / sum, where C holds p_{j|i} over each point's nearest neighbours.
struct SparseAffinities {
    std::vector<int> rowStart; // n + 1
    std::vector<int> column;
    std::vector<double> value;
};

[[nodiscard]] SparseAffinities sparseJointProbabilities(const Neighbours &neighbours, int n, double perplexity,
                                                        TsneWorkers &workers);

// Dense n x n joint probabilities from all squared distances (overwritten): P = (C + C^T) / sum, off-diagonal
// entries at least 2.2e-16 (scikit-learn's floor), zero diagonal.
[[nodiscard]] std::vector<double> denseJointProbabilities(std::vector<double> distance2, int n, double perplexity,
                                                          TsneWorkers &workers);

} // namespace fp::engine::tsne_detail
