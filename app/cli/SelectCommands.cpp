// fedpilot-cli cluster / select: the selection machinery for analysts.
#include "CommandLine.h"
#include "Commands.h"
#include "NumericCsv.h"

#include "fedpilot/engine/Hdbscan.h"
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Partition.h"
#include "fedpilot/engine/Selection.h"
#include "fedpilot/engine/Tsne.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

namespace fp::app {

int runCluster(const std::vector<std::string> &arguments) {
    CommandLine cli(
        "fedpilot-cli cluster",
        "HDBSCAN (optionally after t-SNE) over the numeric columns of a CSV; prints x,y,label,probability.");
    std::string input;
    long long minSize = 5, minSamples = 0, seed = 0;
    double perplexity = 30.0;
    bool useTsne = false;
    cli.add_option("--input", input, "numeric CSV (a non-numeric first line is a header)")->required();
    cli.add_option("--min-cluster-size", minSize, "HDBSCAN minimum cluster size")
        ->check(integerFrom(2, 1 << 30))
        ->capture_default_str();
    cli.add_option("--min-samples", minSamples, "HDBSCAN core distance neighbours (0: the minimum cluster size)")
        ->check(integerFrom(0, 1 << 30));
    cli.add_flag("--tsne", useTsne, "embed in 2-D with t-SNE first");
    cli.add_option("--perplexity", perplexity, "t-SNE perplexity")->check(realNumber())->capture_default_str();
    cli.add_option("--seed", seed, "t-SNE seed")->check(integerFrom(0, std::numeric_limits<long long>::max()));
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    auto table = readNumericCsv(input);
    if (!table) {
        return reportInputError("cluster", table.error());
    }
    std::vector<double> points = table->values;
    int dim = table->columns;
    if (useTsne) {
        engine::TsneOptions options;
        options.perplexity = std::min(perplexity, double(table->rows()) - 1.0);
        options.seed = uint64_t(seed);
        auto embedded = engine::tsne(points, dim, options);
        if (!embedded) {
            return reportError("cluster", embedded.error());
        }
        points = std::move(*embedded);
        dim = 2;
    }
    engine::HdbscanOptions options;
    options.minClusterSize = int(minSize);
    options.minSamples = int(minSamples);
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

// Everything `select` takes from its command line.
struct SelectSettings {
    std::string modelPath, tokenizerPath, partition = "task", heldOut, strategy = "fedhds", dumpDir;
    std::vector<std::string> data; // --data may be repeated and takes several paths; all of them are read
    long long clients = 0, seed = 0, minClusterSize = 5, maxTokens = 256, threads = 0;
    long long budgetPerClient = 0, budgetPerRound = 0;
    double alpha = 0.5, budgetFraction = 0.0;
};

void declareSelectOptions(CommandLine &cli, SelectSettings &s) {
    const auto anyCount = integerFrom(0, std::numeric_limits<long long>::max());
    cli.add_option("--model", s.modelPath, "Hugging Face model folder or llama2.c checkpoint")->required();
    cli.add_option("--tokenizer", s.tokenizerPath, "tokenizer file (default: the one beside the model)");
    cli.add_option("--data", s.data, "instruction data files or folders (repeat or list several)")
        ->required()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cli.add_option("--partition", s.partition, "task, dirichlet or iid")->capture_default_str();
    cli.add_option("--clients", s.clients, "clients (dirichlet, iid)")->check(integerFrom(0, 1 << 20));
    cli.add_option("--alpha", s.alpha, "Dirichlet concentration")->check(realNumber())->capture_default_str();
    cli.add_option("--held-out", s.heldOut, "tasks kept out of the clients, comma-separated");
    cli.add_option("--strategy", s.strategy, "fedhds, fedhds-intra, random or full")->capture_default_str();
    cli.add_option("--min-cluster-size", s.minClusterSize, "HDBSCAN minimum cluster size")
        ->check(integerFrom(2, 1 << 20))
        ->capture_default_str();
    cli.add_option("--seed", s.seed, "partition and clustering seed")->check(anyCount);
    cli.add_option("--max-tokens", s.maxTokens, "tokens per sample fed to the model")
        ->check(integerFrom(2, 1 << 20))
        ->capture_default_str();
    cli.add_option("--threads", s.threads, "intra-op threads")->check(integerFrom(1, 1024));
    cli.add_option("--budget-fraction", s.budgetFraction, "most of a client's samples chosen (0: no limit)")
        ->check(realNumber());
    cli.add_option("--budget-per-client", s.budgetPerClient, "most samples per client (0: no limit)")->check(anyCount);
    cli.add_option("--budget-per-round", s.budgetPerRound, "most samples per round (0: no limit)")->check(anyCount);
    cli.add_option("--dump-features", s.dumpDir, "write the features as one CSV per client to this folder");
}

// Reading the data is input (exit 3 when it is bad); the partition options are the command line (exit 2).
Result<SelectInputs> readAndPartition(const SelectSettings &settings, int &exitCode) {
    exitCode = ExitBadInput;
    auto files = engine::readInstructionFiles(settings.data);
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
    exitCode = ExitUsage;
    engine::PartitionOptions options;
    auto scheme = engine::parsePartitionScheme(settings.partition);
    if (!scheme) {
        return std::unexpected(scheme.error());
    }
    options.scheme = *scheme;
    options.clients = int(settings.clients);
    options.alpha = settings.alpha;
    options.seed = uint64_t(settings.seed);
    std::stringstream held(settings.heldOut);
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
    CommandLine cli("fedpilot-cli select",
                    "Partitions instruction data into clients, extracts features with the model and selects a "
                    "coreset per client.");
    SelectSettings settings;
    declareSelectOptions(cli, settings);
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    auto strategy = engine::parseSelectionStrategy(settings.strategy);
    if (!strategy) {
        return reportError("select", strategy.error());
    }
    engine::CoresetBudget budget;
    budget.maxFractionPerClient = settings.budgetFraction;
    budget.maxPerClient = settings.budgetPerClient;
    budget.maxPerRound = settings.budgetPerRound;
    engine::configureThreads(int(settings.threads));
    int inputExit = ExitBadInput;
    auto inputs = readAndPartition(settings, inputExit);
    if (!inputs) {
        std::cerr << "fedpilot-cli select: " << inputs.error().message << "\n";
        return inputExit == ExitBadInput ? exitCodeForInput(inputs.error()) : exitCodeFor(inputs.error());
    }
    engine::ModelOptions modelOptions;
    modelOptions.tokenizerPath = settings.tokenizerPath;
    auto model = engine::LanguageModel::load(settings.modelPath, modelOptions);
    if (!model) {
        return reportInputError("select", model.error());
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::vector<std::vector<float>>> features;
    for (const auto &client : inputs->partition.clients) {
        std::vector<std::vector<int>> sequences;
        for (size_t i : client.samples) {
            // The feature is the LAST token's state: keep BOS and the end of a long sample, so what tells samples
            // apart (input and response) is seen even when a long task definition fills the window.
            auto tokens = engine::encodeForTraining(model->tokenizer(), inputs->samples[i], 0).tokens;
            if (tokens.size() > size_t(settings.maxTokens)) {
                tokens.erase(tokens.begin() + 1, tokens.end() - (settings.maxTokens - 1));
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
    if (!settings.dumpDir.empty()) {
        if (auto ok = dumpFeatures(settings.dumpDir, inputs->partition, features); !ok) {
            return reportError("select", ok.error());
        }
    }
    engine::ClusteringOptions options;
    options.minClusterSize = int(settings.minClusterSize);
    options.seed = uint64_t(settings.seed);
    auto round = engine::selectCoreset(features, *strategy, options, budget);
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
