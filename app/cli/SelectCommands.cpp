// fedpilot-cli cluster / select: the selection machinery for analysts.
#include "Args.h"
#include "Commands.h"

#include "fedpilot/engine/Hdbscan.h"
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Partition.h"
#include "fedpilot/engine/Selection.h"
#include "fedpilot/engine/Tsne.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

namespace fp::app {
namespace {

struct Table {
    std::vector<double> values; // row-major
    int columns = 0;
    size_t rows() const { return columns ? values.size() / size_t(columns) : 0; }
};

std::vector<std::string> splitCsv(const std::string &line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, ',')) {
        cells.push_back(cell);
    }
    return cells;
}

bool parseNumber(std::string text, double &out) {
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    const auto start = text.find_first_not_of(' ');
    if (start == std::string::npos) {
        return false;
    }
    const auto [end, ec] = std::from_chars(text.data() + start, text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// Numeric CSV; a first line that is not numeric is a header. Errors name the file, line and column.
Result<Table> readNumericCsv(const std::string &path) {
    std::ifstream in(path);
    if (!in) {
        return fail(ErrorCode::NotFound, path + ": cannot open");
    }
    Table table;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \r\t") == std::string::npos) {
            continue;
        }
        const auto cells = splitCsv(line);
        std::vector<double> row(cells.size());
        size_t bad = cells.size();
        for (size_t i = 0; i < cells.size() && bad == cells.size(); ++i) {
            bad = parseNumber(cells[i], row[i]) ? cells.size() : i;
        }
        if (bad != cells.size()) {
            if (number == 1 && table.columns == 0) {
                continue; // header
            }
            return fail(ErrorCode::BadFormat, path + ":" + std::to_string(number) + ": column " +
                                                  std::to_string(bad + 1) + " is not a number ('" + cells[bad] + "')");
        }
        if (table.columns == 0) {
            table.columns = int(cells.size());
        } else if (int(cells.size()) != table.columns) {
            return fail(ErrorCode::BadFormat, path + ":" + std::to_string(number) + ": " +
                                                  std::to_string(cells.size()) + " columns, expected " +
                                                  std::to_string(table.columns));
        }
        table.values.insert(table.values.end(), row.begin(), row.end());
    }
    if (table.rows() == 0 || table.columns < 2) {
        return fail(ErrorCode::BadFormat, path + ": needs at least one row of two or more numeric columns");
    }
    return table;
}

} // namespace

int runCluster(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {"tsne"}, {"input", "min-cluster-size", "min-samples", "perplexity", "seed"});
    if (!args) {
        return reportError("cluster", args.error());
    }
    if (!args->value("input")) {
        return reportError("cluster", Error(ErrorCode::InvalidArgument, "--input FILE.csv is required"));
    }
    auto minSize = args->integer("min-cluster-size", 5, 2, 1 << 30);
    auto minSamples = args->integer("min-samples", 0, 0, 1 << 30);
    auto perplexity = args->number("perplexity", 30.0);
    auto seed = args->integer("seed", 0, 0, std::numeric_limits<long long>::max());
    if (!minSize || !minSamples || !seed || !perplexity) {
        return reportError("cluster", !minSize      ? minSize.error()
                                      : !minSamples ? minSamples.error()
                                      : !seed       ? seed.error()
                                                    : perplexity.error());
    }
    auto table = readNumericCsv(*args->value("input"));
    if (!table) {
        return reportError("cluster", table.error());
    }
    std::vector<double> points = table->values;
    int dim = table->columns;
    if (args->has("tsne")) {
        engine::TsneOptions options;
        options.perplexity = std::min(*perplexity, double(table->rows()) - 1.0);
        options.seed = uint64_t(*seed);
        auto embedded = engine::tsne(points, dim, options);
        if (!embedded) {
            return reportError("cluster", embedded.error());
        }
        points = std::move(*embedded);
        dim = 2;
    }
    engine::HdbscanOptions options;
    options.minClusterSize = int(*minSize);
    options.minSamples = int(*minSamples);
    auto result = engine::hdbscan(points, dim, options);
    if (!result) {
        return reportError("cluster", result.error());
    }
    std::printf("x,y,label,probability\n");
    for (size_t i = 0; i < result->labels.size(); ++i) {
        std::printf("%.9g,%.9g,%d,%.9g\n", points[i * size_t(dim)], points[i * size_t(dim) + 1], result->labels[i],
                    result->probabilities[i]);
    }
    return ExitOk;
}

} // namespace fp::app

