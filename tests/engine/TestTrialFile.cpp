// Trial files: every field read, defaults, paths (environment and relative), and one error per way a file can
// be wrong, each naming the field.
#include "fedpilot/engine/Trial.h"
#include "support/ResultChecks.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <fstream>

using namespace fp;
using namespace fp::engine;
Q_DECLARE_METATYPE(fp::engine::EvaluationSampling)

namespace {

const char *const kFullTrial = R"({
  "name": "ni-pilot",
  "model": {"path": "models/tiny.bin", "tokenizer": "/opt/tok/tokenizer.bin", "max_tokens": 512,
            "feature_tokens": 64, "truncation": "reference"},
  "lora": {"rank": 4, "alpha": 8, "dropout": 0.1, "target_modules": ["q_proj", "v_proj"]},
  "sites": [
    {"name": "hospital-a", "data": ["data/a.jsonl", "/abs/b"],
     "partition": {"scheme": "dirichlet", "clients": 12, "alpha": 5.0, "min_samples": 10},
     "max_samples_per_client": 40, "cost": {"compute_per_hour": 2.5, "transfer_per_gb": 0.09}},
    {"name": "lab_b.2", "data": ["../shared/ni"]},
    {"name": "tokyo", "cost": {"compute_per_hour": 1.5},
     "agent": {"address": "site-a.example.org:50051", "ca": "certs/ca.pem", "server_name": "agent.internal",
               "token_file": "tokens/tokyo.token", "client_cert": "/pki/coord.pem", "client_key": "/pki/coord.key",
               "insecure": false}}
  ],
  "strategies": ["fedhds", "fedit", "random", "fedhds-intra"],
  "selection": {"min_cluster_size": 3, "min_samples": 2, "server_min_cluster_size": 4, "perplexity": 12.5,
                "tsne_iterations": 300, "dp_sigma": 0.2},
  "budget": {"max_fraction_per_client": 0.25, "max_per_client": 7, "max_per_round": 90},
  "schedule": {"rounds": 20, "participation": 0.5, "local_epochs": 2, "learning_rate": 3e-5, "batch_size": 4,
               "eval_every": 5, "seed": 9223372036854775807},
  "aggregation": "flexlora",
  "evaluation": {"held_out_tasks": ["task1", "task2"], "max_samples_per_task": 0, "max_new_tokens": 64,
                 "federated": true, "data": ["eval/ni-heldout", "/abs/extra.jsonl"]},
  "network": {"connect_seconds": 5, "call_seconds": 60.5, "seconds_per_sample": 0.5, "keepalive_seconds": 30,
              "stop_after_failed_rounds": 3}
})";

// The smallest valid trial, with `extra` (", \"key\": value" pairs) appended at the top level.
std::string minimalTrial(const std::string &extra = {}) {
    return R"({"name": "t", "model": {"path": "m.bin"}, "sites": [{"name": "a", "data": ["d.jsonl"]}],
              "strategies": ["fedhds"])" +
           extra + "}";
}

Result<TrialSpec> parse(const std::string &json) { return parseTrial(json, "/base/dir", "trial.json"); }

// A trial whose only site is `site` (a JSON object).
std::string siteTrial(const std::string &site) {
    return R"({"name": "t", "model": {"path": "m"}, "sites": [)" + site + R"(], "strategies": ["full"]})";
}

// A trial whose only site names an agent: `agent` is the agent object's members.
std::string agentTrial(const std::string &agent, const std::string &siteExtra = {}) {
    return siteTrial(R"({"name": "tokyo", "agent": {)" + agent + "}" + siteExtra + "}");
}

} // namespace

class TestTrialFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fullFileRoundTripsEveryField() {
        auto parsed = parse(kFullTrial);
        FP_VERIFY_OK(parsed);
        const TrialSpec &t = *parsed;
        QCOMPARE(t.name, std::string("ni-pilot"));
        QCOMPARE(t.modelPath, std::string("/base/dir/models/tiny.bin"));
        QCOMPARE(t.tokenizerPath, std::string("/opt/tok/tokenizer.bin"));
        QCOMPARE(t.maxTokens, 512);
        QCOMPARE(t.featureTokens, 64);
        QCOMPARE(t.truncation, Truncation::Reference);
        QCOMPARE(t.lora.rank, 4);
        QCOMPARE(t.lora.alpha, 8.f);
        QCOMPARE(t.lora.dropout, 0.1f);
        QCOMPARE(t.lora.targetModules, (std::vector<std::string>{"q_proj", "v_proj"}));
        const SiteSpec &a = t.sites[0];
        QCOMPARE(a.name, std::string("hospital-a"));
        QCOMPARE(a.data, (std::vector<std::string>{"/base/dir/data/a.jsonl", "/abs/b"}));
        QCOMPARE(a.partition.scheme, PartitionScheme::Dirichlet);
        QCOMPARE(a.partition.clients, 12);
        QCOMPARE(a.partition.alpha, 5.0);
        QCOMPARE(a.partition.minSamples, 10);
        QCOMPARE(a.partition.seed, uint64_t(9223372036854775807ull)); // schedule.seed
        QVERIFY(a.partition.heldOutCategories.empty());               // filled by the coordinator
        QCOMPARE(a.maxSamplesPerClient, int64_t(40));
        QCOMPARE(a.cost.pricePerComputeHour, 2.5);
        QCOMPARE(a.cost.pricePerGb, 0.09);
        QVERIFY(!a.remote());
        QCOMPARE(t.sites.size(), size_t(3));
        const SiteSpec &tokyo = t.sites[2];
        QVERIFY(tokyo.remote());
        QCOMPARE(tokyo.agent->address, std::string("site-a.example.org:50051"));
        QCOMPARE(tokyo.agent->caFile, std::string("/base/dir/certs/ca.pem"));
        QCOMPARE(tokyo.agent->serverName, std::string("agent.internal"));
        QCOMPARE(tokyo.agent->tokenFile, std::string("/base/dir/tokens/tokyo.token"));
        QCOMPARE(tokyo.agent->clientCertFile, std::string("/pki/coord.pem"));
        QCOMPARE(tokyo.agent->clientKeyFile, std::string("/pki/coord.key"));
        QCOMPARE(tokyo.agent->insecure, false);
        QVERIFY(tokyo.data.empty());
        QCOMPARE(tokyo.cost.pricePerComputeHour, 1.5);
        QCOMPARE(t.sites[1].name, std::string("lab_b.2"));
        QCOMPARE(t.sites[1].data, (std::vector<std::string>{"/base/shared/ni"}));
        QCOMPARE(t.sites[1].partition.scheme, PartitionScheme::OneTaskPerClient);
        std::vector<SelectionStrategy> methods;
        std::vector<std::string> names;
        for (const auto &s : t.strategies) {
            methods.push_back(s.method);
            names.push_back(s.name);
            QCOMPARE(s.clustering.minClusterSize, 3); // plain entries take the trial-wide selection and budget
            QCOMPARE(s.budget.maxPerRound, int64_t(90));
        }
        QCOMPARE(methods,
                 (std::vector<SelectionStrategy>{SelectionStrategy::FedHds, SelectionStrategy::FullData,
                                                 SelectionStrategy::Random, SelectionStrategy::FedHdsIntraOnly}));
        QCOMPARE(names, (std::vector<std::string>{"fedhds", "full", "random", "fedhds-intra"}));
        QCOMPARE(t.clustering.minClusterSize, 3);
        QCOMPARE(t.clustering.minSamples, 2);
        QCOMPARE(t.clustering.serverMinClusterSize, 4);
        QCOMPARE(t.clustering.perplexity, 12.5);
        QCOMPARE(t.clustering.tsneIterations, 300);
        QCOMPARE(t.clustering.dpSigma, 0.2);
        QCOMPARE(t.budget.maxFractionPerClient, 0.25);
        QCOMPARE(t.budget.maxPerClient, int64_t(7));
        QCOMPARE(t.budget.maxPerRound, int64_t(90));
        QCOMPARE(t.schedule.rounds, 20);
        QCOMPARE(t.schedule.participation, 0.5);
        QCOMPARE(t.schedule.localEpochs, 2);
        QCOMPARE(t.schedule.learningRate, 3e-5f);
        QCOMPARE(t.schedule.batchSize, 4);
        QCOMPARE(t.schedule.evalEvery, 5);
        QCOMPARE(t.schedule.seed, uint64_t(9223372036854775807ull));
        QCOMPARE(t.aggregation, Aggregation::FlexLora);
        QCOMPARE(t.evaluation.heldOutTasks, (std::vector<std::string>{"task1", "task2"}));
        QCOMPARE(t.evaluation.maxSamplesPerTask, 0);
        QCOMPARE(t.evaluation.maxNewTokens, 64);
        QCOMPARE(t.evaluation.federated, true);
        QCOMPARE(t.evaluation.data, (std::vector<std::string>{"/base/dir/eval/ni-heldout", "/abs/extra.jsonl"}));
        QCOMPARE(t.network.connectSeconds, 5.0);
        QCOMPARE(t.network.callSeconds, 60.5);
        QCOMPARE(t.network.secondsPerSample, 0.5);
        QCOMPARE(t.network.keepaliveSeconds, 30.0);
        QCOMPARE(t.network.stopAfterFailedRounds, 3);
        QCOMPARE(t.sourceJson, std::string(kFullTrial));
    }

    void absentFieldsTakeTheirDefaults() {
        auto parsed = parse(minimalTrial());
        FP_VERIFY_OK(parsed);
        const TrialSpec &t = *parsed;
        QCOMPARE(t.tokenizerPath, std::string());
        QCOMPARE(t.maxTokens, 256);
        QCOMPARE(t.featureTokens, 256);
        QCOMPARE(t.truncation, Truncation::PromptStart);
        QVERIFY(t.lora == LoraConfig{});
        QCOMPARE(t.sites[0].partition.scheme, PartitionScheme::OneTaskPerClient);
        QCOMPARE(t.sites[0].partition.clients, 0);
        QCOMPARE(t.sites[0].partition.alpha, 0.5);
        QCOMPARE(t.sites[0].partition.minSamples, 0);
        QCOMPARE(t.sites[0].maxSamplesPerClient, int64_t(0));
        QCOMPARE(t.sites[0].cost.pricePerComputeHour, 0.0);
        QVERIFY(!t.sites[0].agent.has_value());
        QCOMPARE(t.clustering.minClusterSize, 5);
        QCOMPARE(t.clustering.minSamples, 0);
        QCOMPARE(t.clustering.serverMinClusterSize, 2);
        QCOMPARE(t.clustering.perplexity, 30.0);
        QCOMPARE(t.clustering.centerDims, 4); // projected centers by default
        QCOMPARE(t.clustering.tsneIterations, 1000);
        QCOMPARE(t.clustering.dpSigma, 0.0);
        QCOMPARE(t.budget.maxFractionPerClient, 0.0);
        QCOMPARE(t.budget.maxPerRound, int64_t(0));
        QCOMPARE(t.schedule.rounds, 10);
        QCOMPARE(t.schedule.participation, 0.05);
        QCOMPARE(t.schedule.localEpochs, 1);
        QCOMPARE(t.schedule.learningRate, 3e-4f);
        QCOMPARE(t.schedule.batchSize, 1);
        QCOMPARE(t.schedule.evalEvery, 1);
        QCOMPARE(t.schedule.seed, uint64_t(0));
        QCOMPARE(t.aggregation, Aggregation::FedAvg);
        QVERIFY(t.evaluation.heldOutTasks.empty());
        QCOMPARE(t.evaluation.maxSamplesPerTask, 20);
        QCOMPARE(t.evaluation.sampling, EvaluationSampling::Fixed);
        QCOMPARE(t.evaluation.maxNewTokens, 128);
        QCOMPARE(t.evaluation.federated, false);
        QVERIFY(t.evaluation.data.empty());
        QCOMPARE(t.network.connectSeconds, 10.0);
        QCOMPARE(t.network.callSeconds, 120.0);
        QCOMPARE(t.network.secondsPerSample, 2.0);
        QCOMPARE(t.network.keepaliveSeconds, 20.0);
        QCOMPARE(t.network.stopAfterFailedRounds, 0);
        QCOMPARE(t.schedule.clientsPerRound, ClientsPerRound::Ceil);
        QCOMPARE(t.evaluation.rouge, RougeVariant::RougeScore);
        QCOMPARE(t.clustering.hdbscanSemantics, HdbscanSemantics::RDbscan);
        QCOMPARE(aggregationName(Aggregation::FedAvg), "fedavg");
        QCOMPARE(aggregationName(Aggregation::FlexLora), "flexlora");
    }

    // The paper's reference behaviour, chosen in the trial file.
    void referenceOptionsAreRead() {
        auto parsed = parse(minimalTrial(R"(, "schedule": {"clients_per_round": "floor"},
            "selection": {"centers": "tsne", "hdbscan": "python-hdbscan"},
            "evaluation": {"rouge": "pltrdy", "samples_per_task": "reference"})"));
        FP_VERIFY_OK(parsed);
        QCOMPARE(parsed->schedule.clientsPerRound, ClientsPerRound::Floor);
        QCOMPARE(parsed->clustering.hdbscanSemantics, HdbscanSemantics::PythonHdbscan);
        QCOMPARE(parsed->clustering.centerDims, 0);
        QCOMPARE(parsed->evaluation.rouge, RougeVariant::Pltrdy);
        QCOMPARE(parsed->evaluation.sampling, EvaluationSampling::Reference);
    }

    // evaluation.samples_per_task: "fixed" caps at max_samples_per_task; "reference" takes all of n <= 20,
    // else max(20, floor(0.02 * n)), as natural_instruction_loader.py's eval_subsampling.
    void evaluationSampleCounts_data() {
        QTest::addColumn<EvaluationSampling>("rule");
        QTest::addColumn<int>("maxPerTask");
        QTest::addColumn<qulonglong>("available");
        QTest::addColumn<qulonglong>("count");
        const auto fixed = EvaluationSampling::Fixed, reference = EvaluationSampling::Reference;
        QTest::addRow("fixed caps") << fixed << 20 << 500ULL << 20ULL;
        QTest::addRow("fixed fewer available") << fixed << 20 << 7ULL << 7ULL;
        QTest::addRow("fixed zero means all") << fixed << 0 << 5000ULL << 5000ULL;
        QTest::addRow("reference small task keeps all") << reference << 3 << 20ULL << 20ULL;
        QTest::addRow("reference few") << reference << 3 << 5ULL << 5ULL;
        QTest::addRow("reference floor of twenty") << reference << 3 << 21ULL << 20ULL;
        QTest::addRow("reference 2 percent of 1049") << reference << 3 << 1049ULL << 20ULL;
        QTest::addRow("reference 2 percent of 1050") << reference << 3 << 1050ULL << 21ULL;
        QTest::addRow("reference 2 percent of 6499") << reference << 0 << 6499ULL << 129ULL;
        QTest::addRow("reference 2 percent of 6500") << reference << 0 << 6500ULL << 130ULL;
    }
    void evaluationSampleCounts() {
        QFETCH(EvaluationSampling, rule);
        QFETCH(int, maxPerTask);
        QFETCH(qulonglong, available);
        QFETCH(qulonglong, count);
        QCOMPARE(qulonglong(evaluationSampleCount(rule, maxPerTask, size_t(available))), count);
    }

    void integersWrittenAsFloatsAreAccepted() {
        auto parsed = parse(minimalTrial(R"(, "schedule": {"rounds": 3.0, "batch_size": 1e1})"));
        FP_VERIFY_OK(parsed);
        QCOMPARE(parsed->schedule.rounds, 3);
        QCOMPARE(parsed->schedule.batchSize, 10);
    }

    void loopbackAgentsMayBePlaintext_data() {
        QTest::addColumn<QString>("address");
        for (const char *address : {"127.0.0.1:50051", "127.255.0.9:1", "localhost:65535", "[::1]:50051"}) {
            QTest::addRow("%s", address) << QString::fromUtf8(address);
        }
    }
    void loopbackAgentsMayBePlaintext() {
        QFETCH(QString, address);
        auto parsed = parse(agentTrial("\"address\": \"" + address.toStdString() + "\", \"insecure\": true"));
        FP_VERIFY_OK(parsed);
        const SiteSpec &site = parsed->sites[0];
        QVERIFY(site.remote());
        QCOMPARE(site.agent->address, address.toStdString());
        QVERIFY(site.agent->insecure);
        QVERIFY(site.agent->caFile.empty());
        QVERIFY(site.data.empty());
    }

    void agentPathsExpandAndResolve() {
        qputenv("FP_TEST_TRIAL_PKI", "/etc/fp");
        auto parsed = parse(agentTrial(R"("address": "a.example.org:443", "ca": "${FP_TEST_TRIAL_PKI}/ca.pem",
                                           "token_file": "tok/../t.token")"));
        qunsetenv("FP_TEST_TRIAL_PKI");
        FP_VERIFY_OK(parsed);
        QCOMPARE(parsed->sites[0].agent->caFile, std::string("/etc/fp/ca.pem"));
        QCOMPARE(parsed->sites[0].agent->tokenFile, std::string("/base/dir/t.token"));
        QVERIFY(parsed->sites[0].agent->clientCertFile.empty());
        QVERIFY(!parsed->sites[0].agent->insecure);
    }

    // The largest and smallest values of every ranged field are accepted (the site protocol's limits).
    void protocolLimitsAreAccepted() {
        auto high = parse(R"({"name": "t", "model": {"path": "m", "max_tokens": 32768, "feature_tokens": 32768},
            "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full"],
            "selection": {"min_cluster_size": 1000, "min_samples": 1000, "server_min_cluster_size": 1000,
                          "perplexity": 1000, "tsne_iterations": 100000, "dp_sigma": 1000, "center_dims": 64},
            "schedule": {"rounds": 1000000, "local_epochs": 100, "batch_size": 1024, "learning_rate": 1},
            "evaluation": {"max_new_tokens": 4096, "max_samples_per_task": 100000},
            "network": {"stop_after_failed_rounds": 1000000}})");
        FP_VERIFY_OK(high);
        QCOMPARE(high->schedule.rounds, 1000000);
        QCOMPARE(high->maxTokens, 32768);
        QCOMPARE(high->clustering.centerDims, 64);
        auto low = parse(R"({"name": "t", "model": {"path": "m", "max_tokens": 2, "feature_tokens": 2},
            "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full"],
            "selection": {"perplexity": 0.001, "dp_sigma": 0, "min_samples": 0, "center_dims": 1},
            "schedule": {"learning_rate": 1e-12}, "network": {"seconds_per_sample": 0}})");
        FP_VERIFY_OK(low);
        QCOMPARE(low->maxTokens, 2);
        QCOMPARE(low->clustering.perplexity, 0.001);
        QCOMPARE(low->clustering.centerDims, 1);
        auto tsne = parse(R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"]}],
            "strategies": ["fedhds"], "selection": {"centers": "tsne"}})");
        FP_VERIFY_OK(tsne);
        QCOMPARE(tsne->clustering.centerDims, 0); // the paper's 2-D t-SNE centers
        QCOMPARE(low->network.secondsPerSample, 0.0);
    }

    void environmentVariablesExpandInPaths() {
        qputenv("FP_TEST_TRIAL_DATA", "/data/root");
        qputenv("FP_TEST_TRIAL_REL", "rel/dir");
        const std::string json = R"({"name": "t", "model": {"path": "${FP_TEST_TRIAL_DATA}/models/../m.bin"},
            "sites": [{"name": "a", "data": ["${FP_TEST_TRIAL_REL}/x.jsonl", "$HOME-literal"]}],
            "strategies": ["fedhds"]})";
        auto parsed = parse(json);
        FP_VERIFY_OK(parsed);
        QCOMPARE(parsed->modelPath, std::string("/data/root/m.bin"));
        QCOMPARE(parsed->sites[0].data[0], std::string("/base/dir/rel/dir/x.jsonl")); // expanded, then resolved
        QCOMPARE(parsed->sites[0].data[1], std::string("/base/dir/$HOME-literal"));   // only ${NAME} expands
        qunsetenv("FP_TEST_TRIAL_DATA");
        qunsetenv("FP_TEST_TRIAL_REL");
    }

    void relativePathsResolveAgainstTheFileFolder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        const std::string path = folder + "/trial.json";
        std::ofstream(path) << minimalTrial();
        auto parsed = readTrialFile(path);
        FP_VERIFY_OK(parsed);
        QCOMPARE(parsed->modelPath, folder + "/m.bin");
        QCOMPARE(parsed->sites[0].data[0], folder + "/d.jsonl");
        QCOMPARE(parsed->sourceJson, minimalTrial());
        // Relative base folders become absolute too.
        auto relative = parseTrial(minimalTrial(), "some/dir", "trial.json");
        FP_VERIFY_OK(relative);
        QVERIFY(relative->modelPath.starts_with("/"));
        QVERIFY(relative->modelPath.ends_with("/some/dir/m.bin"));
    }

    void fileErrors() {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        FP_VERIFY_ERROR(readTrialFile(folder + "/missing.json"), ErrorCode::NotFound, "missing.json");
        std::ofstream(folder + "/huge.json") << std::string(4 * 1024 * 1024 + 1, ' ');
        FP_VERIFY_ERROR(readTrialFile(folder + "/huge.json"), ErrorCode::BadFormat,
                        folder + "/huge.json: 4194305 bytes, more than the 4194304-byte limit");
        // Nesting is bounded while parsing (64 levels), before any reader recurses into it.
        std::ofstream(folder + "/deep.json") << std::string(100, '[') << std::string(100, ']');
        FP_VERIFY_ERROR(readTrialFile(folder + "/deep.json"), ErrorCode::BadFormat,
                        folder + "/deep.json: nested deeper than 64 levels (the limit for trial files)");
        std::ofstream(folder + "/bad.json") << minimalTrial(R"(, "schedule": {"rounds": "ten"})");
        FP_VERIFY_ERROR(readTrialFile(folder + "/bad.json"), ErrorCode::BadFormat,
                        folder + "/bad.json: schedule.rounds: expected an integer, found string");
    }

    // Wrong JSON, wrong types and unknown keys: BadFormat.
    void badFormat_data() {
        addColumns();
        const int bad = int(ErrorCode::BadFormat);
        row("malformed JSON", R"({"name": "t",)", bad, "not valid JSON");
        row("top level not an object", "[1, 2]", bad, "expected an object, found array");
        row("integer as string", minimalTrial(R"(, "schedule": {"rounds": "10"})"), bad,
            "schedule.rounds: expected an integer, found string");
        row("fractional integer", minimalTrial(R"(, "schedule": {"rounds": 2.5})"), bad,
            "schedule.rounds: expected an integer, found number 2.5");
        row("number as string", minimalTrial(R"(, "lora": {"alpha": "16"})"), bad, "lora.alpha: expected a number");
        row("bool as string", minimalTrial(R"(, "evaluation": {"federated": "yes"})"), bad,
            "evaluation.federated: expected true or false");
        row("null name", R"({"name": null})", bad, "name: expected a string, found null");
        row("data element not a string",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": [1]}], "strategies": ["full"]})",
            bad, "sites[0].data[0]: expected a string, found number 1");
        row("sites not an array", R"({"name": "t", "model": {"path": "m"}, "sites": {}})", bad,
            "sites: expected an array, found object");
        row("unknown top-level key", minimalTrial(R"(, "shedule": {})"), bad, "shedule: unknown field");
        row("unknown nested key", minimalTrial(R"(, "schedule": {"round": 5})"), bad,
            "schedule.round: unknown field (accepted here: rounds,");
        row("unknown site key",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"], "cost": {"gpu": 1}}],
                "strategies": ["full"]})",
            bad, "sites[0].cost.gpu: unknown field");
        row("agent as a string", siteTrial(R"({"name": "a", "agent": "site-a.example.org:50051"})"), bad,
            "sites[0].agent: expected an object, found string");
        row("unknown agent key", agentTrial(R"("address": "localhost:1", "insecure": true, "tls": true)"), bad,
            "sites[0].agent.tls: unknown field");
        row("insecure as string", agentTrial(R"("address": "localhost:1", "insecure": "yes")"), bad,
            "sites[0].agent.insecure: expected true or false");
        row("unknown network key", minimalTrial(R"(, "network": {"timeout": 3})"), bad,
            "network.timeout: unknown field");
        row("evaluation data not an array", minimalTrial(R"(, "evaluation": {"held_out_tasks": ["x"], "data": "e"})"),
            bad, "evaluation.data: expected an array, found string");
        row("overflowing number", minimalTrial(R"(, "schedule": {"learning_rate": 1e999})"), bad,
            "schedule.learning_rate: number 1e999 is too large for a double (byte ");
        row("overflowing negative number", minimalTrial(R"(, "budget": {"max_per_round": -1e999})"), bad,
            "budget.max_per_round: number -1e999 is too large");
        row("overflowing number in an array",
            R"({"name": "t", "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full", {"x": [1]}, 2e400]})", bad,
            "trial.json: strategies[2]: number 2e400 is too large");
        row("overflowing number at the top", "1e999", bad, "trial.json: number 1e999 is too large");
    }
    void badFormat() { verifyBadTrial(); }

    // Missing, out-of-range, unknown or repeated values: InvalidArgument.
    void badValues_data() {
        addColumns();
        const int invalid = int(ErrorCode::InvalidArgument);
        row("rounds zero", minimalTrial(R"(, "schedule": {"rounds": 0})"), invalid,
            "schedule.rounds: 0 is out of range, expected an integer in [1, 1000000]");
        row("rounds beyond int", minimalTrial(R"(, "schedule": {"rounds": 3000000000})"), invalid,
            "schedule.rounds: 3000000000 is out of range, expected an integer in [1, 1000000]");
        row("participation zero", minimalTrial(R"(, "schedule": {"participation": 0})"), invalid,
            "schedule.participation: 0 is out of range, expected a number in (0, 1]");
        row("participation above one", minimalTrial(R"(, "schedule": {"participation": 1.5})"), invalid,
            "schedule.participation");
        row("negative learning rate", minimalTrial(R"(, "schedule": {"learning_rate": -1e-4})"), invalid,
            "schedule.learning_rate");
        row("negative seed", minimalTrial(R"(, "schedule": {"seed": -1})"), invalid, "schedule.seed");
        row("seed beyond int64", minimalTrial(R"(, "schedule": {"seed": 18446744073709551615})"), invalid,
            "schedule.seed: 18446744073709551615 is out of range");
        row("rank zero", minimalTrial(R"(, "lora": {"rank": 0})"), invalid, "lora.rank");
        row("dropout one", minimalTrial(R"(, "lora": {"dropout": 1.0})"), invalid,
            "lora.dropout: 1.0 is out of range, expected a number in [0, 1)");
        row("unknown LoRA module", minimalTrial(R"(, "lora": {"target_modules": ["q_proj", "qkv"]})"), invalid,
            "lora.target_modules[1]: 'qkv' is not one of");
        row("max_tokens too small", R"({"name": "t", "model": {"path": "m", "max_tokens": 1}})", invalid,
            "model.max_tokens: 1 is out of range, expected an integer in [2, 32768]");
        row("min_cluster_size one", minimalTrial(R"(, "selection": {"min_cluster_size": 1})"), invalid,
            "selection.min_cluster_size");
        row("budget fraction above one", minimalTrial(R"(, "budget": {"max_fraction_per_client": 1.5})"), invalid,
            "budget.max_fraction_per_client");
        row("negative cost",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"],
                "cost": {"compute_per_hour": -1}}], "strategies": ["full"]})",
            invalid, "sites[0].cost.compute_per_hour");
        row("duplicate site",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"]},
                {"name": "a", "data": ["e"]}], "strategies": ["full"]})",
            invalid, "sites[1].name: 'a' is already the name of sites[0]");
        row("bad site name", R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a b", "data": ["d"]}]})",
            invalid, "sites[0].name");
        row("empty data", R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": []}]})", invalid,
            "sites[0].data: expected at least one path");
        row("dirichlet without clients",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"],
                "partition": {"scheme": "dirichlet"}}], "strategies": ["full"]})",
            invalid, "sites[0].partition.clients");
        row("unknown scheme",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"],
                "partition": {"scheme": "shards"}}], "strategies": ["full"]})",
            invalid, "sites[0].partition.scheme: partition 'shards'");
        row("min_samples without dirichlet",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"],
                "partition": {"scheme": "iid", "clients": 2, "min_samples": 10}}], "strategies": ["full"]})",
            invalid, "sites[0].partition.min_samples: only with the dirichlet scheme");
        row("min_samples negative",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"],
                "partition": {"scheme": "dirichlet", "clients": 2, "min_samples": -1}}], "strategies": ["full"]})",
            invalid, "sites[0].partition.min_samples: -1 is out of range");
        agentRows();
        networkRows();
        protocolRangeRows();
        row("evaluation data empty", minimalTrial(R"(, "evaluation": {"held_out_tasks": ["x"], "data": []})"), invalid,
            "evaluation.data: expected at least one path");
        row("evaluation data without held-out tasks", minimalTrial(R"(, "evaluation": {"data": ["e.jsonl"]})"), invalid,
            "evaluation.data: needs held_out_tasks");
        row("evaluation data unset variable",
            minimalTrial(R"(, "evaluation": {"held_out_tasks": ["x"], "data": ["${FP_TEST_UNSET_VAR}"]})"), invalid,
            "evaluation.data[0]: environment variable FP_TEST_UNSET_VAR is not set");
        row("unknown strategy", R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"]}],
                "strategies": ["kmeans"]})",
            invalid, "strategies[0]: strategy 'kmeans'");
        row("duplicate strategy (alias)", R"({"name": "t", "model": {"path": "m"},
                "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full", "fedit"]})",
            invalid, "strategies[1]: 'fedit' repeats strategies[0]");
        row("no strategies", R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"]}],
                "strategies": []})",
            invalid, "strategies: expected at least one strategy");
        row("unknown aggregation", minimalTrial(R"(, "aggregation": "median")"), invalid,
            "aggregation: 'median': expected fedavg or flexlora");
        row("duplicate held-out task", minimalTrial(R"(, "evaluation": {"held_out_tasks": ["x", "x"]})"), invalid,
            "evaluation.held_out_tasks[1]");
        row("missing name", R"({"model": {"path": "m"}})", invalid, "name: required field missing");
        row("empty name", R"({"name": ""})", invalid, "name: must not be empty");
        row("missing model", R"({"name": "t"})", invalid, "model.path: required field missing");
        row("missing sites", R"({"name": "t", "model": {"path": "m"}})", invalid, "sites: required field missing");
        row("missing strategies", R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"]}]})",
            invalid, "strategies: required field missing");
        row("unset variable",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["${FP_TEST_UNSET_VAR}/d"]}]})",
            invalid, "sites[0].data[0]: environment variable FP_TEST_UNSET_VAR is not set");
        row("malformed variable", R"({"name": "t", "model": {"path": "${FP TEST}/m"}})", invalid,
            "model.path: '${FP TEST}/m': expected ${NAME}");
    }
    void badValues() { verifyBadTrial(); }

