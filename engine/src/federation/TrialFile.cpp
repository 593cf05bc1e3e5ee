#include "fedpilot/engine/Trial.h"

#include "federation/TrialFields.h"
#include "formats/FileIo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace fp::engine {
namespace {

using detail::FieldReader;
using detail::IntRange;
using detail::RealRange;
using nlohmann::json;

constexpr uint64_t kMaxTrialFileBytes = 4u << 20;
constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

const RealRange kPositive{0.0, std::numeric_limits<double>::infinity(), true, false};
const RealRange kNonNegative{};

int readInt(FieldReader &reader, const char *key, int fallback, int64_t min, int64_t max = kIntMax) {
    return int(reader.integer(key, fallback, IntRange{min, max}));
}

bool isSiteNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
}

// "host:port" with a non-empty host and a port in [1, 65535]; "[::1]:50051" works as well.
bool isHostPort(const std::string &agent) {
    const size_t colon = agent.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == agent.size() || agent.size() - colon > 6) {
        return false;
    }
    const std::string port = agent.substr(colon + 1);
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const int number = std::stoi(port);
    return number >= 1 && number <= 65535;
}

// A string field that must be non-empty.
std::string readName(FieldReader &reader, const char *key) {
    const std::string value = reader.asString(reader.require(key), reader.path(key));
    if (value.empty()) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), "must not be empty");
    }
    return value;
}

// A required array of at least one element.
const json &readNonEmptyArray(FieldReader &reader, const char *key, const char *what) {
    const json &list = reader.asArray(reader.require(key), reader.path(key));
    if (list.empty()) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), std::string("expected at least one ") + what);
    }
    return list;
}

void readModel(FieldReader model, TrialSpec &trial, const std::string &baseDir) {
    trial.modelPath = detail::resolvePath(model, readName(model, "path"), model.path("path"), baseDir);
    if (trial.modelPath.empty()) {
        model.fail(ErrorCode::InvalidArgument, model.path("path"), "expands to an empty path");
    }
    trial.tokenizerPath = detail::resolvePath(model, model.string("tokenizer", ""), model.path("tokenizer"), baseDir);
    trial.maxTokens = readInt(model, "max_tokens", trial.maxTokens, 8, 1 << 20);
    trial.featureTokens = readInt(model, "feature_tokens", trial.featureTokens, 2, 1 << 20);
    model.finish();
}

LoraConfig readLora(FieldReader lora) {
    LoraConfig config;
    config.rank = readInt(lora, "rank", config.rank, 1, 1 << 16);
    config.alpha = float(lora.number("alpha", config.alpha, kPositive));
    config.dropout = float(lora.number("dropout", config.dropout, RealRange{0.0, 1.0, false, true}));
    if (const json *modules = lora.array("target_modules")) {
        const std::string path = lora.path("target_modules");
        if (modules->empty()) {
            lora.fail(ErrorCode::InvalidArgument, path, "expected at least one module");
        }
        config.targetModules.clear();
        for (size_t i = 0; i < modules->size(); ++i) {
            const std::string name = lora.asString((*modules)[i], detail::indexPath(path, i));
            const auto &valid = loraModuleNames();
            if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
                lora.fail(ErrorCode::InvalidArgument, detail::indexPath(path, i),
                          "'" + name + "' is not one of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj");
            }
            if (std::find(config.targetModules.begin(), config.targetModules.end(), name) !=
                config.targetModules.end()) {
                lora.fail(ErrorCode::InvalidArgument, detail::indexPath(path, i), "'" + name + "' is listed twice");
            }
            config.targetModules.push_back(name);
        }
    }
    lora.finish();
    return config;
}

PartitionOptions readPartition(FieldReader partition) {
    PartitionOptions options;
    const std::string scheme = partition.string("scheme", partitionSchemeName(options.scheme));
    auto parsed = parsePartitionScheme(scheme);
    if (!parsed) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("scheme"), parsed.error().message);
    }
    options.scheme = *parsed;
    options.clients = readInt(partition, "clients", options.clients, 0);
    options.alpha = partition.number("alpha", options.alpha, kPositive);
    if (options.scheme != PartitionScheme::OneTaskPerClient && options.clients < 1) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("clients"),
                       std::string("the ") + partitionSchemeName(options.scheme) +
                           " scheme needs clients >= 1 (how many clients to deal the samples to)");
    }
    partition.finish();
    return options;
}

