#include "fedpilot/engine/Trial.h"

#include "federation/TrialFields.h"
#include "formats/FileIo.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

namespace fp::engine {
namespace {

using detail::FieldReader;
using detail::IntRange;
using detail::readName;
using detail::readNonEmptyArray;
using detail::RealRange;
using nlohmann::json;

constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// Ranges of the site protocol (proto/fedpilot/v1/site.proto, checked in SiteMessages.cpp).
constexpr int64_t kMaxRounds = 1000000;
constexpr int64_t kMaxTokens = 32768;
constexpr int64_t kMaxClusterSize = 1000;

const RealRange kPositive{0.0, std::numeric_limits<double>::infinity(), true, false};
const RealRange kNonNegative{};

int readInt(FieldReader &reader, const char *key, int fallback, int64_t min, int64_t max = kIntMax) {
    return int(reader.integer(key, fallback, IntRange{min, max}));
}

bool isSiteNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == '-';
}

// The host of "host:port" or "[v6 address]:port" with a port in [1, 65535]; nullopt when malformed.
std::optional<std::string> hostOf(const std::string &address) {
    const size_t colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == address.size() || address.size() - colon > 6) {
        return std::nullopt;
    }
    const std::string port = address.substr(colon + 1);
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoi(port) < 1 ||
        std::stoi(port) > 65535) {
        return std::nullopt;
    }
    const std::string host = address.substr(0, colon);
    if (host.front() == '[') {
        const bool v6 = host.size() > 2 && host.back() == ']' &&
                        std::all_of(host.begin() + 1, host.end() - 1,
                                    [](char c) { return std::isxdigit((unsigned char)c) || c == ':' || c == '.'; });
        return v6 ? std::optional(host.substr(1, host.size() - 2)) : std::nullopt;
    }
    const bool named = std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_';
    });
    return named ? std::optional(host) : std::nullopt;
}

// localhost, ::1 or 127.0.0.0/8 written as a dotted quad.
bool isLoopback(const std::string &host) {
    if (host == "localhost" || host == "::1") {
        return true;
    }
    int octets = 0;
    for (size_t begin = 0; begin <= host.size(); ++octets) {
        const size_t dot = std::min(host.find('.', begin), host.size());
        const std::string octet = host.substr(begin, dot - begin);
        if (octet.empty() || octet.size() > 3 || !std::all_of(octet.begin(), octet.end(), ::isdigit) ||
            std::stoi(octet) > 255 || (octets == 0 && octet != "127")) {
            return false;
        }
        begin = dot + 1;
    }
    return octets == 4;
}

std::string readOptionalPath(FieldReader &reader, const char *key, const std::string &baseDir) {
    return detail::resolvePath(reader, reader.string(key, ""), reader.path(key), baseDir);
}

AgentEndpoint readAgent(FieldReader agent, const std::string &baseDir) {
    AgentEndpoint endpoint;
    endpoint.address = readName(agent, "address");
    const auto host = hostOf(endpoint.address);
    if (!host) {
        agent.fail(ErrorCode::InvalidArgument, agent.path("address"),
                   "'" + endpoint.address + "': expected host:port (or [IPv6]:port) with a port in [1, 65535]");
    }
    endpoint.caFile = readOptionalPath(agent, "ca", baseDir);
    endpoint.serverName = agent.string("server_name", "");
    endpoint.tokenFile = readOptionalPath(agent, "token_file", baseDir);
    endpoint.clientCertFile = readOptionalPath(agent, "client_cert", baseDir);
    endpoint.clientKeyFile = readOptionalPath(agent, "client_key", baseDir);
    endpoint.insecure = agent.boolean("insecure", false);
    agent.finish();
    if (endpoint.insecure && !isLoopback(*host)) {
        agent.fail(ErrorCode::InvalidArgument, agent.path("insecure"),
                   "plaintext is allowed only to a loopback host (127.x.x.x, ::1, localhost), not '" + *host +
                       "': give ca (and a token) for TLS");
    }
    if (!endpoint.insecure && endpoint.caFile.empty()) {
        agent.fail(ErrorCode::InvalidArgument, agent.path("ca"),
                   "required field missing (the CA that signs the agent's certificate; insecure: true only for "
                   "a loopback test agent)");
    }
    if (endpoint.clientCertFile.empty() != endpoint.clientKeyFile.empty()) {
        const bool certMissing = endpoint.clientCertFile.empty();
        agent.fail(ErrorCode::InvalidArgument, agent.path(certMissing ? "client_cert" : "client_key"),
                   std::string("required when ") + (certMissing ? "client_key" : "client_cert") +
                       " is given (mutual TLS needs both)");
    }
    return endpoint;
}

