#include "fedpilot/engine/Tsne.h"
#include "select/TsneAffinities.h"
#include "select/TsneDistances.h"
#include "select/TsneGradient.h"
#include "select/TsneInit.h"
#include "select/TsneWorkers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <new>
#include <string>
#include <thread>

namespace fp::engine {
namespace {

using namespace tsne_detail;

// scikit-learn's optimiser constants.
constexpr int kCheckEvery = 50;
constexpr int kWithoutProgress = 300;
constexpr double kMinGain = 0.01;
constexpr double kMinGradientNorm = 1e-7;
constexpr double kExplorationMomentum = 0.5;
constexpr double kFinalMomentum = 0.8;
constexpr int kPointsPerThread = 64; // fewer points per thread cost more in hand-offs than they save

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

Result<void> checkOptions(const TsneOptions &o) {
    const auto bad = [](const std::string &what) { return fail(ErrorCode::InvalidArgument, "t-SNE: " + what); };
    if (!(o.perplexity > 0.0) || !std::isfinite(o.perplexity)) {
        return bad("perplexity must be a number > 0, got " + number(o.perplexity));
    }
    if (!(o.earlyExaggeration >= 1.0) || !std::isfinite(o.earlyExaggeration)) {
        return bad("early exaggeration must be >= 1, got " + number(o.earlyExaggeration));
    }
    if (o.iterations < 1 || o.exaggerationIterations < 0) {
        return bad("iterations must be >= 1 and exaggeration iterations >= 0, got " + std::to_string(o.iterations) +
                   " and " + std::to_string(o.exaggerationIterations));
    }
    if (!(o.learningRate >= 0.0) || !std::isfinite(o.learningRate)) {
        return bad("learning rate must be > 0, or 0 for automatic, got " + number(o.learningRate));
    }
    if (!(o.theta >= 0.0 && o.theta <= 1.0)) {
        return bad("theta must be in [0, 1], got " + number(o.theta));
    }
    if (o.threads < 0) {
        return bad("threads must be >= 0 (0 = all cores), got " + std::to_string(o.threads));
    }
    return {};
}

Result<int> checkPoints(const std::vector<double> &points, int dim) {
    if (dim < 1) {
        return fail(ErrorCode::InvalidArgument, "t-SNE: dimension must be >= 1, got " + std::to_string(dim));
    }
    if (points.size() % static_cast<std::size_t>(dim) != 0) {
        return fail(ErrorCode::InvalidArgument, "t-SNE: " + std::to_string(points.size()) +
                                                    " values are not a whole number of points of dimension " +
                                                    std::to_string(dim));
    }
    if (points.size() / static_cast<std::size_t>(dim) > static_cast<std::size_t>(std::numeric_limits<int>::max() / 4)) {
        return fail(ErrorCode::InvalidArgument, "t-SNE: " + std::to_string(points.size() / dim) +
                                                    " points are more than this implementation indexes");
    }
    for (std::size_t v = 0; v < points.size(); ++v) {
        if (!std::isfinite(points[v])) {
            return fail(ErrorCode::InvalidArgument, "t-SNE: point " + std::to_string(v / dim) + ", coordinate " +
                                                        std::to_string(v % dim) + " is " +
                                                        (std::isnan(points[v]) ? "NaN" : "infinite"));
        }
    }
    return static_cast<int>(points.size() / static_cast<std::size_t>(dim));
}

int threadCount(const TsneOptions &options, int n) {
    const int wanted =
        options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::clamp((n + kPointsPerThread - 1) / kPointsPerThread, 1, wanted);
}

TsneObjective makeObjective(const std::vector<double> &points, int n, int dim, double perplexity, bool exact,
                            double theta, TsneWorkers &workers) {
    // Barnes-Hut keeps scikit-learn's 3 * perplexity + 1 neighbours; the exact method keeps all pairs but
    // needs only as many exact distances, since farther points carry almost no probability.
    const int neighbours = std::min(n - 1, static_cast<int>(3.0 * perplexity + 1.0));
    if (exact) {
        auto d2 = allSquaredDistances(points, n, dim, neighbours, workers);
        return TsneObjective(denseJointProbabilities(std::move(d2), n, perplexity, workers), n, workers);
    }
    const Neighbours nearest = nearestNeighbours(points, n, dim, neighbours, workers);
    return TsneObjective(sparseJointProbabilities(nearest, n, perplexity, workers), n, theta, workers);
}

struct Phase {
    int begin = 0; // iterations [begin, end)
    int end = 0;
    double momentum = 0.0;
    double exaggeration = 1.0;
    int withoutProgress = kWithoutProgress;
    bool last = false; // reports its final iteration
};

class GradientDescent {
public:
    GradientDescent(TsneObjective &objective, double learningRate, const TsneProgress &progress)
        : m_objective(objective), m_learningRate(learningRate), m_progress(progress) {}

    // One call of scikit-learn's _gradient_descent: fresh gains and momentum, early stop on no progress.
    // Returns the last iteration run.
    Result<int> run(const Phase &phase, std::vector<double> &y);

private:
    void step(const std::vector<double> &gradient, double momentum, std::vector<double> &y);

