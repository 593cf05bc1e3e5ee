// fp_bench_tsne: times the engine's t-SNE on one data set and prints ONE JSON line.
// tests/bench/bench_tsne.py writes the data, runs this program and scikit-learn's TSNE on the same points,
// and prints the comparison.
//
//   fp_bench_tsne --input FILE --dim D [--output FILE] [--threads K] [--method auto|exact|barnes-hut]
//                 [--perplexity P] [--iterations N] [--seed S] [--trust K]
//   fp_bench_tsne --blobs N,D,CLUSTERS [...]   (synthetic Gaussian clusters instead of a file)
//
// FILE holds little-endian float64 values, n x D row-major; --output writes the n x 2 embedding the same way.
// Plain C++ on purpose (no Qt): it builds in engine-only configurations too.

#include "CommandLine.h"
#include "fedpilot/engine/Tsne.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace fp::engine;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string input;
    std::string output;
    std::string blobs; // "n,dim,clusters"
    int dim = 0;
    int trustK = 0;
    TsneOptions tsne;
};

[[noreturn]] void usage(const std::string &problem) {
    std::fprintf(stderr, "fp_bench_tsne: %s\n(see the comment at the top of tests/bench/BenchTsne.cpp)\n",
                 problem.c_str());
    std::exit(2);
}

Options parse(int argc, char **argv) {
    Options o;
    fp::app::CommandLine cli("fp_bench_tsne", "Times the engine's t-SNE on one data set; prints one JSON line.");
    cli.add_option("--input", o.input, "little-endian float64 values, n x D row-major");
    cli.add_option("--blobs", o.blobs, "N,D,CLUSTERS: synthetic Gaussian clusters instead of --input");
    cli.add_option("--dim", o.dim, "D, with --input")->check(fp::app::integerFrom(1, 1 << 20));
    cli.add_option("--output", o.output, "write the n x 2 embedding here");
    cli.add_option("--trust", o.trustK, "neighbours for the trustworthiness score")
        ->check(fp::app::integerFrom(0, 1 << 20));
    cli.add_option("--threads", o.tsne.threads, "threads")->check(fp::app::integerFrom(0, 1024));
    cli.add_option("--perplexity", o.tsne.perplexity, "perplexity")->check(fp::app::realNumber());
    cli.add_option("--iterations", o.tsne.iterations, "iterations")->check(fp::app::integerFrom(1, 1 << 30));
    cli.add_option("--seed", o.tsne.seed, "seed")
        ->check(fp::app::integerFrom(0, std::numeric_limits<long long>::max()));
    std::string method = "auto";
    cli.add_option("--method", method, "auto, exact or barnes-hut")
        ->check(CLI::IsMember({"auto", "exact", "barnes-hut"}))
        ->capture_default_str();
    if (const auto code = cli.accept(std::vector<std::string>(argv + 1, argv + argc))) {
        std::exit(*code);
    }
    if (o.input.empty() == o.blobs.empty()) {
        usage("give --input FILE --dim D or --blobs N,D,CLUSTERS");
    }
    o.tsne.method = method == "exact"        ? TsneOptions::Method::Exact
                    : method == "barnes-hut" ? TsneOptions::Method::BarnesHut
                                             : TsneOptions::Method::Auto;
    return o;
}

std::vector<double> readDoubles(const std::string &path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        usage("cannot read " + path);
    }
    std::vector<double> values(static_cast<std::size_t>(in.tellg()) / sizeof(double));
    in.seekg(0);
    in.read(reinterpret_cast<char *>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(double)));
    return values;
}

// Gaussian clusters: centres N(0, 1) per coordinate, points at standard deviation 0.5 around them.
std::vector<double> makeBlobs(const std::string &spec, int &dim) {
    int n = 0, clusters = 0;
    if (std::sscanf(spec.c_str(), "%d,%d,%d", &n, &dim, &clusters) != 3 || n < 1 || dim < 1 || clusters < 1) {
        usage("--blobs wants N,DIM,CLUSTERS");
    }
    std::mt19937_64 random(7);
    std::normal_distribution<double> normal;
    std::vector<double> centres(static_cast<std::size_t>(clusters) * dim), points(static_cast<std::size_t>(n) * dim);
    for (double &c : centres) {
        c = normal(random);
    }
    for (int i = 0; i < n; ++i) {
        for (int d = 0; d < dim; ++d) {
            points[static_cast<std::size_t>(i) * dim + d] =
                centres[static_cast<std::size_t>(i % clusters) * dim + d] + 0.5 * normal(random);
        }
    }
    return points;
}

} // namespace

int main(int argc, char **argv) {
    Options o = parse(argc, argv);
    std::vector<double> points = o.blobs.empty() ? readDoubles(o.input) : makeBlobs(o.blobs, o.dim);
    if (o.dim < 1) {
        usage("--dim is required with --input");
    }
    const int n = static_cast<int>(points.size() / static_cast<std::size_t>(o.dim));
    const int threads = o.tsne.threads > 0 ? o.tsne.threads : static_cast<int>(std::thread::hardware_concurrency());
    double lastKl = NAN;
    const auto start = Clock::now();
    const auto embedding = tsne(points, o.dim, o.tsne, [&](int, double kl) {
        lastKl = kl;
        return true;
    });
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!embedding) {
        std::fprintf(stderr, "fp_bench_tsne: %s\n", embedding.error().message.c_str());
        return 1;
    }
    if (!o.output.empty()) {
        std::ofstream out(o.output, std::ios::binary);
        out.write(reinterpret_cast<const char *>(embedding->data()),
                  static_cast<std::streamsize>(embedding->size() * sizeof(double)));
    }
    const bool exact = o.tsne.method == TsneOptions::Method::Exact ||
                       (o.tsne.method == TsneOptions::Method::Auto && n < kTsneExactLimit);
    std::printf("{\"n\": %d, \"dim\": %d, \"threads\": %d, \"method\": \"%s\", \"seconds\": %.4f, \"kl\": %.6f", n,
                o.dim, threads, exact ? "exact" : "barnes-hut", seconds, lastKl);
    if (o.trustK > 0) {
        const auto trust = trustworthiness(points, o.dim, *embedding, 2, o.trustK);
        std::printf(", \"trustworthiness\": %.6f", trust ? *trust : NAN);
    }
    std::printf("}\n");
    return 0;
}
