// Strategy entries of a trial file: plain method names and named variants ({"name", "method", "selection",
// "budget"}) that override the trial-wide selection and budget; unique names; trial-wide fields refused.
#include "fedpilot/engine/Trial.h"
#include "support/ResultChecks.h"

#include <QTest>

#include <cstdlib>

using namespace fp;
using namespace fp::engine;

namespace {

// A trial with these strategy entries (a JSON array's members), extra top-level members and this model object.
std::string trialWith(const std::string &strategies, const std::string &extra = {},
                      const std::string &model = "{\"path\": \"m.bin\"}") {
    // (No raw string with unbalanced braces in this file: moc would lose track of the test class.)
    return "{\"name\": \"t\", \"model\": " + model +
           ", \"sites\": [{\"name\": \"a\", \"data\": [\"d.jsonl\"]}], \"strategies\": [" + strategies + "]" + extra +
           "}";
}

Result<TrialSpec> parse(const std::string &json) { return parseTrial(json, "/base/dir", "trial.json"); }

const char *const kPaperVariant =
    R"({"name": "fedhds-paper", "method": "fedhds", "selection": {"centers": "tsne", "hdbscan": "python-hdbscan"}})";

} // namespace

class TestTrialStrategies : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void variantsStandNextToPlainEntries() {
        auto t = parse(trialWith(std::string(R"("fedit", "fedhds", )") + kPaperVariant,
                                 R"(, "selection": {"min_cluster_size": 3, "center_dims": 6},
                                    "budget": {"max_per_round": 50})"));
        FP_VERIFY_OK(t);
        QCOMPARE(t->strategies.size(), size_t(3));
        const StrategySpec &full = t->strategies[0], &fedhds = t->strategies[1], &paper = t->strategies[2];
        QCOMPARE(full.name, std::string("full")); // plain entries are recorded under the method's own name
        QCOMPARE(full.method, SelectionStrategy::FullData);
        QCOMPARE(fedhds.name, std::string("fedhds"));
        QCOMPARE(fedhds.clustering.centerDims, 6);
        QCOMPARE(fedhds.clustering.hdbscanSemantics, HdbscanSemantics::RDbscan);
        QCOMPARE(paper.name, std::string("fedhds-paper"));
        QCOMPARE(paper.method, SelectionStrategy::FedHds);
        QCOMPARE(paper.clustering.centerDims, 0); // t-SNE centers: center_dims of the trial no longer applies
        QCOMPARE(paper.clustering.hdbscanSemantics, HdbscanSemantics::PythonHdbscan);
        QCOMPARE(paper.clustering.minClusterSize, 3); // what the entry does not set is the trial's
        QCOMPARE(paper.budget.maxPerRound, int64_t(50));
        // The trial-wide settings themselves are untouched by the variant.
        QCOMPARE(t->clustering.centerDims, 6);
        QCOMPARE(t->clustering.hdbscanSemantics, HdbscanSemantics::RDbscan);
        QCOMPARE(t->strategy("fedhds-paper"), &t->strategies[2]);
        QCOMPARE(t->strategy("fedit"), nullptr); // found by recorded name only
        QCOMPARE(t->strategy("full"), &t->strategies[0]);
    }