    TsneObjective &m_objective;
    double m_learningRate;
    const TsneProgress &m_progress;
    std::vector<double> m_update;
    std::vector<double> m_gains;
    std::vector<double> m_gradient;
    double m_gradientNorm = 0.0;
};

void GradientDescent::step(const std::vector<double> &gradient, double momentum, std::vector<double> &y) {
    double norm2 = 0.0;
    for (std::size_t c = 0; c < y.size(); ++c) {
        // Delta-bar-delta: grow the gain while the gradient keeps pushing the way the last step went (its
        // sign opposite to the update's), shrink it when the gradient turns.
        const bool sameWay = m_update[c] * gradient[c] < 0.0;
        m_gains[c] = std::max(sameWay ? m_gains[c] + 0.2 : m_gains[c] * 0.8, kMinGain);
        const double scaled = gradient[c] * m_gains[c];
        norm2 += scaled * scaled;
        m_update[c] = momentum * m_update[c] - m_learningRate * scaled;
        y[c] += m_update[c];
    }
    m_gradientNorm = std::sqrt(norm2);
}

Result<int> GradientDescent::run(const Phase &phase, std::vector<double> &y) {
    m_update.assign(y.size(), 0.0);
    m_gains.assign(y.size(), 1.0);
    double best = std::numeric_limits<double>::max();
    int bestIteration = phase.begin;
    int i = phase.begin;
    for (; i < phase.end; ++i) {
        const bool check = (i + 1) % kCheckEvery == 0;
        const bool final = i == phase.end - 1;
        const double kl = m_objective.gradient(y, phase.exaggeration, check || final, m_gradient);
        step(m_gradient, phase.momentum, y);
        if (!check && !(final && phase.last)) {
            continue;
        }
        if (!std::isfinite(kl) || !std::isfinite(m_gradientNorm)) {
            return fail(ErrorCode::Runtime, "t-SNE diverged at iteration " + std::to_string(i + 1) +
                                                " (non-finite KL divergence or gradient)");
        }
        if (m_progress && !m_progress(i + 1, kl)) {
            return fail(ErrorCode::Cancelled, "t-SNE cancelled at iteration " + std::to_string(i + 1));
        }
        if (check) {
            if (kl < best) {
                best = kl;
                bestIteration = i;
            } else if (i - bestIteration > phase.withoutProgress) {
                break;
            }
            if (m_gradientNorm <= kMinGradientNorm) {
                break;
            }
        }
    }
    return std::min(i, phase.end - 1);
}

Result<std::vector<double>> embed(const std::vector<double> &original, int n, int dim, const TsneOptions &options,
                                  const TsneProgress &progress) {
    // P does not change when all distances scale together (each precision adapts).
    const std::vector<double> points = scaledNearOne(original);
    const double perplexity = std::min(options.perplexity, static_cast<double>(n - 1));
    const bool exact = options.method == TsneOptions::Method::Exact ||
                       (options.method == TsneOptions::Method::Auto && n < kTsneExactLimit);
    TsneWorkers workers(threadCount(options, n));
    TsneObjective objective = makeObjective(points, n, dim, perplexity, exact, options.theta, workers);
    std::vector<double> y;
    if (options.init == TsneOptions::Init::Pca) {
        y = pcaInitialisation(points, n, dim, workers);
    }
    if (y.empty()) { // random init asked for, or the data has no spread for PCA
        y = randomInitialisation(n, options.seed);
    }
    const double learningRate =
        options.learningRate > 0.0 ? options.learningRate : std::max(n / options.earlyExaggeration / 4.0, 50.0);
    GradientDescent descent(objective, learningRate, progress);
    // As in scikit-learn, the second phase starts right after the first one's last iteration, which is
    // earlier than exaggerationIterations when the first phase stopped early.
    const int explore = std::min(options.exaggerationIterations, options.iterations);
    int next = 0;
    if (explore > 0) {
        const Phase exploration{
            0, explore, kExplorationMomentum, options.earlyExaggeration, explore, explore == options.iterations};
        const auto last = descent.run(exploration, y);
        if (!last) {
            return std::unexpected(last.error());
        }
        next = *last + 1;
    }
    if (next < options.iterations) {
        const Phase convergence{next, options.iterations, kFinalMomentum, 1.0, kWithoutProgress, true};
        if (const auto last = descent.run(convergence, y); !last) {
            return std::unexpected(last.error());
        }
    }
    return y;
}

} // namespace

Result<std::vector<double>> tsne(const std::vector<double> &points, int dim, const TsneOptions &options,
                                 const TsneProgress &progress) {
    if (auto valid = checkOptions(options); !valid) {
        return std::unexpected(valid.error());
    }
    const auto n = checkPoints(points, dim);
    if (!n) {
        return std::unexpected(n.error());
    }
    if (*n <= 1) {
        return std::vector<double>(2 * static_cast<std::size_t>(*n), 0.0);
    }
    try {
        return embed(points, *n, dim, options, progress);
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Runtime, "t-SNE: out of memory for " + std::to_string(*n) + " points");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Runtime, std::string("t-SNE: ") + e.what());
    }
}

} // namespace fp::engine