namespace fp::app {
namespace {

struct SelectInputs {
    std::vector<engine::InstructionSample> samples;
    engine::Partitioning partition;
};

Result<SelectInputs> readAndPartition(const Args &args) {
    std::vector<std::string> paths;
    if (args.value("data")) {
        paths.push_back(*args.value("data"));
    }
    paths.insert(paths.end(), args.positional().begin(), args.positional().end());
    if (paths.empty()) {
        return fail(ErrorCode::InvalidArgument, "--data PATH... is required (files or folders)");
    }
    auto files = engine::readInstructionFiles(paths);
    if (!files) {
        return std::unexpected(files.error());
    }
    SelectInputs inputs;
    for (auto &f : *files) {
        for (const auto &problem : f.report.problems) {
            std::cerr << "warning: " << problem << "\n";
        }
        inputs.samples.insert(inputs.samples.end(), f.samples.begin(), f.samples.end());
    }
    engine::PartitionOptions options;
    auto scheme = engine::parsePartitionScheme(args.valueOr("partition", "task"));
    auto clients = args.integer("clients", 0, 0, 1 << 20);
    auto alpha = args.number("alpha", 0.5);
    auto seed = args.integer("seed", 0, 0, std::numeric_limits<long long>::max());
    if (!scheme || !clients || !alpha || !seed) {
        return fail(ErrorCode::InvalidArgument, !scheme    ? scheme.error().message
                                                : !clients ? clients.error().message
                                                : !alpha   ? alpha.error().message
                                                           : seed.error().message);
    }
    options.scheme = *scheme;
    options.clients = int(*clients);
    options.alpha = *alpha;
    options.seed = uint64_t(*seed);
    std::stringstream held(args.valueOr("held-out", ""));
    for (std::string task; std::getline(held, task, ',');) {
        options.heldOutCategories.push_back(task);
    }
    auto partition = engine::partitionSamples(inputs.samples, options);
    if (!partition) {
        return std::unexpected(partition.error());
    }
    inputs.partition = std::move(*partition);
    return inputs;
}

Result<engine::CoresetBudget> budgetFrom(const Args &args) {
    engine::CoresetBudget budget;
    auto fraction = args.number("budget-fraction", 0.0);
    auto perClient = args.integer("budget-per-client", 0, 0, std::numeric_limits<long long>::max());
    auto perRound = args.integer("budget-per-round", 0, 0, std::numeric_limits<long long>::max());
    if (!fraction || !perClient || !perRound) {
        return fail(ErrorCode::InvalidArgument, !fraction    ? fraction.error().message
                                                : !perClient ? perClient.error().message
                                                             : perRound.error().message);
    }
    budget.maxFractionPerClient = *fraction;
    budget.maxPerClient = *perClient;
    budget.maxPerRound = *perRound;
    return budget;
}

// One CSV per client (a row per sample), for `fedpilot-cli cluster --input` and other analysis tools.
Result<void> dumpFeatures(const std::string &dir, const engine::Partitioning &partition,
                          const std::vector<std::vector<std::vector<float>>> &features) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (size_t c = 0; c < features.size(); ++c) {
        const std::string path = dir + "/" + partition.clients[c].name + ".csv";
        std::ofstream out(path);
        for (const auto &row : features[c]) {
            for (size_t i = 0; i < row.size(); ++i) {
                out << (i ? "," : "") << row[i];
            }
            out << "\n";
        }
        if (!out) {
            return fail(ErrorCode::Io, "cannot write " + path);
        }
    }
    return {};
}

} // namespace

