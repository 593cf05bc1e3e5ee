#include "fedpilot/engine/Selection.h"

#include "data/PortableRandom.h"
#include "fedpilot/engine/Hdbscan.h"
#include "fedpilot/engine/Tsne.h"

#include <cmath>
#include <limits>

namespace fp::engine {
namespace {

Result<std::vector<double>> flatten(const std::vector<std::vector<float>> &rows) {
    const size_t dim = rows.empty() ? 0 : rows.front().size();
    std::vector<double> flat;
    flat.reserve(rows.size() * dim);
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != dim) {
            return fail(ErrorCode::InvalidArgument, "features: row " + std::to_string(i) + " has " +
                                                        std::to_string(rows[i].size()) + " values, row 0 has " +
                                                        std::to_string(dim));
        }
        for (const float v : rows[i]) {
            if (!std::isfinite(v)) {
                return fail(ErrorCode::InvalidArgument, "features: row " + std::to_string(i) + " is not finite");
            }
            flat.push_back(v);
        }
    }
    return flat;
}

// The member of `cluster` nearest (x, y) in the embedding.
size_t nearestMember(const ClientClustering &c, int cluster, double x, double y) {
    size_t best = 0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < c.labels.size(); ++i) {
        if (c.labels[i] != cluster) {
            continue;
        }
        const double dx = c.embedding[2 * i] - x, dy = c.embedding[2 * i + 1] - y;
        if (dx * dx + dy * dy < bestDistance) {
            bestDistance = dx * dx + dy * dy;
            best = i;
        }
    }
    return best;
}

// The weighted mean feature of a group (weights: one per row, 0 for rows outside it), L2-normalised, through a
// seeded Gaussian projection R [dim x k] with entries N(0, 1/k): every client with the same seed uses the same R,
// so centers are comparable.
std::vector<double> projectedCenter(const std::vector<double> &flat, size_t dim, const std::vector<double> &weights,
                                    int dims, uint64_t seed) {
    std::vector<double> projection(dim * size_t(dims));
    detail::PortableRandom random(seed);
    for (auto &v : projection) {
        v = random.normal() / std::sqrt(double(dims));
    }
    std::vector<double> mean(dim, 0.0);
    for (size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] != 0.0) {
            for (size_t j = 0; j < dim; ++j) {
                mean[j] += weights[i] * flat[i * dim + j];
            }
        }
    }
    double norm = 0.0;
    for (double v : mean) {
        norm += v * v;
    }
    norm = norm > 0.0 ? std::sqrt(norm) : 1.0;
    std::vector<double> center(size_t(dims), 0.0);
    for (size_t j = 0; j < dim; ++j) {
        for (int k = 0; k < dims; ++k) {
            center[size_t(k)] += projection[j * size_t(dims) + size_t(k)] * mean[j] / norm;
        }
    }
    return center;
}

// The probability-weighted projected center of each cluster.
std::vector<std::vector<double>> projectedCenters(const std::vector<double> &flat, size_t dim,
                                                  const HdbscanResult &clusters, int dims, uint64_t seed) {
    std::vector<std::vector<double>> centers;
    for (int c = 0; c < clusters.clusterCount; ++c) {
        std::vector<double> weights(clusters.labels.size(), 0.0);
        for (size_t i = 0; i < clusters.labels.size(); ++i) {
            weights[i] = clusters.labels[i] == c ? clusters.probabilities[i] : 0.0;
        }
        centers.push_back(projectedCenter(flat, dim, weights, dims, seed));
    }
    return centers;
}

// The stream of DP noise of one client, drawn in group order.
detail::PortableRandom dpNoise(const ClusteringOptions &options) {
    return detail::PortableRandom(options.seed ^ 0x9e3779b97f4a7c15ULL);
}

// What leaves the site: tanh(center) + N(0, sigma^2) when DP is on, the center itself otherwise.
void privatise(std::vector<double> &sent, const ClusteringOptions &options, detail::PortableRandom &noise) {
    if (options.dpSigma > 0.0) {
        for (double &v : sent) {
            v = std::tanh(v) + options.dpSigma * noise.normal();
        }
    }
}

} // namespace