void readModel(FieldReader model, TrialSpec &trial, const std::string &baseDir) {
    trial.modelPath = detail::resolvePath(model, readName(model, "path"), model.path("path"), baseDir);
    if (trial.modelPath.empty()) {
        model.fail(ErrorCode::InvalidArgument, model.path("path"), "expands to an empty path");
    }
    trial.tokenizerPath = readOptionalPath(model, "tokenizer", baseDir);
    trial.maxTokens = readInt(model, "max_tokens", trial.maxTokens, 2, kMaxTokens);
    trial.featureTokens = readInt(model, "feature_tokens", trial.featureTokens, 2, kMaxTokens);
    const std::string truncation = model.string("truncation", "prompt-start");
    if (truncation == "reference") {
        trial.truncation = Truncation::Reference;
    } else if (truncation != "prompt-start") {
        model.fail(ErrorCode::InvalidArgument, model.path("truncation"),
                   "'" + truncation + "': expected prompt-start or reference");
    }
    const std::string promptTemplate = model.string("prompt_template", "alpaca");
    if (promptTemplate == "reference") {
        trial.promptTemplate = PromptTemplate::Reference;
    } else if (promptTemplate == "reference-plain") {
        trial.promptTemplate = PromptTemplate::ReferencePlain;
    } else if (promptTemplate != "alpaca") {
        model.fail(ErrorCode::InvalidArgument, model.path("prompt_template"),
                   "'" + promptTemplate + "': expected alpaca, reference or reference-plain");
    }
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

// A site holds its data (simulated in-process) or names the agent that holds it, never both.
void readSiteSource(FieldReader &site, SiteSpec &spec, const std::string &baseDir) {
    if (const json *agent = site.find("agent")) {
        for (const char *key : {"data", "partition", "max_samples_per_client"}) {
            if (site.find(key) != nullptr) {
                site.fail(ErrorCode::InvalidArgument, site.path(key),
                          "not allowed for a site with an agent: the agent holds the data and its split");
            }
        }
        spec.agent = readAgent(FieldReader(*agent, site.path("agent"), site.fields()), baseDir);
        return;
    }
    if (site.find("data") == nullptr) {
        site.fail(ErrorCode::InvalidArgument, site.path("data"),
                  "required field missing (a site without an agent is simulated from its data)");
    }
    spec.data = detail::readPathList(site, "data", baseDir);
    spec.partition = detail::readPartition(site.object("partition"));
    spec.maxSamplesPerClient = site.integer("max_samples_per_client", 0, IntRange{0, kInt64Max});
}

SiteSpec readSite(FieldReader site, const std::string &baseDir) {
    SiteSpec spec;
    spec.name = readName(site, "name");
    if (!std::all_of(spec.name.begin(), spec.name.end(), isSiteNameChar)) {
        site.fail(ErrorCode::InvalidArgument, site.path("name"),
                  "'" + spec.name + "' may only hold letters, digits, '_', '.' and '-'");
    }
    readSiteSource(site, spec, baseDir);
    FieldReader cost = site.object("cost");
    spec.cost.pricePerComputeHour = cost.number("compute_per_hour", 0.0, kNonNegative);
    spec.cost.pricePerGb = cost.number("transfer_per_gb", 0.0, kNonNegative);
    cost.finish();
    site.finish();
    return spec;
}

std::vector<SiteSpec> readSites(FieldReader &top, const std::string &baseDir) {
    const json &sites = readNonEmptyArray(top, "sites", "site");
    std::vector<SiteSpec> specs;
    for (size_t i = 0; i < sites.size(); ++i) {
        const std::string path = detail::indexPath("sites", i);
        specs.push_back(readSite(FieldReader(sites[i], path, top.fields()), baseDir));
        for (size_t j = 0; j < i; ++j) {
            if (specs[j].name == specs[i].name) {
                top.fail(ErrorCode::InvalidArgument, path + ".name",
                         "'" + specs[i].name + "' is already the name of sites[" + std::to_string(j) + "]");
            }
        }
    }
    return specs;
}

// The selection object over `base` (the defaults for the trial-wide object, the trial's for a strategy entry):
// a key given replaces base's value.
ClusteringOptions readSelection(FieldReader selection, const ClusteringOptions &base) {
    ClusteringOptions options = base;
    options.minClusterSize = readInt(selection, "min_cluster_size", options.minClusterSize, 2, kMaxClusterSize);
    options.minSamples = readInt(selection, "min_samples", options.minSamples, 0, kMaxClusterSize);
    options.serverMinClusterSize =
        readInt(selection, "server_min_cluster_size", options.serverMinClusterSize, 2, kMaxClusterSize);
    // The protocol's floor is 1e-3; t-SNE itself uses min(perplexity, n - 1).
    options.perplexity = selection.number("perplexity", options.perplexity, RealRange{1e-3, 1000.0});
    options.tsneIterations = readInt(selection, "tsne_iterations", options.tsneIterations, 1, 100000);
    options.dpSigma = selection.number("dp_sigma", options.dpSigma, RealRange{0.0, 1000.0});
    // "projected" (default): a seeded projection of each group's mean feature, shared by the round's clients;
    // "tsne": the paper's reference, each client's own 2-D t-SNE centers (not comparable across clients).
    const std::string centers = selection.string("centers", base.centerDims > 0 ? "projected" : "tsne");
    if (centers == "projected") {
        const int baseDims = base.centerDims > 0 ? base.centerDims : ClusteringOptions{}.centerDims;
        options.centerDims = readInt(selection, "center_dims", baseDims, 1, 64);
    } else if (centers == "tsne") {
        if (selection.find("center_dims") != nullptr) {
            selection.fail(ErrorCode::InvalidArgument, selection.path("center_dims"),
                           "only with \"centers\": \"projected\" (t-SNE centers have 2 dimensions)");
        }
        options.centerDims = 0;
    } else {
        selection.fail(ErrorCode::InvalidArgument, selection.path("centers"),
                       "'" + centers + "': expected projected or tsne");
    }
    const bool basePython = base.hdbscanSemantics == HdbscanSemantics::PythonHdbscan;
    const std::string hdbscan = selection.string("hdbscan", basePython ? "python-hdbscan" : "r-dbscan");
    if (hdbscan == "python-hdbscan") {
        options.hdbscanSemantics = HdbscanSemantics::PythonHdbscan;
    } else if (hdbscan == "r-dbscan") {
        options.hdbscanSemantics = HdbscanSemantics::RDbscan;
    } else {
        selection.fail(ErrorCode::InvalidArgument, selection.path("hdbscan"),
                       "'" + hdbscan + "': expected r-dbscan or python-hdbscan");
    }
    selection.finish();
    return options;
}

// The budget object over `base`, as readSelection.
CoresetBudget readBudget(FieldReader budget, const CoresetBudget &base) {
    CoresetBudget caps;
    caps.maxFractionPerClient =
        budget.number("max_fraction_per_client", base.maxFractionPerClient, RealRange{0.0, 1.0});
    caps.maxPerClient = budget.integer("max_per_client", base.maxPerClient, IntRange{0, kInt64Max});
    caps.maxPerRound = budget.integer("max_per_round", base.maxPerRound, IntRange{0, kInt64Max});
    budget.finish();
    return caps;
}

// Keys a strategy entry may not set. Every strategy of a trial runs on the same model, sites, data split,
// schedule (clients per round, seed), aggregation and evaluation, so that its runs compare like with like.
// clang-format off
constexpr const char *kTrialWideKeys[] = {
    "model", "lora", "sites", "data", "partition", "schedule", "rounds", "participation", "clients_per_round",
    "local_epochs", "learning_rate", "batch_size", "seed", "aggregation", "evaluation", "held_out_tasks", "rouge",
    "network", "max_tokens", "feature_tokens", "truncation", "prompt_template", "strategies"};
// clang-format on

constexpr size_t kMaxStrategyName = 64;

bool isMethodName(const std::string &name) { return parseSelectionStrategy(name).has_value(); } // "fedit" too

SelectionStrategy readMethod(FieldReader &reader, const char *key) {
    auto method = parseSelectionStrategy(readName(reader, key));
    if (!method) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), method.error().message);
    }
    return *method;
}