int runSelect(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {},
                            {"model", "tokenizer", "data", "partition", "clients", "alpha", "held-out", "strategy",
                             "min-cluster-size", "seed", "max-tokens", "threads", "budget-fraction",
                             "budget-per-client", "budget-per-round", "dump-features"});
    if (!args) {
        return reportError("select", args.error());
    }
    auto strategy = engine::parseSelectionStrategy(args->valueOr("strategy", "fedhds"));
    auto minSize = args->integer("min-cluster-size", 5, 2, 1 << 20);
    auto maxTokens = args->integer("max-tokens", 256, 2, 1 << 20);
    auto threads = args->integer("threads", 0, 1, 1024);
    auto budget = budgetFrom(*args);
    if (!strategy || !minSize || !maxTokens || !threads || !budget) {
        return reportError("select", !strategy    ? strategy.error()
                                     : !minSize   ? minSize.error()
                                     : !maxTokens ? maxTokens.error()
                                     : !threads   ? threads.error()
                                                  : budget.error());
    }
    if (!args->value("model")) {
        return reportError("select", Error(ErrorCode::InvalidArgument, "--model PATH is required"));
    }
    engine::configureThreads(int(*threads));
    auto inputs = readAndPartition(*args);
    if (!inputs) {
        return reportError("select", inputs.error());
    }
    engine::ModelOptions modelOptions;
    modelOptions.tokenizerPath = args->valueOr("tokenizer", "");
    auto model = engine::LanguageModel::load(*args->value("model"), modelOptions);
    if (!model) {
        return reportError("select", model.error());
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::vector<std::vector<float>>> features;
    for (const auto &client : inputs->partition.clients) {
        std::vector<std::vector<int>> sequences;
        for (size_t i : client.samples) {
            // The feature is the LAST token's state: keep BOS and the end of a long sample, so what tells samples
            // apart (input and response) is seen even when a long task definition fills the window.
            auto tokens = engine::encodeForTraining(model->tokenizer(), inputs->samples[i], 0).tokens;
            if (tokens.size() > size_t(*maxTokens)) {
                tokens.erase(tokens.begin() + 1, tokens.end() - (*maxTokens - 1));
            }
            sequences.push_back(std::move(tokens));
        }
        auto f = model->lastTokenFeatures(sequences, 16);
        if (!f) {
            return reportError("select", f.error().withContext("client " + client.name));
        }
        features.push_back(std::move(*f));
    }
    const auto extracted = std::chrono::steady_clock::now();
    if (const auto dir = args->value("dump-features")) {
        if (auto ok = dumpFeatures(*dir, inputs->partition, features); !ok) {
            return reportError("select", ok.error());
        }
    }
    engine::ClusteringOptions options;
    options.minClusterSize = int(*minSize);
    options.seed = uint64_t(*args->integer("seed", 0, 0, std::numeric_limits<long long>::max()));
    auto round = engine::selectCoreset(features, *strategy, options, *budget);
    if (!round) {
        return reportError("select", round.error());
    }
    const auto selected = std::chrono::steady_clock::now();
    std::printf("%-56s %9s %6s %6s\n", "client", "available", "groups", "chosen");
    int64_t available = 0;
    for (size_t c = 0; c < round->clients.size(); ++c) {
        const auto &r = round->clients[c];
        std::printf("%-56s %9d %6d %6zu\n", inputs->partition.clients[c].name.c_str(), r.available, r.groups,
                    r.samples.size());
        available += r.available;
    }
    const double fe = std::chrono::duration<double>(extracted - start).count();
    std::printf("%s: %lld of %lld samples (%.2f%%), %lld centers sent, %d global clusters; features %.1f s "
                "(%.0f samples/s), selection %.1f s\n",
                engine::selectionStrategyName(*strategy), (long long)round->total(), (long long)available,
                available ? 100.0 * double(round->total()) / double(available) : 0.0, (long long)round->centersSent,
                round->globalClusters, fe, fe > 0 ? double(available) / fe : 0.0,
                std::chrono::duration<double>(selected - extracted).count());
    return ExitOk;
}

} // namespace fp::app
