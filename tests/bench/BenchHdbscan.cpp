// fp_bench_hdbscan: times fp::engine::hdbscan on points read from a CSV file and prints ONE JSON line.
// tests/bench/bench_hdbscan.py runs it and R's dbscan::hdbscan on the same file and prints ratios.
//
//   fp_bench_hdbscan --points FILE.csv --min-pts M [--algorithm auto|kdtree|dense] [--reps N]
//                    [--labels OUT.csv]
//
// FILE.csv: a header line, then one point per line, comma-separated coordinates. --labels writes one
// line per point, "cluster,prob", in R's numbering (0 = noise, clusters 1..k) for comparison with R.
// Only the hdbscan() call is timed (best of --reps). Plain C++ (no Qt).

#include "CommandLine.h"
#include "fedpilot/engine/Hdbscan.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace fp::engine;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string points;
    std::string labels;
    std::string algorithm = "auto";
    int minPts = 5;
    int reps = 3;
};

// Returns nothing when the arguments are accepted, else the exit code (0 after --help, 2 for a bad command line).
std::optional<int> parseArguments(int argc, char **argv, Options &o) {
    fp::app::CommandLine cli("fp_bench_hdbscan", "Times fp::engine::hdbscan on points from a CSV file; prints one "
                                                 "JSON line.");
    cli.add_option("--points", o.points, "CSV: a header line, then one point per line")->required();
    cli.add_option("--min-pts", o.minPts, "minimum cluster size")->check(fp::app::integerFrom(2, 1 << 30));
    cli.add_option("--algorithm", o.algorithm, "auto, kdtree or dense")
        ->check(CLI::IsMember({"auto", "kdtree", "dense"}))
        ->capture_default_str();
    cli.add_option("--reps", o.reps, "repetitions (the best is reported)")->check(fp::app::integerFrom(1, 1000));
    cli.add_option("--labels", o.labels, "write cluster,prob per point here (R's numbering)");
    return cli.accept(std::vector<std::string>(argv + 1, argv + argc));
}

// Returns the dimension, 0 when the file cannot be read or its rows are ragged.
int readPoints(const std::string &path, std::vector<double> &points) {
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line))
        return 0;
    const int dim = static_cast<int>(std::count(line.begin(), line.end(), ',')) + 1;
    while (std::getline(in, line)) {
        std::stringstream row(line);
        std::string cell;
        int cells = 0;
        while (std::getline(row, cell, ',')) {
            points.push_back(std::stod(cell));
            ++cells;
        }
        if (cells != dim)
            return 0;
    }
    return dim;
}

bool writeLabels(const std::string &path, const HdbscanResult &r) {
    std::FILE *out = std::fopen(path.c_str(), "w");
    if (!out)
        return false;
    std::fprintf(out, "cluster,prob\n");
    for (std::size_t i = 0; i < r.labels.size(); ++i)
        std::fprintf(out, "%d,%.17g\n", r.labels[i] + 1, r.probabilities[i]);
    return std::fclose(out) == 0;
}

} // namespace

int main(int argc, char **argv) {
    Options o;
    if (const auto code = parseArguments(argc, argv, o)) {
        return *code;
    }
    std::vector<double> points;
    const int dim = readPoints(o.points, points);
    if (dim == 0) {
        std::fprintf(stderr, "fp_bench_hdbscan: cannot read points from %s\n", o.points.c_str());
        return 1;
    }
    HdbscanOptions options;
    options.minClusterSize = o.minPts;
    options.algorithm = o.algorithm == "kdtree"  ? HdbscanAlgorithm::KdTree
                        : o.algorithm == "dense" ? HdbscanAlgorithm::Dense
                                                 : HdbscanAlgorithm::Auto;
    double best = 1e300;
    fp::Result<HdbscanResult> result;
    for (int rep = 0; rep < o.reps; ++rep) {
        const auto start = Clock::now();
        result = hdbscan(points, dim, options);
        best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
        if (!result) {
            std::fprintf(stderr, "fp_bench_hdbscan: %s\n", result.error().message.c_str());
            return 1;
        }
    }
    if (!o.labels.empty() && !writeLabels(o.labels, *result)) {
        std::fprintf(stderr, "fp_bench_hdbscan: cannot write %s\n", o.labels.c_str());
        return 1;
    }
    const long noise = std::count(result->labels.begin(), result->labels.end(), -1);
    std::printf("{\"n\": %zu, \"dim\": %d, \"min_pts\": %d, \"algorithm\": \"%s\", \"seconds\": %.6f, "
                "\"clusters\": %d, \"noise\": %ld}\n",
                result->labels.size(), dim, o.minPts, o.algorithm.c_str(), best, result->clusterCount, noise);
    return 0;
}