// {"name": ..., "method": ..., "selection": {...}, "budget": {...}}: a variant of a method, its selection and
// budget over the trial-wide ones.
StrategySpec readStrategyEntry(const json &value, const std::string &path, const TrialSpec &trial,
                               const detail::JsonFields &fields) {
    FieldReader entry(value, path, fields);
    for (const char *key : kTrialWideKeys) {
        if (value.contains(key)) {
            entry.fail(ErrorCode::InvalidArgument, entry.path(key),
                       "is trial-wide: every strategy of a trial runs with the same one, for a fair comparison "
                       "(set it at the top level; a strategy entry may set name, method, selection and budget)");
        }
    }
    StrategySpec spec;
    spec.name = readName(entry, "name");
    if (spec.name.size() > kMaxStrategyName || !std::all_of(spec.name.begin(), spec.name.end(), isSiteNameChar)) {
        entry.fail(ErrorCode::InvalidArgument, entry.path("name"),
                   "'" + spec.name.substr(0, 40) + "' must be 1 to 64 letters, digits, '_', '.' or '-'");
    }
    if (isMethodName(spec.name)) {
        entry.fail(ErrorCode::InvalidArgument, entry.path("name"),
                   "'" + spec.name +
                       "' names a method, which a plain entry stands for; give the variant its own "
                       "name (e.g. \"fedhds-paper\")");
    }
    spec.method = readMethod(entry, "method");
    spec.clustering = readSelection(entry.object("selection"), trial.clustering);
    spec.budget = readBudget(entry.object("budget"), trial.budget);
    entry.finish();
    return spec;
}

