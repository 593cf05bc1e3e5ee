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

namespace {

const char *const kFullTrial = R"({
  "name": "ni-pilot",
  "model": {"path": "models/tiny.bin", "tokenizer": "/opt/tok/tokenizer.bin", "max_tokens": 512,
            "feature_tokens": 64},
  "lora": {"rank": 4, "alpha": 8, "dropout": 0.1, "target_modules": ["q_proj", "v_proj"]},
  "sites": [
    {"name": "hospital-a", "data": ["data/a.jsonl", "/abs/b"],
     "partition": {"scheme": "dirichlet", "clients": 12, "alpha": 5.0},
     "max_samples_per_client": 40, "cost": {"compute_per_hour": 2.5, "transfer_per_gb": 0.09},
     "agent": "site-a.example.org:50051"},
    {"name": "lab_b.2", "data": ["../shared/ni"]}
  ],
  "strategies": ["fedhds", "fedit", "random", "fedhds-intra"],
  "selection": {"min_cluster_size": 3, "min_samples": 2, "server_min_cluster_size": 4, "perplexity": 12.5,
                "tsne_iterations": 300, "dp_sigma": 0.2},
  "budget": {"max_fraction_per_client": 0.25, "max_per_client": 7, "max_per_round": 90},
  "schedule": {"rounds": 20, "participation": 0.5, "local_epochs": 2, "learning_rate": 3e-5, "batch_size": 4,
               "eval_every": 5, "seed": 9223372036854775807},
  "aggregation": "flexlora",
  "evaluation": {"held_out_tasks": ["task1", "task2"], "max_samples_per_task": 0, "max_new_tokens": 64,
                 "federated": true}
})";

// The smallest valid trial, with `extra` (", \"key\": value" pairs) appended at the top level.
std::string minimalTrial(const std::string &extra = {}) {
    return R"({"name": "t", "model": {"path": "m.bin"}, "sites": [{"name": "a", "data": ["d.jsonl"]}],
              "strategies": ["fedhds"])" +
           extra + "}";
}

Result<TrialSpec> parse(const std::string &json) { return parseTrial(json, "/base/dir", "trial.json"); }

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
        QCOMPARE(t.lora.rank, 4);
        QCOMPARE(t.lora.alpha, 8.f);
        QCOMPARE(t.lora.dropout, 0.1f);
        QCOMPARE(t.lora.targetModules, (std::vector<std::string>{"q_proj", "v_proj"}));
        QCOMPARE(t.sites.size(), size_t(2));
        const SiteSpec &a = t.sites[0];
        QCOMPARE(a.name, std::string("hospital-a"));
        QCOMPARE(a.data, (std::vector<std::string>{"/base/dir/data/a.jsonl", "/abs/b"}));
        QCOMPARE(a.partition.scheme, PartitionScheme::Dirichlet);
        QCOMPARE(a.partition.clients, 12);
        QCOMPARE(a.partition.alpha, 5.0);
        QCOMPARE(a.partition.seed, uint64_t(9223372036854775807ull)); // schedule.seed
        QVERIFY(a.partition.heldOutCategories.empty());               // filled by the coordinator
        QCOMPARE(a.maxSamplesPerClient, int64_t(40));
        QCOMPARE(a.cost.pricePerComputeHour, 2.5);
        QCOMPARE(a.cost.pricePerGb, 0.09);
        QCOMPARE(a.agent, std::string("site-a.example.org:50051"));
        QCOMPARE(t.sites[1].name, std::string("lab_b.2"));
        QCOMPARE(t.sites[1].data, (std::vector<std::string>{"/base/shared/ni"}));
        QCOMPARE(t.sites[1].partition.scheme, PartitionScheme::OneTaskPerClient);
        QCOMPARE(t.strategies,
                 (std::vector<SelectionStrategy>{SelectionStrategy::FedHds, SelectionStrategy::FullData,
                                                 SelectionStrategy::Random, SelectionStrategy::FedHdsIntraOnly}));
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
        QCOMPARE(t.sourceJson, std::string(kFullTrial));
    }

    void absentFieldsTakeTheirDefaults() {
        auto parsed = parse(minimalTrial());
        FP_VERIFY_OK(parsed);
        const TrialSpec &t = *parsed;
        QCOMPARE(t.tokenizerPath, std::string());
        QCOMPARE(t.maxTokens, 256);
        QCOMPARE(t.featureTokens, 256);
        QVERIFY(t.lora == LoraConfig{});
        QCOMPARE(t.sites[0].partition.scheme, PartitionScheme::OneTaskPerClient);
        QCOMPARE(t.sites[0].partition.clients, 0);
        QCOMPARE(t.sites[0].partition.alpha, 0.5);
        QCOMPARE(t.sites[0].maxSamplesPerClient, int64_t(0));
        QCOMPARE(t.sites[0].cost.pricePerComputeHour, 0.0);
        QCOMPARE(t.sites[0].agent, std::string());
        QCOMPARE(t.clustering.minClusterSize, 5);
        QCOMPARE(t.clustering.minSamples, 0);
        QCOMPARE(t.clustering.serverMinClusterSize, 2);
        QCOMPARE(t.clustering.perplexity, 30.0);
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
        QCOMPARE(t.evaluation.maxNewTokens, 128);
        QCOMPARE(t.evaluation.federated, false);
        QCOMPARE(aggregationName(Aggregation::FedAvg), "fedavg");
        QCOMPARE(aggregationName(Aggregation::FlexLora), "flexlora");
    }

    void integersWrittenAsFloatsAreAccepted() {
        auto parsed = parse(minimalTrial(R"(, "schedule": {"rounds": 3.0, "batch_size": 1e1})"));
        FP_VERIFY_OK(parsed);
        QCOMPARE(parsed->schedule.rounds, 3);
        QCOMPARE(parsed->schedule.batchSize, 10);
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
        FP_VERIFY_ERROR(readTrialFile(folder + "/huge.json"), ErrorCode::BadFormat, "limit");
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
    }
    void badFormat() { verifyBadTrial(); }

    // Missing, out-of-range, unknown or repeated values: InvalidArgument.
    void badValues_data() {
        addColumns();
        const int invalid = int(ErrorCode::InvalidArgument);
        row("rounds zero", minimalTrial(R"(, "schedule": {"rounds": 0})"), invalid,
            "schedule.rounds: 0 is out of range, expected an integer >= 1");
        row("rounds beyond int", minimalTrial(R"(, "schedule": {"rounds": 3000000000})"), invalid,
            "schedule.rounds: 3000000000 is out of range, expected an integer in [1, 2147483647]");
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
        row("max_tokens too small", R"({"name": "t", "model": {"path": "m", "max_tokens": 4}})", invalid,
            "model.max_tokens: 4 is out of range, expected an integer in [8, 1048576]");
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
        row("agent without port",
            R"({"name": "t", "model": {"path": "m"}, "sites": [{"name": "a", "data": ["d"], "agent": "localhost"}],
                "strategies": ["full"]})",
            invalid, "sites[0].agent");
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