SiteSpec readSite(FieldReader site, const std::string &baseDir) {
    SiteSpec spec;
    spec.name = readName(site, "name");
    if (!std::all_of(spec.name.begin(), spec.name.end(), isSiteNameChar)) {
        site.fail(ErrorCode::InvalidArgument, site.path("name"),
                  "'" + spec.name + "' may only hold letters, digits, '_', '.' and '-'");
    }
    const json &data = readNonEmptyArray(site, "data", "path");
    for (size_t i = 0; i < data.size(); ++i) {
        const std::string path = detail::indexPath(site.path("data"), i);
        spec.data.push_back(detail::resolvePath(site, site.asString(data[i], path), path, baseDir));
        if (spec.data.back().empty()) {
            site.fail(ErrorCode::InvalidArgument, path, "must not be empty");
        }
    }
    spec.partition = readPartition(site.object("partition"));
    spec.maxSamplesPerClient = site.integer("max_samples_per_client", 0, IntRange{0, kInt64Max});
    FieldReader cost = site.object("cost");
    spec.cost.pricePerComputeHour = cost.number("compute_per_hour", 0.0, kNonNegative);
    spec.cost.pricePerGb = cost.number("transfer_per_gb", 0.0, kNonNegative);
    cost.finish();
    spec.agent = site.string("agent", "");
    if (!spec.agent.empty() && !isHostPort(spec.agent)) {
        site.fail(ErrorCode::InvalidArgument, site.path("agent"),
                  "'" + spec.agent + "': expected host:port with a port in [1, 65535], or \"\" for a simulated site");
    }
    site.finish();
    return spec;
}

std::vector<SiteSpec> readSites(FieldReader &top, const std::string &baseDir) {
    const json &sites = readNonEmptyArray(top, "sites", "site");
    std::vector<SiteSpec> specs;
    for (size_t i = 0; i < sites.size(); ++i) {
        const std::string path = detail::indexPath("sites", i);
        specs.push_back(readSite(FieldReader(sites[i], path, top.origin()), baseDir));
        for (size_t j = 0; j < i; ++j) {
            if (specs[j].name == specs[i].name) {
                top.fail(ErrorCode::InvalidArgument, path + ".name",
                         "'" + specs[i].name + "' is already the name of sites[" + std::to_string(j) + "]");
            }
        }
    }
    return specs;
}

std::vector<SelectionStrategy> readStrategies(FieldReader &top) {
    const json &names = readNonEmptyArray(top, "strategies", "strategy");
    std::vector<SelectionStrategy> strategies;
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string path = detail::indexPath("strategies", i);
        auto strategy = parseSelectionStrategy(top.asString(names[i], path));
        if (!strategy) {
            top.fail(ErrorCode::InvalidArgument, path, strategy.error().message);
        }
        const auto seen = std::find(strategies.begin(), strategies.end(), *strategy);
        if (seen != strategies.end()) {
            top.fail(ErrorCode::InvalidArgument, path,
                     std::string("'") + names[i].get<std::string>() + "' repeats strategies[" +
                         std::to_string(seen - strategies.begin()) + "] (" + selectionStrategyName(*strategy) + ")");
        }
        strategies.push_back(*strategy);
    }
    return strategies;
}

ClusteringOptions readSelection(FieldReader selection) {
    ClusteringOptions options;
    options.minClusterSize = readInt(selection, "min_cluster_size", options.minClusterSize, 2);
    options.minSamples = readInt(selection, "min_samples", options.minSamples, 0);
    options.serverMinClusterSize = readInt(selection, "server_min_cluster_size", options.serverMinClusterSize, 2);
    options.perplexity = selection.number("perplexity", options.perplexity, kPositive);
    options.tsneIterations = readInt(selection, "tsne_iterations", options.tsneIterations, 1);
    options.dpSigma = selection.number("dp_sigma", options.dpSigma, kNonNegative);
    selection.finish();
    return options;
}

CoresetBudget readBudget(FieldReader budget) {
    CoresetBudget caps;
    caps.maxFractionPerClient = budget.number("max_fraction_per_client", 0.0, RealRange{0.0, 1.0});
    caps.maxPerClient = budget.integer("max_per_client", 0, IntRange{0, kInt64Max});
    caps.maxPerRound = budget.integer("max_per_round", 0, IntRange{0, kInt64Max});
    budget.finish();
    return caps;
}