// A strategy entry is a method name ("fedhds", "fedit") or a variant object; names are unique.
std::vector<StrategySpec> readStrategies(FieldReader &top, const TrialSpec &trial) {
    const json &entries = readNonEmptyArray(top, "strategies", "strategy");
    std::vector<StrategySpec> strategies;
    for (size_t i = 0; i < entries.size(); ++i) {
        const std::string path = detail::indexPath("strategies", i);
        const bool plain = entries[i].is_string();
        if (!plain && !entries[i].is_object()) {
            top.fail(ErrorCode::BadFormat, path,
                     std::string("expected a method name or a strategy object, found ") + entries[i].type_name());
        }
        if (plain) {
            auto method = parseSelectionStrategy(top.asString(entries[i], path));
            if (!method) {
                top.fail(ErrorCode::InvalidArgument, path, method.error().message);
            }
            strategies.push_back(plainStrategy(trial, *method));
        } else {
            strategies.push_back(readStrategyEntry(entries[i], path, trial, top.fields()));
        }
        for (size_t j = 0; j < i; ++j) {
            if (strategies[j].name == strategies[i].name) {
                const std::string given = plain ? entries[i].get<std::string>() : strategies[i].name;
                top.fail(ErrorCode::InvalidArgument, plain ? path : path + ".name",
                         "'" + given + "' repeats strategies[" + std::to_string(j) + "] (" + strategies[j].name +
                             "): strategy names must be unique");
            }
        }
    }
    return strategies;
}