Result<ClientClustering> clusterClient(const std::vector<std::vector<float>> &features,
                                       const ClusteringOptions &options) {
    auto flat = flatten(features);
    if (!flat) {
        return std::unexpected(flat.error());
    }
    ClientClustering result;
    const size_t n = features.size();
    if (n < size_t(std::max(2, options.minClusterSize))) {
        result.labels.assign(n, -1);
        result.embedding.assign(2 * n, 0.0);
        return result; // too few samples to form a group
    }
    TsneOptions tsneOptions;
    tsneOptions.perplexity = std::min(options.perplexity, double(n - 1));
    tsneOptions.iterations = options.tsneIterations;
    tsneOptions.seed = options.seed;
    tsneOptions.threads = options.threads;
    auto embedding = tsne(*flat, int(features.front().size()), tsneOptions);
    if (!embedding) {
        return std::unexpected(embedding.error());
    }
    HdbscanOptions hdbscanOptions;
    hdbscanOptions.minClusterSize = options.minClusterSize;
    hdbscanOptions.minSamples = options.minSamples;
    hdbscanOptions.semantics = options.hdbscanSemantics;
    auto clusters = hdbscan(*embedding, 2, hdbscanOptions);
    if (!clusters) {
        return std::unexpected(clusters.error());
    }
    result.embedding = std::move(*embedding);
    result.labels = clusters->labels;
    result.embedded = true;
    const auto projected = options.centerDims > 0 ? projectedCenters(*flat, features.front().size(), *clusters,
                                                                     options.centerDims, options.projectionSeed)
                                                  : std::vector<std::vector<double>>();
    auto noise = dpNoise(options);
    for (int c = 0; c < clusters->clusterCount; ++c) {
        ClientGroup group;
        group.clusterId = c;
        const double x = clusters->centroids[size_t(c)][0], y = clusters->centroids[size_t(c)][1];
        group.representative = nearestMember(result, c, x, y);
        group.size = int(std::count(result.labels.begin(), result.labels.end(), c));
        group.x = x;
        group.y = y;
        group.sent = options.centerDims > 0 ? projected[size_t(c)] : std::vector<double>{x, y};
        privatise(group.sent, options, noise);
        result.groups.push_back(group);
    }
    return result;
}

Result<ClientGroup> clientAsOneGroup(const std::vector<std::vector<float>> &features,
                                     const ClusteringOptions &options) {
    if (features.empty()) {
        return fail(ErrorCode::InvalidArgument, "features: a client with no samples has no group");
    }
    auto flat = flatten(features);
    if (!flat) {
        return std::unexpected(flat.error());
    }
    const size_t n = features.size(), dim = features.front().size();
    std::vector<double> mean(dim, 0.0);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < dim; ++j) {
            mean[j] += (*flat)[i * dim + j] / double(n);
        }
    }
    ClientGroup group;
    group.size = int(n);
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < n; ++i) {
        double d = 0.0;
        for (size_t j = 0; j < dim; ++j) {
            d += ((*flat)[i * dim + j] - mean[j]) * ((*flat)[i * dim + j] - mean[j]);
        }
        if (d < best) {
            best = d;
            group.representative = i;
        }
    }
    // Every sample a member with probability 1, as clusterClient weighs a cluster. Without a t-SNE map the 2-D
    // center is the origin of the client's own map (those maps are not aligned across clients anyway).
    group.sent = options.centerDims > 0 ? projectedCenter(*flat, dim, std::vector<double>(n, 1.0), options.centerDims,
                                                          options.projectionSeed)
                                        : std::vector<double>{0.0, 0.0};
    auto noise = dpNoise(options);
    privatise(group.sent, options, noise);
    return group;
}

Result<CenterSelection> selectCenters(const std::vector<CenterRef> &centers, int minClusterSize,
                                      HdbscanSemantics semantics) {
    CenterSelection selection;
    if (centers.size() < size_t(std::max(2, minClusterSize))) {
        return selection; // every center is noise
    }
    const size_t dim = centers.front().coordinates.size();
    std::vector<double> points;
    for (const auto &c : centers) {
        if (c.coordinates.size() != dim || dim == 0) {
            return fail(ErrorCode::InvalidArgument, "server clustering: centers of different dimensions (" +
                                                        std::to_string(c.coordinates.size()) + " and " +
                                                        std::to_string(dim) + ")");
        }
        for (double v : c.coordinates) {
            if (!std::isfinite(v)) {
                return fail(ErrorCode::InvalidArgument, "server clustering: a center is not finite");
            }
        }
        points.insert(points.end(), c.coordinates.begin(), c.coordinates.end());
    }
    HdbscanOptions options;
    options.minClusterSize = minClusterSize;
    options.semantics = semantics;
    auto clusters = hdbscan(points, int(dim), options);
    if (!clusters) {
        return std::unexpected(clusters.error().withContext("server clustering of client centers"));
    }
    selection.globalClusters = clusters->clusterCount;
    for (int g = 0; g < clusters->clusterCount; ++g) {
        const auto &centroid = clusters->centroids[size_t(g)];
        size_t best = 0;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (size_t i = 0; i < centers.size(); ++i) {
            if (clusters->labels[i] != g) {
                continue;
            }
            double d = 0.0;
            for (size_t j = 0; j < dim; ++j) {
                d += (centers[i].coordinates[j] - centroid[j]) * (centers[i].coordinates[j] - centroid[j]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        selection.chosen.push_back(best);
    }
    return selection;
}

} // namespace fp::engine
