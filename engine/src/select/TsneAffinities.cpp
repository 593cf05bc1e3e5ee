#include "select/TsneAffinities.h"
#include "select/TsneDistances.h"
#include "select/TsneWorkers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace fp::engine::tsne_detail {
namespace {

constexpr int kSearchSteps = 100;
constexpr double kEntropyTolerance = 1e-5;
constexpr double kMachineEpsilon = std::numeric_limits<double>::epsilon();

struct EntropyAt {
    double entropy = 0.0;  // nats
    double variance = 0.0; // of the distances under the distribution; dH/dbeta = -beta * variance
    double sum = 1.0;      // normaliser of the weights left in p
};

// The distribution exp(-beta * shifted) / sum; leaves the unnormalised weights in p.
EntropyAt entropyAt(const double *shifted, int count, double beta, double *p) {
    double sum = 0.0, first = 0.0, second = 0.0;
    for (int j = 0; j < count; ++j) {
        p[j] = std::exp(-shifted[j] * beta);
        sum += p[j];
        first += shifted[j] * p[j];
        second += shifted[j] * shifted[j] * p[j];
    }
    // The nearest candidate has weight 1, so sum >= 1 and the logarithm is safe.
    const double mean = first / sum;
    return {std::log(sum) + beta * mean, std::max(second / sum - mean * mean, 0.0), sum};
}

// The next precision to try: a Newton step on H(beta) while it stays inside the bracket, otherwise
// scikit-learn's rule (double or halve until bracketed, then bisect).
double nextBeta(double beta, double diff, double variance, double betaMin, double betaMax) {
    const double newton = beta + diff / (beta * variance);
    if (std::isfinite(newton) && newton > betaMin && newton < betaMax && newton > 0.0) {
        return newton;
    }
    if (diff > 0.0) {
        return std::isinf(betaMax) ? beta * 2.0 : (beta + betaMax) / 2.0;
    }
    return std::isinf(betaMin) ? beta / 2.0 : (beta + betaMin) / 2.0;
}

} // namespace

void conditionalProbabilities(const double *distance2, int count, double perplexity, double *p) {
    if (count <= 0) {
        return;
    }
    const double nearest = *std::min_element(distance2, distance2 + count);
    std::vector<double> shifted(distance2, distance2 + count);
    double meanShift = 0.0;
    for (double &d : shifted) {
        d -= nearest;
        meanShift += d / count;
    }
    const double desired = std::log(perplexity);
    // Starting at the scale of the distances saves the dozens of halvings that beta = 1 needs on
    // far-apart data (scikit-learn starts at 1).
    double beta = meanShift > 0.0 ? 1.0 / meanShift : 1.0;
    double betaMin = -std::numeric_limits<double>::infinity();
    double betaMax = std::numeric_limits<double>::infinity();
    EntropyAt at;
    for (int step = 0; step < kSearchSteps; ++step) {
        at = entropyAt(shifted.data(), count, beta, p);
        const double diff = at.entropy - desired;
        if (std::abs(diff) <= kEntropyTolerance) {
            break;
        }
        (diff > 0.0 ? betaMin : betaMax) = beta;
        beta = nextBeta(beta, diff, at.variance, betaMin, betaMax);
    }
    for (int j = 0; j < count; ++j) {
        p[j] /= at.sum;
    }
}

namespace {

// C + C^T in compressed rows, columns sorted: row i holds its own k entries plus one for every point that
// lists i as a neighbour, and pairs listed both ways are merged.
SparseAffinities symmetrise(const Neighbours &neighbours, const std::vector<double> &conditional, int n) {
    const int k = neighbours.k;
    std::vector<int> start(static_cast<std::size_t>(n) + 1, 0);
    for (std::size_t e = 0; e < neighbours.index.size(); ++e) {
        ++start[e / k + 1];
        ++start[neighbours.index[e] + 1];
    }
    for (int i = 0; i < n; ++i) {
        start[i + 1] += start[i];
    }
    std::vector<std::pair<int, double>> entries(static_cast<std::size_t>(start[n]));
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (std::size_t e = 0; e < neighbours.index.size(); ++e) {
        const int i = static_cast<int>(e / k), j = neighbours.index[e];
        entries[fill[i]++] = {j, conditional[e]};
        entries[fill[j]++] = {i, conditional[e]};
    }
    SparseAffinities p;
    p.rowStart.assign(static_cast<std::size_t>(n) + 1, 0);
    for (int i = 0; i < n; ++i) {
        std::sort(entries.begin() + start[i], entries.begin() + start[i + 1]);
        for (int e = start[i]; e < start[i + 1]; ++e) {
            if (static_cast<int>(p.column.size()) > p.rowStart[i] && p.column.back() == entries[e].first) {
                p.value.back() += entries[e].second;
            } else {
                p.column.push_back(entries[e].first);
                p.value.push_back(entries[e].second);
            }
        }
        p.rowStart[i + 1] = static_cast<int>(p.column.size());
    }
    return p;
}

} // namespace

SparseAffinities sparseJointProbabilities(const Neighbours &neighbours, int n, double perplexity,
                                          TsneWorkers &workers) {
    const int k = neighbours.k;
    std::vector<double> conditional(static_cast<std::size_t>(n) * k);
    workers.forEachChunk(static_cast<std::size_t>(n), 64, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            conditionalProbabilities(&neighbours.distance2[i * k], k, perplexity, &conditional[i * k]);
        }
    });
    SparseAffinities p = symmetrise(neighbours, conditional, n);
    double total = 0.0;
    for (double v : p.value) {
        total += v;
    }
    total = std::max(total, kMachineEpsilon);
    for (double &v : p.value) {
        v /= total;
    }
    return p;
}

std::vector<double> denseJointProbabilities(std::vector<double> distance2, int n, double perplexity,
                                            TsneWorkers &workers) {
    std::vector<double> &p = distance2; // rows become p_{j|i} in place
    workers.forEachChunk(static_cast<std::size_t>(n), 16, [&](std::size_t begin, std::size_t end) {
        std::vector<double> others(static_cast<std::size_t>(n) - 1);
        std::vector<double> conditional(static_cast<std::size_t>(n) - 1);
        for (std::size_t i = begin; i < end; ++i) {
            double *row = &p[i * n];
            std::copy(row, row + i, others.begin());
            std::copy(row + i + 1, row + n, others.begin() + static_cast<std::ptrdiff_t>(i));
            conditionalProbabilities(others.data(), n - 1, perplexity, conditional.data());
            std::copy(conditional.begin(), conditional.begin() + static_cast<std::ptrdiff_t>(i), row);
            row[i] = 0.0;
            std::copy(conditional.begin() + static_cast<std::ptrdiff_t>(i), conditional.end(), row + i + 1);
        }
    });
    double total = 0.0;
    for (int i = 0; i < n; ++i) {
        for (int j = i + 1; j < n; ++j) {
            const double v = p[static_cast<std::size_t>(i) * n + j] + p[static_cast<std::size_t>(j) * n + i];
            p[static_cast<std::size_t>(i) * n + j] = v;
            p[static_cast<std::size_t>(j) * n + i] = v;
            total += 2.0 * v;
        }
    }
    total = std::max(total, kMachineEpsilon);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            double &v = p[static_cast<std::size_t>(i) * n + j];
            v = i == j ? 0.0 : std::max(v / total, kMachineEpsilon);
        }
    }
    return p;
}

} // namespace fp::engine::tsne_detail