    void everySelectionAndBudgetKeyCanBeOverridden() {
        auto t = parse(trialWith(R"({"name": "tuned", "method": "random",
            "selection": {"min_cluster_size": 4, "min_samples": 2, "server_min_cluster_size": 3, "perplexity": 12,
                          "tsne_iterations": 200, "dp_sigma": 0.5, "centers": "projected", "center_dims": 8,
                          "hdbscan": "r-dbscan"},
            "budget": {"max_fraction_per_client": 0.5, "max_per_client": 9, "max_per_round": 30}})",
                                 R"(, "selection": {"centers": "tsne", "hdbscan": "python-hdbscan"})"));
        FP_VERIFY_OK(t);
        const StrategySpec &s = t->strategies[0];
        QCOMPARE(s.method, SelectionStrategy::Random);
        QCOMPARE(s.clustering.minClusterSize, 4);
        QCOMPARE(s.clustering.minSamples, 2);
        QCOMPARE(s.clustering.serverMinClusterSize, 3);
        QCOMPARE(s.clustering.perplexity, 12.0);
        QCOMPARE(s.clustering.tsneIterations, 200);
        QCOMPARE(s.clustering.dpSigma, 0.5);
        QCOMPARE(s.clustering.centerDims, 8); // projected over a t-SNE trial
        QCOMPARE(s.clustering.hdbscanSemantics, HdbscanSemantics::RDbscan);
        QCOMPARE(s.budget.maxFractionPerClient, 0.5);
        QCOMPARE(s.budget.maxPerClient, int64_t(9));
        QCOMPARE(s.budget.maxPerRound, int64_t(30));
        // "projected" without center_dims over a t-SNE trial takes the default 4 dimensions.
        auto d = parse(trialWith(R"({"name": "p", "method": "fedhds", "selection": {"centers": "projected"}})",
                                 R"(, "selection": {"centers": "tsne"})"));
        FP_VERIFY_OK(d);
        QCOMPARE(d->strategies[0].clustering.centerDims, 4);
    }

    // The example the docs and README point to parses, and its variant is FedHDS as the paper runs it.
    void exampleTrialRunsThePaperModeNextToTheDefault() {
        const char *source = std::getenv("FP_SOURCE_DIR");
        if (source == nullptr) {
            QSKIP("FP_SOURCE_DIR is not set (ctest sets it)");
        }
        if (qEnvironmentVariableIsEmpty("FP_SHARED_DIR")) {
            qputenv("FP_SHARED_DIR", "/shared"); // parsing opens no file
        }
        auto t = readTrialFile(std::string(source) + "/resources/trials/fedhds-paper-vs-default.json");
        FP_VERIFY_OK(t);
        QCOMPARE(t->strategies.size(), size_t(3));
        QCOMPARE(t->strategies[1].name, std::string("fedhds"));
        QCOMPARE(t->strategies[1].clustering.centerDims, 4);
        QCOMPARE(t->strategies[1].clustering.hdbscanSemantics, HdbscanSemantics::RDbscan);
        const StrategySpec *paper = t->strategy("fedhds-paper");
        QVERIFY(paper != nullptr);
        QCOMPARE(paper->method, SelectionStrategy::FedHds);
        QCOMPARE(paper->clustering.centerDims, 0);
        QCOMPARE(paper->clustering.hdbscanSemantics, HdbscanSemantics::PythonHdbscan);
        QCOMPARE(t->promptTemplate, PromptTemplate::Reference);
    }

    void promptTemplateIsReadFromTheModel() {
        auto parse2 = [](const std::string &value) {
            return parse(trialWith("\"fedhds\"", {}, "{\"path\": \"m.bin\", \"prompt_template\": \"" + value + "\"}"));
        };
        auto reference = parse2("reference");
        FP_VERIFY_OK(reference);
        QCOMPARE(reference->promptTemplate, PromptTemplate::Reference);
        auto plain = parse2("reference-plain");
        FP_VERIFY_OK(plain);
        QCOMPARE(plain->promptTemplate, PromptTemplate::ReferencePlain);
        auto alpaca = parse2("alpaca");
        FP_VERIFY_OK(alpaca);
        QCOMPARE(alpaca->promptTemplate, PromptTemplate::Alpaca);
        FP_VERIFY_ERROR(parse2("vicuna"), ErrorCode::InvalidArgument,
                        "trial.json: model.prompt_template: 'vicuna': expected alpaca, reference or reference-plain");
    }

    void badEntriesNameTheField_data() {
        QTest::addColumn<std::string>("strategies");
        QTest::addColumn<int>("code");
        QTest::addColumn<std::string>("needle");
        const int invalid = int(ErrorCode::InvalidArgument), bad = int(ErrorCode::BadFormat);
        QTest::addRow("unknown key")
            << std::string(R"({"name": "v", "method": "fedhds", "selectoin": {}})") << bad
            << std::string("strategies[0].selectoin: unknown field (accepted here: name, method, selection, budget)");
        QTest::addRow("unknown selection key")
            << std::string(R"({"name": "v", "method": "fedhds", "selection": {"center": "tsne"}})") << bad
            << std::string("strategies[0].selection.center: unknown field");
        QTest::addRow("missing name") << std::string(R"({"method": "fedhds"})") << invalid
                                      << std::string("strategies[0].name: required field missing");
        QTest::addRow("missing method") << std::string(R"({"name": "v"})") << invalid
                                        << std::string("strategies[0].method: required field missing");
        QTest::addRow("unknown method") << std::string(R"({"name": "v", "method": "kmeans"})") << invalid
                                        << std::string("strategies[0].method: strategy 'kmeans'");
        QTest::addRow("name not a word") << std::string(R"({"name": "paper mode", "method": "fedhds"})") << invalid
                                         << std::string("strategies[0].name: 'paper mode' must be 1 to 64");
        QTest::addRow("name is a method")
            << std::string(R"({"name": "fedit", "method": "fedhds", "selection": {"centers": "tsne"}})") << invalid
            << std::string("strategies[0].name: 'fedit' names a method");
        QTest::addRow("duplicate variant")
            << std::string(R"({"name": "v", "method": "fedhds"}, {"name": "v",
                                               "method": "random"})")
            << invalid << std::string("strategies[1].name: 'v' repeats strategies[0] (v)");
        QTest::addRow("duplicate plain") << std::string(R"("full", {"name": "v", "method": "random"}, "fedit")")
                                         << invalid << std::string("strategies[2]: 'fedit' repeats strategies[0]");
        QTest::addRow("bad override value")
            << std::string(R"({"name": "v", "method": "fedhds", "selection": {"hdbscan": "sklearn"}})") << invalid
            << std::string("strategies[0].selection.hdbscan: 'sklearn': expected r-dbscan or python-hdbscan");
        QTest::addRow("center_dims with t-SNE")
            << std::string(R"({"name": "v", "method": "fedhds", "selection": {"centers": "tsne", "center_dims": 3}})")
            << invalid << std::string("strategies[0].selection.center_dims: only with \"centers\": \"projected\"");
        QTest::addRow("budget out of range")
            << std::string(R"({"name": "v", "method": "random", "budget": {"max_fraction_per_client": 2}})") << invalid
            << std::string("strategies[0].budget.max_fraction_per_client");
        // Fields every strategy of a trial must share, for a fair comparison.
        for (const char *key : {"schedule", "seed", "evaluation", "rouge", "sites", "data", "partition",
                                "clients_per_round", "aggregation", "model", "truncation", "prompt_template"}) {
            QTest::addRow("trial-wide %s", key)
                << "{\"name\": \"v\", \"method\": \"fedhds\", \"" + std::string(key) + "\": {}}" << invalid
                << std::string("strategies[0].") + key + ": is trial-wide";
        }
        QTest::addRow("not a string or object")
            << std::string("3") << bad
            << std::string("strategies[0]: expected a method name or a strategy object, found number");
    }
    void badEntriesNameTheField() {
        QFETCH(std::string, strategies);
        QFETCH(int, code);
        QFETCH(std::string, needle);
        FP_VERIFY_ERROR(parse(trialWith(strategies)), ErrorCode(code), "trial.json: " + needle);
    }
};

QTEST_GUILESS_MAIN(TestTrialStrategies)
#include "TestTrialStrategies.moc"
