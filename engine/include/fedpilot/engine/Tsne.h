#pragma once

#include "fedpilot/engine/Error.h"

#include <cstdint>
#include <functional>
#include <vector>

// t-SNE (van der Maaten & Hinton 2008; Barnes-Hut: van der Maaten 2014) to two dimensions, the reduction
// step of FedHDS's data selection (ARCHITECTURE.md, "FedHDS, precisely", step 3). Plain C++: no Qt, no torch.
//
// The algorithm follows scikit-learn's TSNE (1.2) step for step, so that results are comparable:
//  - squared Euclidean input distances; per point, a search for the Gaussian precision whose conditional
//    distribution has the requested perplexity (entropy within 1e-5 nats, at most 100 steps);
//  - P = (P_cond + P_cond^T) / sum, over all other points (exact) or over the k = min(n - 1, 3 * perplexity + 1)
//    nearest neighbours (Barnes-Hut);
//  - Student-t (one degree of freedom) output kernel, gradient 4 * sum_j (p_ij - q_ij) w_ij (y_i - y_j);
//  - gradient descent with per-coordinate gains (+0.2 / x0.8, at least 0.01), momentum 0.5 during the
//    early exaggeration phase (P x earlyExaggeration), then 0.8; gains and momentum restart between the
//    phases; a phase stops early when the KL divergence has not improved for 300 iterations (checked every
//    50) or when the gradient norm falls to 1e-7;
//  - PCA initialisation scaled so that the first coordinate has standard deviation 1e-4.
// Where it differs, the difference is in speed, not in what is computed: Newton steps in the perplexity
// search, Barnes-Hut cells opened per group of nearby points (at least as accurate as per point), and float
// SIMD arithmetic in the gradient (scikit-learn's Barnes-Hut gradient is float as well).
//
// Deterministic: the same input and options give bit-identical output for any thread count (on one build;
// another compiler or libm may round differently).
namespace fp::engine {

struct TsneOptions {
    enum class Init {
        Pca,    // first two principal components, scaled to std 1e-4 (deterministic; ignores seed)
        Random, // 1e-4 * N(0, 1) from seed
    };
    enum class Method {
        Auto,      // Exact below kTsneExactLimit points, Barnes-Hut from there on
        Exact,     // O(n^2) per iteration, all pairs in P
        BarnesHut, // O(n log n) per iteration, quadtree with opening angle theta, kNN-sparse P
    };

    // Effective number of neighbours, > 0. Values above n - 1 are lowered to n - 1, so FedHDS's
    // min(30, n - 1) and plain 30 give the same result (scikit-learn refuses perplexity >= n instead).
    double perplexity = 30.0;
    double earlyExaggeration = 12.0;  // >= 1; P is multiplied by it during the first exaggerationIterations
    int exaggerationIterations = 250; // >= 0; capped at iterations
    int iterations = 1000;            // total, exaggeration phase included; >= 1
    double learningRate = 0.0;        // > 0, or 0 for scikit-learn's "auto": max(n / earlyExaggeration / 4, 50)
    Init init = Init::Pca;
    std::uint64_t seed = 0; // used by Init::Random, and by Init::Pca when the data has no spread
    Method method = Method::Auto;
    // Barnes-Hut opening angle in [0, 1]: a cell of side s whose centre of mass is at distance d from every
    // point of a group is summarised when s < theta * d; 0 sums every pair.
    double theta = 0.5;
    // Threads for this call (the caller's included), >= 0; 0 = std::thread::hardware_concurrency(). At most
    // one per 64 points is used. The threads live only as long as the call.
    int threads = 0;
};

// Inputs with fewer points than this use the exact method under Method::Auto. Measured: below ~500 points
// the exact method is as fast as Barnes-Hut (and exact); at 1000 it is about 2.5x slower.
inline constexpr int kTsneExactLimit = 500;

// Called every 50 iterations and after the last one with the 1-based iteration count and the current
// KL divergence (computed with the exaggerated P during the exaggeration phase, as scikit-learn reports it).
// Returning false cancels the run. The set-up before the first iteration (neighbours, P, PCA: about a fifth
// of the run) is not interruptible.
using TsneProgress = std::function<bool(int iteration, double kl)>;

// Embeds n points of dimension dim (row-major, points.size() == n * dim) into the plane.
// Returns n x 2 coordinates, row-major. n == 0 gives an empty result and n == 1 gives (0, 0).
// Errors: InvalidArgument (dim < 1, size not a multiple of dim, a NaN or infinite coordinate, an option
// out of range), Cancelled (progress returned false), Runtime (out of memory, or a non-finite gradient).
[[nodiscard]] Result<std::vector<double>> tsne(const std::vector<double> &points, int dim, const TsneOptions &options,
                                               const TsneProgress &progress = {});

// scikit-learn's trustworthiness(high, low, n_neighbors = k): 1 minus a penalty, in [0, 1], for points
// among each point's k nearest neighbours in `low` that are not among its k nearest in `high`, weighted by
// how far down the high-dimensional ranking they sit. Euclidean distances; ties broken by point index.
// Errors: InvalidArgument (dimensions < 1, sizes that disagree, k < 1 or k >= n / 2, NaN or infinity).
[[nodiscard]] Result<double> trustworthiness(const std::vector<double> &high, int highDim,
                                             const std::vector<double> &low, int lowDim, int k);

} // namespace fp::engine
