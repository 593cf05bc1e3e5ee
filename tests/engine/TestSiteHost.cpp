// Site files (what a fedpilot-agent serves) and SiteHost: an agent and LocalFederation build the same clients
// from the same data, partition and seed; LocalFederation leaves sites with an agent to the caller and evaluates
// centrally only on evaluation.data.
#include "../support/ResultChecks.h"
#include "../support/SharedData.h"

#include "fedpilot/engine/LocalFederation.h"
#include "fedpilot/engine/SiteHost.h"
#include "fedpilot/engine/Trial.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>
#include <fstream>
#include <set>

using namespace fp;
using namespace fp::engine;

namespace {

const std::string kTasks = "data/natural-instructions-v1/tasks/";
const char *const kHeldOut = "subtask010_mctaco_answer_generation_event_ordering";

std::string task(const std::string &shared, const std::string &name) { return shared + "/" + kTasks + name + ".json"; }

std::string quoted(const std::string &text) { return "\"" + text + "\""; }

Result<SiteHostSpec> parse(const std::string &json) { return parseSiteFile(json, "/base/dir", "site.json"); }

// A two-site trial on NI-v1: tokyo (one client per task, capped) and osaka (IID clients, capped). secondAgent
// replaces osaka's data with an agent.
TrialSpec niTrial(const std::string &shared, bool secondAgent = false) {
    TrialSpec trial;
    trial.name = "site host test";
    trial.modelPath = shared + "/models/stories260K/stories260K.bin";
    trial.schedule.seed = 19;
    SiteSpec tokyo;
    tokyo.name = "tokyo";
    tokyo.data = {task(shared, "subtask003_mctaco_question_generation_event_duration"),
                  task(shared, "subtask004_mctaco_answer_generation_event_duration"), task(shared, kHeldOut)};
    tokyo.maxSamplesPerClient = 60;
    SiteSpec osaka;
    osaka.name = "osaka";
    osaka.data = {task(shared, "subtask045_miscellaneous_sentence_paraphrasing"),
                  task(shared, "subtask047_misc_answering_science_questions")};
    osaka.partition.scheme = PartitionScheme::Iid;
    osaka.partition.clients = 3;
    osaka.maxSamplesPerClient = 25;
    if (secondAgent) {
        osaka = SiteSpec{};
        osaka.name = "osaka";
        osaka.agent = AgentEndpoint{"127.0.0.1:50051", "", "", "", "", "", true};
    }
    trial.sites = {tokyo, osaka};
    trial.evaluation.heldOutTasks = {kHeldOut};
    return trial;
}

void compareInventories(const SiteInventory &a, const SiteInventory &b) {
    QCOMPARE(a.clients.size(), b.clients.size());
    for (size_t c = 0; c < a.clients.size(); ++c) {
        QCOMPARE(a.clients[c].name, b.clients[c].name);
        QCOMPARE(a.clients[c].samples, b.clients[c].samples);
    }
    QCOMPARE(a.heldOutSamples, b.heldOutSamples);
}

} // namespace