ScheduleSpec readSchedule(FieldReader schedule) {
    ScheduleSpec spec;
    spec.rounds = readInt(schedule, "rounds", spec.rounds, 1, kMaxRounds);
    spec.participation = schedule.number("participation", spec.participation, RealRange{0.0, 1.0, true, false});
    spec.localEpochs = readInt(schedule, "local_epochs", spec.localEpochs, 1, 100);
    const double rate = schedule.number("learning_rate", spec.learningRate, RealRange{1e-12, 1.0});
    spec.learningRate = float(rate);
    if (!(spec.learningRate >= 1e-12f) || !(spec.learningRate <= 1.0f)) {
        schedule.fail(ErrorCode::InvalidArgument, schedule.path("learning_rate"),
                      "is not representable as a 32-bit float in [1e-12, 1]");
    }
    spec.batchSize = readInt(schedule, "batch_size", spec.batchSize, 1, 1024);
    const std::string rule = schedule.string("clients_per_round", "ceil");
    if (rule == "floor") {
        spec.clientsPerRound = ClientsPerRound::Floor;
    } else if (rule != "ceil") {
        schedule.fail(ErrorCode::InvalidArgument, schedule.path("clients_per_round"),
                      "'" + rule + "': expected ceil or floor");
    }
    spec.evalEvery = readInt(schedule, "eval_every", spec.evalEvery, 0, kMaxRounds);
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

EvaluationSpec readEvaluation(FieldReader evaluation, const std::string &baseDir) {
    EvaluationSpec spec;
    spec.heldOutTasks = detail::readTaskList(evaluation, "held_out_tasks");
    if (evaluation.find("data") != nullptr) {
        if (spec.heldOutTasks.empty()) {
            evaluation.fail(ErrorCode::InvalidArgument, evaluation.path("data"),
                            "needs held_out_tasks: central evaluation runs on the held-out tasks' samples");
        }
        spec.data = detail::readPathList(evaluation, "data", baseDir);
    }
    const std::string sampling = evaluation.string("samples_per_task", "fixed");
    if (sampling == "reference") {
        spec.sampling = EvaluationSampling::Reference;
        if (evaluation.find("max_samples_per_task") != nullptr) {
            evaluation.fail(ErrorCode::InvalidArgument, evaluation.path("max_samples_per_task"),
                            "only with samples_per_task fixed (reference derives the count from each task)");
        }
    } else if (sampling != "fixed") {
        evaluation.fail(ErrorCode::InvalidArgument, evaluation.path("samples_per_task"),
                        "'" + sampling + "': expected fixed or reference");
    }
    spec.maxSamplesPerTask = readInt(evaluation, "max_samples_per_task", spec.maxSamplesPerTask, 0, 100000);
    spec.maxNewTokens = readInt(evaluation, "max_new_tokens", spec.maxNewTokens, 1, 4096);
    spec.federated = evaluation.boolean("federated", spec.federated);
    const std::string rouge = evaluation.string("rouge", "rouge-score");
    if (rouge == "pltrdy") {
        spec.rouge = RougeVariant::Pltrdy;
    } else if (rouge != "rouge-score") {
        evaluation.fail(ErrorCode::InvalidArgument, evaluation.path("rouge"),
                        "'" + rouge + "': expected rouge-score or pltrdy");
    }
    evaluation.finish();
    return spec;
}

NetworkSpec readNetwork(FieldReader network) {
    NetworkSpec spec;
    const RealRange seconds{0.0, 86400.0, true, false};
    spec.connectSeconds = network.number("connect_seconds", spec.connectSeconds, seconds);
    spec.callSeconds = network.number("call_seconds", spec.callSeconds, seconds);
    spec.secondsPerSample = network.number("seconds_per_sample", spec.secondsPerSample, RealRange{0.0, 3600.0});
    // Agents accept a ping at most every 10 s and close a connection that pings more often (remote/Credentials).
    spec.keepaliveSeconds = network.number("keepalive_seconds", spec.keepaliveSeconds, RealRange{10.0, 86400.0});
    spec.stopAfterFailedRounds =
        readInt(network, "stop_after_failed_rounds", spec.stopAfterFailedRounds, 0, kMaxRounds);
    network.finish();
    return spec;
}

TrialSpec readTrial(const json &root, const std::string &baseDir, const std::string &origin) {
    const detail::JsonFields fields(origin, ErrorCode::InvalidArgument);
    FieldReader top(root, "", fields);
    TrialSpec trial;
    trial.name = readName(top, "name");
    readModel(top.object("model"), trial, baseDir); // absent: "model.path: required field missing"
    trial.lora = readLora(top.object("lora"));
    trial.sites = readSites(top, baseDir);
    trial.clustering = readSelection(top.object("selection"), ClusteringOptions{});
    trial.budget = readBudget(top.object("budget"), CoresetBudget{});
    trial.strategies = readStrategies(top, trial); // entries override the trial-wide selection and budget
    trial.schedule = readSchedule(top.object("schedule"));
    trial.aggregation = readAggregation(top);
    trial.evaluation = readEvaluation(top.object("evaluation"), baseDir);
    trial.network = readNetwork(top.object("network"));
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

const StrategySpec *TrialSpec::strategy(const std::string &name) const {
    const auto it =
        std::find_if(strategies.begin(), strategies.end(), [&](const StrategySpec &s) { return s.name == name; });
    return it == strategies.end() ? nullptr : &*it;
}

StrategySpec plainStrategy(const TrialSpec &trial, SelectionStrategy method) {
    return StrategySpec{selectionStrategyName(method), method, trial.clustering, trial.budget};
}

Result<TrialSpec> parseTrial(const std::string &text, const std::string &baseDir, const std::string &origin) {
    return detail::catchAtBoundary(origin, [&]() -> Result<TrialSpec> {
        try {
            TrialSpec trial = readTrial(detail::parseJson(text, origin, detail::kTrialJsonLimits), baseDir, origin);
            trial.sourceJson = text;
            trial.baseDir = std::filesystem::absolute(baseDir).lexically_normal().string();
            return trial;
        } catch (const detail::JsonFieldError &e) {
            return fail(e.code(), e.what());
        }
    });
}

Result<TrialSpec> readTrialFile(const std::string &path) {
    auto text = detail::readTextFile(path, "trial file", detail::kTrialJsonLimits.maxBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    const std::string baseDir = std::filesystem::path(path).parent_path().string();
    return parseTrial(*text, baseDir.empty() ? "." : baseDir, path);
}

} // namespace fp::engine