ScheduleSpec readSchedule(FieldReader schedule) {
    ScheduleSpec spec;
    spec.rounds = readInt(schedule, "rounds", spec.rounds, 1);
    spec.participation = schedule.number("participation", spec.participation, RealRange{0.0, 1.0, true, false});
    spec.localEpochs = readInt(schedule, "local_epochs", spec.localEpochs, 1);
    const double rate = schedule.number("learning_rate", spec.learningRate, kPositive);
    spec.learningRate = float(rate);
    if (!(spec.learningRate > 0.f) || !std::isfinite(spec.learningRate)) {
        schedule.fail(ErrorCode::InvalidArgument, schedule.path("learning_rate"),
                      "is not representable as a positive 32-bit float");
    }
    spec.batchSize = readInt(schedule, "batch_size", spec.batchSize, 1);
    spec.evalEvery = readInt(schedule, "eval_every", spec.evalEvery, 0);
    spec.seed = uint64_t(schedule.integer("seed", 0, IntRange{0, kInt64Max}));
    schedule.finish();
    return spec;
}

Aggregation readAggregation(FieldReader &top) {
    const std::string name = top.string("aggregation", aggregationName(Aggregation::FedAvg));
    for (auto aggregation : {Aggregation::FedAvg, Aggregation::FlexLora}) {
        if (name == aggregationName(aggregation)) {
            return aggregation;
        }
    }
    top.fail(ErrorCode::InvalidArgument, "aggregation", "'" + name + "': expected fedavg or flexlora");
}

EvaluationSpec readEvaluation(FieldReader evaluation) {
    EvaluationSpec spec;
    if (const json *tasks = evaluation.array("held_out_tasks")) {
        for (size_t i = 0; i < tasks->size(); ++i) {
            const std::string path = detail::indexPath(evaluation.path("held_out_tasks"), i);
            const std::string task = evaluation.asString((*tasks)[i], path);
            if (task.empty() ||
                std::find(spec.heldOutTasks.begin(), spec.heldOutTasks.end(), task) != spec.heldOutTasks.end()) {
                evaluation.fail(ErrorCode::InvalidArgument, path, "'" + task + "' is empty or listed twice");
            }
            spec.heldOutTasks.push_back(task);
        }
    }
    spec.maxSamplesPerTask = readInt(evaluation, "max_samples_per_task", spec.maxSamplesPerTask, 0);
    spec.maxNewTokens = readInt(evaluation, "max_new_tokens", spec.maxNewTokens, 1, 1 << 20);
    spec.federated = evaluation.boolean("federated", spec.federated);
    evaluation.finish();
    return spec;
}

TrialSpec readTrial(const json &root, const std::string &baseDir, const std::string &origin) {
    FieldReader top(root, "", origin);
    TrialSpec trial;
    trial.name = readName(top, "name");
    readModel(top.object("model"), trial, baseDir); // absent: "model.path: required field missing"
    trial.lora = readLora(top.object("lora"));
    trial.sites = readSites(top, baseDir);
    trial.strategies = readStrategies(top);
    trial.clustering = readSelection(top.object("selection"));
    trial.budget = readBudget(top.object("budget"));
    trial.schedule = readSchedule(top.object("schedule"));
    trial.aggregation = readAggregation(top);
    trial.evaluation = readEvaluation(top.object("evaluation"));
    top.finish();
    for (auto &site : trial.sites) {
        site.partition.seed = trial.schedule.seed;
    }
    return trial;
}

} // namespace

const char *aggregationName(Aggregation aggregation) {
    switch (aggregation) {
    case Aggregation::FedAvg: return "fedavg";
    case Aggregation::FlexLora: return "flexlora";
    }
    return "?";
}

Result<TrialSpec> parseTrial(const std::string &text, const std::string &baseDir, const std::string &origin) {
    return detail::catchAtBoundary(origin, [&]() -> Result<TrialSpec> {
        json root;
        try {
            root = json::parse(text);
        } catch (const json::parse_error &e) {
            return fail(ErrorCode::BadFormat, origin + ": not valid JSON: " + e.what());
        }
        try {
            TrialSpec trial = readTrial(root, baseDir, origin);
            trial.sourceJson = text;
            trial.baseDir = std::filesystem::absolute(baseDir).lexically_normal().string();
            return trial;
        } catch (const detail::TrialFieldError &e) {
            return fail(e.code(), e.what());
        }
    });
}

Result<TrialSpec> readTrialFile(const std::string &path) {
    auto text = detail::readTextFile(path, "trial file", kMaxTrialFileBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    const std::string baseDir = std::filesystem::path(path).parent_path().string();
    return parseTrial(*text, baseDir.empty() ? "." : baseDir, path);
}

} // namespace fp::engine