class TestSiteHost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void siteFileReadsEveryField() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        qputenv("FP_TEST_SITE_DATA", "/srv/ni");
        const std::string json = R"({"name": "tokyo", "model": {"path": "models/m.bin", "tokenizer": "/t/tok.bin"},
            "data": ["${FP_TEST_SITE_DATA}/a.json", "local/b"],
            "partition": {"scheme": "dirichlet", "clients": 7, "alpha": 5}, "max_samples_per_client": 150,
            "held_out_tasks": ["task9", "task3"], "seed": 42})";
        std::ofstream(folder + "/site.json") << json;
        auto spec = readSiteFile(folder + "/site.json");
        qunsetenv("FP_TEST_SITE_DATA");
        FP_VERIFY_OK(spec);
        QCOMPARE(spec->site.name, std::string("tokyo"));
        QCOMPARE(spec->modelPath, folder + "/models/m.bin");
        QCOMPARE(spec->tokenizerPath, std::string("/t/tok.bin"));
        QCOMPARE(spec->site.data, (std::vector<std::string>{"/srv/ni/a.json", folder + "/local/b"}));
        QCOMPARE(spec->site.partition.scheme, PartitionScheme::Dirichlet);
        QCOMPARE(spec->site.partition.clients, 7);
        QCOMPARE(spec->site.partition.alpha, 5.0);
        QCOMPARE(spec->site.maxSamplesPerClient, int64_t(150));
        QCOMPARE(spec->site.heldOutTasks, (std::vector<std::string>{"task9", "task3"}));
        QCOMPARE(spec->site.seed, uint64_t(42));
        QCOMPARE(spec->sourceJson, json);
        QCOMPARE(spec->baseDir, folder);
    }

    void siteFileDefaults() {
        auto spec = parse(R"({"name": "a", "model": {"path": "m.bin"}, "data": ["d"]})");
        FP_VERIFY_OK(spec);
        QCOMPARE(spec->modelPath, std::string("/base/dir/m.bin"));
        QVERIFY(spec->tokenizerPath.empty());
        QCOMPARE(spec->site.partition.scheme, PartitionScheme::OneTaskPerClient);
        QCOMPARE(spec->site.maxSamplesPerClient, int64_t(0));
        QVERIFY(spec->site.heldOutTasks.empty());
        QCOMPARE(spec->site.seed, uint64_t(0));
    }

    void siteFileErrors_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        const int bad = int(ErrorCode::BadFormat);
        const int invalid = int(ErrorCode::InvalidArgument);
        const auto row = [](const char *tag, const std::string &json, int code, const char *needle) {
            QTest::addRow("%s", tag) << QString::fromStdString(json) << code << QString::fromUtf8(needle);
        };
        const std::string head = R"({"name": "a", "model": {"path": "m"}, "data": ["d"])";
        row("not JSON", "{", bad, "site.json: not valid JSON");
        row("overflowing number", head + R"(, "partition": {"alpha": 1e999}})", bad,
            "site.json: partition.alpha: number 1e999 is too large for a double");
        row("unknown key", head + R"(, "agent": {}})", bad, "site.json: agent: unknown field");
        row("wrong type", head + R"(, "seed": "7"})", bad, "site.json: seed: expected an integer, found string");
        row("data element not a string", R"({"name": "a", "model": {"path": "m"}, "data": [3]})", bad,
            "site.json: data[0]: expected a string");
        row("missing name", R"({"model": {"path": "m"}, "data": ["d"]})", invalid, "site.json: name: required");
        row("missing model path", R"({"name": "a", "data": ["d"]})", invalid, "site.json: model.path: required");
        row("missing data", R"({"name": "a", "model": {"path": "m"}})", invalid, "site.json: data: required");
        row("empty data", R"({"name": "a", "model": {"path": "m"}, "data": []})", invalid,
            "site.json: data: expected at least one path");
        row("unknown scheme", head + R"(, "partition": {"scheme": "shards"}})", invalid, "site.json: partition.scheme");
        row("iid without clients", head + R"(, "partition": {"scheme": "iid"}})", invalid,
            "site.json: partition.clients");
        // Sequence lengths are the trial's (model.max_tokens, feature_tokens), sent with every request: a site file
        // does not take one it would then ignore.
        row("max_tokens is the trial's", head + R"(, "max_tokens": 512})", bad, "site.json: max_tokens");
        row("negative seed", head + R"(, "seed": -1})", invalid, "site.json: seed");
        row("negative cap", head + R"(, "max_samples_per_client": -2})", invalid, "site.json: max_samples_per_client");
        row("held-out task twice", head + R"(, "held_out_tasks": ["x", "x"]})", invalid,
            "site.json: held_out_tasks[1]: 'x' is empty or listed twice");
        row("unset variable", R"({"name": "a", "model": {"path": "m"}, "data": ["${FP_TEST_UNSET_VAR}/d"]})", invalid,
            "site.json: data[0]: environment variable FP_TEST_UNSET_VAR is not set");
    }
    void siteFileErrors() {
        QFETCH(QString, json);
        QFETCH(int, code);
        QFETCH(QString, needle);
        qunsetenv("FP_TEST_UNSET_VAR");
        FP_VERIFY_ERROR(parse(json.toStdString()), ErrorCode(code), needle.toStdString());
    }

    // A trial at the edges of every range makes requests that a site's decoder accepts.
    void trialsAtTheirLimitsMakeRequestsSitesAccept_data() {
        QTest::addColumn<QString>("fields");
        QTest::addRow("maxima") << QStringLiteral(
            R"("model": {"path": "m", "max_tokens": 32768, "feature_tokens": 32768},
            "selection": {"min_cluster_size": 1000, "min_samples": 1000, "server_min_cluster_size": 1000,
                          "perplexity": 1000, "tsne_iterations": 100000, "dp_sigma": 1000},
            "schedule": {"rounds": 1000000, "local_epochs": 100, "batch_size": 1024, "learning_rate": 1},
            "evaluation": {"max_new_tokens": 4096, "max_samples_per_task": 100000})");
        QTest::addRow("minima") << QStringLiteral(
            R"("model": {"path": "m", "max_tokens": 2, "feature_tokens": 2},
            "selection": {"min_cluster_size": 2, "min_samples": 0, "server_min_cluster_size": 2,
                          "perplexity": 0.001, "tsne_iterations": 1, "dp_sigma": 0},
            "schedule": {"rounds": 1, "local_epochs": 1, "batch_size": 1, "learning_rate": 1e-12},
            "evaluation": {"max_new_tokens": 1, "max_samples_per_task": 0})");
    }
    void trialsAtTheirLimitsMakeRequestsSitesAccept() {
        QFETCH(QString, fields);
        auto trial = parseTrial(R"({"name": "t", "sites": [{"name": "a", "data": ["d"]}], "strategies": ["full"], )" +
                                    fields.toStdString() + "}",
                                "/", "trial.json");
        FP_VERIFY_OK(trial);
        PrepareRequest prepare;
        prepare.round = trial->schedule.rounds;
        prepare.client = "c";
        prepare.clustering = trial->clustering;
        prepare.featureTokens = trial->featureTokens;
        FP_VERIFY_OK(decodePrepareRequest(encode(prepare), "test"));
        TrainRequest train;
        train.round = trial->schedule.rounds;
        train.client = "c";
        train.localEpochs = trial->schedule.localEpochs;
        train.learningRate = trial->schedule.learningRate;
        train.batchSize = trial->schedule.batchSize;
        train.maxTokens = trial->maxTokens;
        FP_VERIFY_OK(decodeTrainRequest(encode(train), "test"));
        EvaluateRequest evaluate;
        evaluate.round = trial->schedule.rounds;
        evaluate.maxSamplesPerTask = trial->evaluation.maxSamplesPerTask;
        evaluate.maxNewTokens = trial->evaluation.maxNewTokens;
        evaluate.maxTokens = trial->maxTokens;
        FP_VERIFY_OK(decodeEvaluateRequest(encode(evaluate), "test"));
    }

    void missingSiteFileIsNotFound() {
        QTemporaryDir dir;
        FP_VERIFY_ERROR(readSiteFile(dir.path().toStdString() + "/none.json"), ErrorCode::NotFound, "none.json");
    }

    // The agent's route (a site file, buildLocalSite) and LocalFederation's give the same clients and counts.
    void buildLocalSiteMatchesLocalFederation() {
        FP_REQUIRE_SHARED_FILE(heldOutFile, kTasks + kHeldOut + ".json");
        const std::string root = *fp::test::sharedDir();
        const TrialSpec trial = niTrial(root);
        std::vector<std::string> warnings;
        auto federation = LocalFederation::build(trial, &warnings);
        FP_VERIFY_OK(federation);
        auto inventories = (*federation)->inventories();
        FP_VERIFY_OK(inventories);
        QCOMPARE(inventories->size(), size_t(2));
        QCOMPARE((*inventories)[0].clients.size(), size_t(2)); // two training tasks; the third held out
        QCOMPARE((*inventories)[0].clients[0].samples, int64_t(60));
        QVERIFY((*inventories)[0].heldOutSamples > 0);
        QCOMPARE((*inventories)[1].clients.size(), size_t(3));
        for (size_t s = 0; s < trial.sites.size(); ++s) {
            auto site = buildLocalSite(siteDataOf(trial, trial.sites[s]), (*federation)->sharedModel(), nullptr);
            FP_VERIFY_OK(site);
            auto inventory = (*site)->inventory();
            FP_VERIFY_OK(inventory);
            compareInventories(*inventory, (*inventories)[s]);
        }
        // The same site written as an agent's site file.
        const SiteSpec &osaka = trial.sites[1];
        const std::string json = "{\"name\": \"osaka\", \"model\": {\"path\": \"m\"}, \"data\": [" +
                                 quoted(osaka.data[0]) + ", " + quoted(osaka.data[1]) +
                                 "], \"partition\": {\"scheme\": \"iid\", \"clients\": 3}, "
                                 "\"max_samples_per_client\": 25, \"held_out_tasks\": [" +
                                 quoted(kHeldOut) + "], \"seed\": 19}";
        auto spec = parseSiteFile(json, "/", "site.json");
        FP_VERIFY_OK(spec);
        auto fromFile = loadSiteSamples(spec->site, nullptr);
        auto fromTrial = loadSiteSamples(siteDataOf(trial, osaka), nullptr);
        FP_VERIFY_OK(fromFile);
        FP_VERIFY_OK(fromTrial);
        QCOMPARE(fromFile->partition.clients.size(), fromTrial->partition.clients.size());
        for (size_t c = 0; c < fromFile->partition.clients.size(); ++c) {
            QCOMPARE(fromFile->partition.clients[c].name, fromTrial->partition.clients[c].name);
            QCOMPARE(fromFile->partition.clients[c].samples, fromTrial->partition.clients[c].samples);
        }
        QCOMPARE(fromFile->samples.size(), fromTrial->samples.size());
    }

    // A site with an agent gets no LocalSite; without evaluation.data there is no central evaluation.
    void agentSitesAreLeftToTheCaller() {
        FP_REQUIRE_SHARED_FILE(heldOutFile, kTasks + kHeldOut + ".json");
        const std::string root = *fp::test::sharedDir();
        TrialSpec trial = niTrial(root, true);
        trial.sites[0].data.pop_back(); // the held-out task may be at the agent: no "in no site's data" error
        auto federation = LocalFederation::build(trial, nullptr);
        FP_VERIFY_OK(federation);
        const auto slots = (*federation)->siteSlots();
        QCOMPARE(slots.size(), size_t(2));
        QVERIFY(slots[0].has_value());
        QCOMPARE(slots[0]->site, static_cast<Site *>((*federation)->localSite(0)));
        QVERIFY(!slots[1].has_value());
        QVERIFY((*federation)->localSite(1) == nullptr);
        QVERIFY((*federation)->localSite(7) == nullptr);
        QCOMPARE((*federation)->sites().size(), size_t(1));
        QVERIFY((*federation)->central().model == nullptr);
        QVERIFY((*federation)->central().samples == nullptr);
        // Every site local: a held-out task in no site's data is still refused.
        TrialSpec local = niTrial(root);
        local.sites[0].data.pop_back();
        FP_VERIFY_ERROR(LocalFederation::build(local, nullptr), ErrorCode::InvalidArgument,
                        std::string("evaluation.held_out_tasks: task '") + kHeldOut + "' is in no site's data");
    }

    void centralEvaluationReadsEvaluationData() {
        FP_REQUIRE_SHARED_FILE(heldOutFile, kTasks + kHeldOut + ".json");
        const std::string root = *fp::test::sharedDir();
        TrialSpec trial = niTrial(root, true);
        trial.evaluation.data = {task(root, kHeldOut), task(root, "subtask045_miscellaneous_sentence_paraphrasing")};
        auto federation = LocalFederation::build(trial, nullptr);
        FP_VERIFY_OK(federation);
        const CentralEvaluation central = (*federation)->central();
        QVERIFY(central.model != nullptr);
        QVERIFY(central.samples != nullptr && !central.samples->empty());
        for (const auto &s : *central.samples) {
            QCOMPARE(s.category, std::string(kHeldOut)); // other tasks of evaluation.data are not evaluated
        }
        // The sites' held-out samples stay at the sites: tokyo still keeps its own for federated evaluation.
        auto inventory = (*federation)->localSite(0)->inventory();
        FP_VERIFY_OK(inventory);
        QVERIFY(inventory->heldOutSamples > 0);

        trial.evaluation.data = {task(root, "subtask045_miscellaneous_sentence_paraphrasing")};
        FP_VERIFY_ERROR(LocalFederation::build(trial, nullptr), ErrorCode::InvalidArgument,
                        std::string("evaluation.data: holds no sample of held-out task '") + kHeldOut + "'");
    }

    // The demo trial reads, builds, and evaluates centrally on both held-out tasks of its evaluation.data.
    void demoTrialEvaluatesCentrallyOnItsEvaluationData() {
        FP_REQUIRE_SHARED_FILE(heldOutFile, kTasks + kHeldOut + ".json");
        const char *source = std::getenv("FP_SOURCE_DIR");
        if (source == nullptr) {
            QSKIP("FP_SOURCE_DIR is not set (ctest sets it)");
        }
        qputenv("FP_SHARED_DIR", QByteArray::fromStdString(*fp::test::sharedDir()));
        auto trial = readTrialFile(std::string(source) + "/resources/demo/ni-two-sites.json");
        FP_VERIFY_OK(trial);
        auto federation = LocalFederation::build(*trial, nullptr);
        FP_VERIFY_OK(federation);
        QCOMPARE((*federation)->sites().size(), size_t(2));
        const CentralEvaluation central = (*federation)->central();
        QVERIFY(central.model != nullptr && central.samples != nullptr);
        std::set<std::string> tasks;
        for (const auto &s : *central.samples) {
            tasks.insert(s.category);
        }
        QCOMPARE(tasks,
                 (std::set<std::string>(trial->evaluation.heldOutTasks.begin(), trial->evaluation.heldOutTasks.end())));
    }
};

QTEST_APPLESS_MAIN(TestSiteHost)
#include "TestSiteHost.moc"