private:
    static void agentRows() {
        const int invalid = int(ErrorCode::InvalidArgument);
        row("agent without address", agentTrial(R"("ca": "ca.pem")"), invalid,
            "sites[0].agent.address: required field missing");
        row("agent without port", agentTrial(R"("address": "localhost", "insecure": true)"), invalid,
            "sites[0].agent.address: 'localhost': expected host:port");
        row("agent port zero", agentTrial(R"("address": "a.example.org:0", "ca": "c")"), invalid,
            "sites[0].agent.address");
        row("agent port too large", agentTrial(R"("address": "a.example.org:65536", "ca": "c")"), invalid,
            "sites[0].agent.address");
        row("agent IPv6 without brackets", agentTrial(R"("address": "::1:50051", "insecure": true)"), invalid,
            "sites[0].agent.address");
        row("insecure to a remote host", agentTrial(R"("address": "10.0.0.5:50051", "insecure": true)"), invalid,
            "sites[0].agent.insecure: plaintext is allowed only to a loopback host (127.x.x.x, ::1, localhost), "
            "not '10.0.0.5'");
        row("insecure to a name that starts with 127",
            agentTrial(R"("address": "127.0.0.1.example.org:1", "insecure": true)"), invalid,
            "sites[0].agent.insecure");
        row("insecure to 128.0.0.1", agentTrial(R"("address": "128.0.0.1:1", "insecure": true)"), invalid,
            "sites[0].agent.insecure");
        row("insecure to an IPv6 address", agentTrial(R"("address": "[2001:db8::1]:1", "insecure": true)"), invalid,
            "sites[0].agent.insecure");
        row("agent without ca", agentTrial(R"("address": "a.example.org:443")"), invalid,
            "sites[0].agent.ca: required field missing");
        row("client cert without key", agentTrial(R"("address": "a.example.org:443", "ca": "c", "client_cert": "x")"),
            invalid, "sites[0].agent.client_key: required when client_cert is given");
        row("client key without cert", agentTrial(R"("address": "a.example.org:443", "ca": "c", "client_key": "x")"),
            invalid, "sites[0].agent.client_cert: required when client_key is given");
        row("agent with data", agentTrial(R"("address": "localhost:1", "insecure": true)", R"(, "data": ["d"])"),
            invalid, "sites[0].data: not allowed for a site with an agent: the agent holds the data and its split");
        row("agent with partition",
            agentTrial(R"("address": "localhost:1", "insecure": true)", R"(, "partition": {"scheme": "iid"})"), invalid,
            "sites[0].partition: not allowed for a site with an agent");
        row("agent with a client cap",
            agentTrial(R"("address": "localhost:1", "insecure": true)", R"(, "max_samples_per_client": 5)"), invalid,
            "sites[0].max_samples_per_client: not allowed for a site with an agent");
        row("site with neither agent nor data", siteTrial(R"({"name": "a"})"), invalid,
            "sites[0].data: required field missing (a site without an agent is simulated from its data)");
    }

    static void networkRows() {
        const int invalid = int(ErrorCode::InvalidArgument);
        row("connect seconds zero", minimalTrial(R"(, "network": {"connect_seconds": 0})"), invalid,
            "network.connect_seconds: 0 is out of range, expected a number in (0, 86400]");
        row("call seconds negative", minimalTrial(R"(, "network": {"call_seconds": -1})"), invalid,
            "network.call_seconds");
        row("seconds per sample negative", minimalTrial(R"(, "network": {"seconds_per_sample": -0.5})"), invalid,
            "network.seconds_per_sample: -0.5 is out of range, expected a number in [0, 3600]");
        row("keepalive zero", minimalTrial(R"(, "network": {"keepalive_seconds": 0})"), invalid,
            "network.keepalive_seconds");
        row("keepalive more often than agents accept", minimalTrial(R"(, "network": {"keepalive_seconds": 5})"),
            invalid, "network.keepalive_seconds: 5 is out of range");
        row("failed rounds negative", minimalTrial(R"(, "network": {"stop_after_failed_rounds": -1})"), invalid,
            "network.stop_after_failed_rounds: -1 is out of range, expected an integer in [0, 1000000]");
        row("clients per round", minimalTrial(R"(, "schedule": {"clients_per_round": "round"})"), invalid,
            "schedule.clients_per_round: 'round': expected ceil or floor");
        row("rouge variant", minimalTrial(R"(, "evaluation": {"rouge": "rouge1"})"), invalid,
            "evaluation.rouge: 'rouge1': expected rouge-score or pltrdy");
        row("truncation side", R"({"name": "t", "model": {"path": "m", "truncation": "left"},
                "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full"]})",
            invalid, "model.truncation: 'left': expected prompt-start or reference");
        row("samples per task rule", minimalTrial(R"(, "evaluation": {"samples_per_task": "all"})"), invalid,
            "evaluation.samples_per_task: 'all': expected fixed or reference");
        row("reference samples with a fixed count",
            minimalTrial(R"(, "evaluation": {"samples_per_task": "reference", "max_samples_per_task": 5})"), invalid,
            "evaluation.max_samples_per_task: only with samples_per_task fixed");
        row("hdbscan semantics", minimalTrial(R"(, "selection": {"hdbscan": "sklearn"})"), invalid,
            "selection.hdbscan: 'sklearn': expected r-dbscan or python-hdbscan");
    }

    // One past each limit of the site protocol.
    static void protocolRangeRows() {
        const int invalid = int(ErrorCode::InvalidArgument);
        const std::pair<const char *, const char *> cases[] = {
            {R"("schedule": {"rounds": 1000001})", "schedule.rounds: 1000001 is out of range"},
            {R"("schedule": {"local_epochs": 101})", "schedule.local_epochs: 101 is out of range"},
            {R"("schedule": {"batch_size": 1025})", "schedule.batch_size: 1025 is out of range"},
            {R"("schedule": {"learning_rate": 1.5})", "schedule.learning_rate: 1.5 is out of range"},
            {R"("schedule": {"learning_rate": 1e-13})", "schedule.learning_rate"},
            {R"("model": {"path": "m", "max_tokens": 32769})", "model.max_tokens: 32769 is out of range"},
            {R"("model": {"path": "m", "feature_tokens": 1})", "model.feature_tokens: 1 is out of range"},
            {R"("selection": {"min_cluster_size": 1001})", "selection.min_cluster_size: 1001 is out of range"},
            {R"("selection": {"server_min_cluster_size": 1001})", "selection.server_min_cluster_size: 1001"},
            {R"("selection": {"min_samples": 1001})", "selection.min_samples: 1001 is out of range"},
            {R"("selection": {"perplexity": 1000.5})", "selection.perplexity: 1000.5 is out of range"},
            {R"("selection": {"perplexity": 0})", "selection.perplexity: 0 is out of range"},
            {R"("selection": {"tsne_iterations": 100001})", "selection.tsne_iterations: 100001 is out of range"},
            {R"("selection": {"dp_sigma": 1001})", "selection.dp_sigma: 1001 is out of range"},
            {R"("selection": {"center_dims": 0})", "selection.center_dims: 0 is out of range"},
            {R"("selection": {"center_dims": 65})", "selection.center_dims: 65 is out of range"},
            {R"("selection": {"centers": "umap"})", "selection.centers: 'umap': expected projected or tsne"},
            {R"("selection": {"centers": "tsne", "center_dims": 2})", "selection.center_dims: only with"},
            {R"("evaluation": {"max_new_tokens": 4097})", "evaluation.max_new_tokens: 4097 is out of range"},
            {R"("evaluation": {"max_samples_per_task": 100001})", "evaluation.max_samples_per_task: 100001"},
        };
        for (const auto &[field, needle] : cases) {
            const std::string json =
                R"({"name": "t", "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full"], )" +
                std::string(field) +
                (std::string(field).starts_with(R"("model")") ? "" : R"(, "model": {"path": "m"})") + "}";
            row(needle, json, invalid, needle);
        }
    }

    static void addColumns() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
    }
    static void row(const char *tag, const std::string &json, int code, const char *needle) {
        QTest::addRow("%s", tag) << QString::fromStdString(json) << code << QString::fromUtf8(needle);
    }
    static void verifyBadTrial() {
        QFETCH(QString, json);
        QFETCH(int, code);
        QFETCH(QString, needle);
        qunsetenv("FP_TEST_UNSET_VAR");
        const auto result = parse(json.toStdString());
        FP_VERIFY_ERROR(result, ErrorCode(code), needle.toStdString());
        QVERIFY2(result.error().message.starts_with("trial.json: "), result.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestTrialFile)
#include "TestTrialFile.moc"
