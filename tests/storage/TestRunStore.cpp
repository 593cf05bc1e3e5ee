// RunStore: rounds recorded durably and read back exactly, resume from a verified checkpoint, nothing left of a
// round that failed, reports and CSV export.
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "support/SqlRows.h"

#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

using namespace fp;
using fp::storage::RunStore;
using fp::storage::SiteClients;

namespace {

engine::PeftAdapter makeAdapter(float base) {
    engine::PeftAdapter adapter;
    adapter.config.rank = 2;
    adapter.config.alpha = 4.f;
    adapter.config.dropout = 0.f;
    adapter.config.targetModules = {"q_proj", "v_proj"};
    const float a[8] = {base, -base, 0.5f, 1e-7f, -3.25f, base * 2, std::numeric_limits<float>::min(), 7.f};
    const float b[6] = {base / 3, 1.f, -1.f, 0.f, 2.5f, -base};
    for (const char *module : {"q_proj", "v_proj"}) {
        const std::string prefix = std::string("base_model.model.model.layers.0.self_attn.") + module;
        adapter.tensors[prefix + ".lora_A.weight"] = engine::RawTensor::fromFloat32({2, 4}, a);
        adapter.tensors[prefix + ".lora_B.weight"] = engine::RawTensor::fromFloat32({3, 2}, b);
    }
    return adapter;
}

std::vector<SiteClients> twoSites() {
    return {SiteClients{"alpha", "", engine::CostModel{1.5, 0.25}, {{"alpha-0", 100}, {"alpha-1", 50}}},
            SiteClients{"beta", "10.0.0.2:7070", engine::CostModel{0.75, 0.0}, {{"beta-0", 80}}}};
}

engine::ClientRoundRecord clientRecord(const std::string &site, const std::string &client, int round, int salt) {
    engine::ClientRoundRecord c;
    c.site = site;
    c.client = client;
    c.available = 100 + salt;
    c.selected = 10 * round + salt;
    c.groups = 3 + salt;
    c.trainingTokens = 12345678901LL + salt;
    c.steps = 40 + round;
    c.skippedSteps = salt;
    c.trainLoss = 1.0 / 3.0 + round;
    c.featureSeconds = 0.1 * round;
    c.selectionSeconds = 1e-9 + salt;
    c.trainingSeconds = 123.456789012345 * round;
    c.bytesDown = 5000000000LL + round;
    c.bytesUp = 2000 + salt;
    c.selectionBytes = 300 + salt;
    c.cost = 0.1 + 0.2 * salt;
    c.status = salt == 0 ? "trained" : "skipped: no samples, \"empty\"";
    return c;
}

engine::RoundRecord makeRound(int round) {
    engine::RoundRecord r;
    r.round = round;
    r.clients = {clientRecord("alpha", "alpha-0", round, 0), clientRecord("beta", "beta-0", round, 1)};
    if (round == 2) {
        r.clients[1].trainLoss = std::numeric_limits<double>::quiet_NaN(); // a diverged client
    }
    r.evaluations = {engine::EvaluationRecord{"central", 40, 0.25 + 0.125 * round, 2.0 - 0.1 * round, 9.5},
                     engine::EvaluationRecord{"alpha", 12, 0.3, std::numeric_limits<double>::infinity(), 1.25}};
    r.events = {engine::RunEvent{"nan-step", "round " + std::to_string(round) + ": client beta-0 skipped a step"}};
    r.globalClusters = 5 + round;
    r.seconds = 60.5 * round + 0.001;
    r.globalAdapter = makeAdapter(float(round));
    return r;
}

bool sameReal(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// The first field in which two client records differ, or "" when they are equal (NaN equals NaN).
std::string clientDifference(const engine::ClientRoundRecord &a, const engine::ClientRoundRecord &b) {
    const std::pair<const char *, bool> fields[] = {
        {"site", a.site == b.site},
        {"client", a.client == b.client},
        {"available", a.available == b.available},
        {"selected", a.selected == b.selected},
        {"groups", a.groups == b.groups},
        {"trainingTokens", a.trainingTokens == b.trainingTokens},
        {"steps", a.steps == b.steps},
        {"skippedSteps", a.skippedSteps == b.skippedSteps},
        {"trainLoss", sameReal(a.trainLoss, b.trainLoss)},
        {"featureSeconds", sameReal(a.featureSeconds, b.featureSeconds)},
        {"selectionSeconds", sameReal(a.selectionSeconds, b.selectionSeconds)},
        {"trainingSeconds", sameReal(a.trainingSeconds, b.trainingSeconds)},
        {"bytesDown", a.bytesDown == b.bytesDown},
        {"bytesUp", a.bytesUp == b.bytesUp},
        {"selectionBytes", a.selectionBytes == b.selectionBytes},
        {"cost", sameReal(a.cost, b.cost)},
        {"status", a.status == b.status},
    };
    for (const auto &[name, equal] : fields) {
        if (!equal) {
            return std::string(name) + " of " + a.site + "/" + a.client;
        }
    }
    return {};
}

engine::TrialSpec trialSpec(const std::string &name, const std::string &json) {
    engine::TrialSpec trial;
    trial.name = name;
    trial.sourceJson = json;
    return trial;
}

// Raw SQL against the workspace, as another program (or a crash) would leave it.
std::string sql(const std::string &dbPath, const std::string &text) { return test::sqlRowsAt(dbPath, text); }

// Evaluates expr once (it may record a round) and fails with the error's message.
#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOkResult = (expr);                                                                           \
        QVERIFY2(verifyOkResult.has_value(), verifyOkResult ? "" : verifyOkResult.error().message.c_str());            \
    } while (false)

} // namespace

class TestRunStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        auto store = RunStore::open(dir());
        VERIFY_OK(store);
        m_store = std::make_unique<RunStore>(std::move(*store));
    }
    void cleanup() { m_store.reset(); }

    void opensAWorkspaceFolder() {
        QVERIFY(QFile::exists(QString::fromStdString(dir() + "/workspace.sqlite")));
        QVERIFY(QDir(QString::fromStdString(dir() + "/artifacts")).exists());
        QCOMPARE(m_store->workspaceDir(), dir());
        QCOMPARE(sql(dbPath(), "PRAGMA journal_mode"), std::string("wal\n"));
    }

    void recordsRoundsAndReadsThemBackExactly() {
        const int64_t run = newRun("pilot", 3);
        auto journal = m_store->journal(run, "/models/tiny");
        const auto round1 = makeRound(1), round2 = makeRound(2);
        VERIFY_OK(journal->roundCompleted(round1));
        VERIFY_OK(journal->event(engine::RunEvent{"client-failed", "beta-0 timed out"}));
        VERIFY_OK(journal->roundCompleted(round2));
        journal.reset();
        m_store.reset(); // read back through a fresh connection: what was committed is on disk
        auto reopened = RunStore::open(dir());
        VERIFY_OK(reopened);
        auto detail = reopened->runDetail(run);
        VERIFY_OK(detail);

        QCOMPARE(detail->summary.completedRounds, 2);
        QCOMPARE(detail->summary.plannedRounds, 3);
        QCOMPARE(detail->summary.seed, uint64_t(0xFEDCBA9876543210ULL));
        QCOMPARE(detail->summary.strategy, std::string("fedhds"));
        QCOMPARE(detail->sites.size(), size_t(2));
        const auto expectedSites = twoSites();
        for (size_t i = 0; i < expectedSites.size(); ++i) {
            QCOMPARE(detail->sites[i].name, expectedSites[i].name);
            QCOMPARE(detail->sites[i].agent, expectedSites[i].agent);
            QCOMPARE(detail->sites[i].cost.pricePerComputeHour, expectedSites[i].cost.pricePerComputeHour);
            QCOMPARE(detail->sites[i].cost.pricePerGb, expectedSites[i].cost.pricePerGb);
            QCOMPARE(detail->sites[i].clients, expectedSites[i].clients);
        }
        QCOMPARE(detail->rounds.size(), size_t(2));
        for (const auto *expected : {&round1, &round2}) {
            const auto &got = detail->rounds[size_t(expected->round - 1)];
            QCOMPARE(got.round, expected->round);
            QCOMPARE(got.seconds, expected->seconds);
            QCOMPARE(got.globalClusters, expected->globalClusters);
            QVERIFY(!got.completedAt.empty());
            QCOMPARE(got.clients.size(), expected->clients.size());
            for (size_t i = 0; i < got.clients.size(); ++i) {
                const std::string difference = clientDifference(got.clients[i], expected->clients[i]);
                QVERIFY2(difference.empty(), difference.c_str());
            }
            QCOMPARE(got.evaluations.size(), expected->evaluations.size());
            for (size_t i = 0; i < got.evaluations.size(); ++i) {
                QCOMPARE(got.evaluations[i].scope, expected->evaluations[i].scope);
                QCOMPARE(got.evaluations[i].samples, expected->evaluations[i].samples);
                QCOMPARE(got.evaluations[i].rougeL, expected->evaluations[i].rougeL);
                QCOMPARE(got.evaluations[i].loss, expected->evaluations[i].loss);
                QCOMPARE(got.evaluations[i].seconds, expected->evaluations[i].seconds);
            }
            const std::string relative =
                "artifacts/run-" + std::to_string(run) + "/round-" + std::to_string(expected->round);
            QCOMPARE(got.checkpoint.path, relative);
            QCOMPARE(got.checkpoint.sha256.size(), size_t(64));
            QCOMPARE(got.checkpoint.bytes,
                     int64_t(std::filesystem::file_size(dir() + "/" + relative + "/adapter_model.safetensors")));
            QCOMPARE(got.available, expected->clients[0].available + expected->clients[1].available);
            QCOMPARE(got.selected, expected->clients[0].selected + expected->clients[1].selected);
            QCOMPARE(got.bytesDown, expected->clients[0].bytesDown + expected->clients[1].bytesDown);
        }
        QVERIFY(detail->rounds[0].checkpoint.sha256 != detail->rounds[1].checkpoint.sha256);
        QCOMPARE(detail->events.size(), size_t(3));
        QCOMPARE(detail->events[0].kind, std::string("nan-step"));
        QCOMPARE(detail->events[1].kind, std::string("client-failed"));
        QCOMPARE(detail->events[1].message, std::string("beta-0 timed out"));
        QCOMPARE(detail->events[2].message, round2.events[0].message);
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM events WHERE run_id = " + std::to_string(run)),
                 std::string("3\n"));
        QVERIFY(!QDir(QString::fromStdString(dir() + "/artifacts/run-1/round-2.partial")).exists());
    }

    void resumePointReturnsTheLastAdapterBitIdentical() {
        const int64_t run = newRun("pilot", 5);
        auto none = m_store->resumePoint(run);
        VERIFY_OK(none);
        QVERIFY(!none->has_value());

        auto journal = m_store->journal(run);
        VERIFY_OK(journal->roundCompleted(makeRound(1)));
        VERIFY_OK(journal->roundCompleted(makeRound(2)));
        auto point = m_store->resumePoint(run);
        VERIFY_OK(point);
        QVERIFY(point->has_value());
        QCOMPARE((*point)->completedRounds, 2);
        const auto expected = makeAdapter(2.f);
        QVERIFY((*point)->globalAdapter.tensors == expected.tensors);
        QVERIFY((*point)->globalAdapter.config == expected.config);

        auto missing = m_store->resumePoint(run + 100);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void tamperedCheckpointIsBadFormat() {
        const int64_t run = newRun("pilot", 5);
        VERIFY_OK(m_store->journal(run)->roundCompleted(makeRound(1)));
        const std::string file = dir() + "/artifacts/run-" + std::to_string(run) + "/round-1/adapter_model.safetensors";
        const std::string recorded = sql(dbPath(), "SELECT sha256 FROM checkpoints").substr(0, 64);
        {
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(f.size() - 1));
            const char flipped = char(f.peek(1).at(0) ^ 0x01);
            QCOMPARE(f.write(&flipped, 1), qint64(1));
        }
        auto point = m_store->resumePoint(run);
        QVERIFY(!point);
        QCOMPARE(point.error().code, ErrorCode::BadFormat);
        const std::string &message = point.error().message;
        QVERIFY2(message.find(file) != std::string::npos, message.c_str());
        QVERIFY2(message.find(recorded) != std::string::npos, message.c_str());
        QVERIFY2(message.find("found sha256 ") != std::string::npos, message.c_str());

        QVERIFY(QFile::remove(QString::fromStdString(file)));
        auto gone = m_store->resumePoint(run);
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::BadFormat);
        QVERIFY2(gone.error().message.find(file) != std::string::npos, gone.error().message.c_str());
    }

    void failedRoundLeavesNoRowsAndNoFolder() {
        const int64_t run = newRun("pilot", 5);
        auto journal = m_store->journal(run);
        VERIFY_OK(journal->roundCompleted(makeRound(1)));
        auto bad = makeRound(2);
        bad.clients.push_back(clientRecord("beta", "beta-9", 2, 2)); // never registered with createRun
        auto failed = journal->roundCompleted(bad);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::InvalidArgument);
        const std::string &message = failed.error().message;
        QVERIFY2(message.find("round 2") != std::string::npos, message.c_str());
        QVERIFY2(message.find("beta-9") != std::string::npos, message.c_str());

        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM rounds"), std::string("1\n"));
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM client_rounds"), std::string("2\n"));
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM evaluations"), std::string("2\n"));
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM checkpoints"), std::string("1\n"));
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM events"), std::string("1\n"));
        QCOMPARE(sql(dbPath(), "SELECT completed_rounds FROM runs"), std::string("1\n"));
        const QString runDir = QString::fromStdString(dir() + "/artifacts/run-" + std::to_string(run));
        QCOMPARE(QDir(runDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("round-1")});
        auto ws = storage::Workspace::open(dbPath());
        VERIFY_OK(ws);
        QCOMPARE(ws->integrityCheck().value_or("failed"), std::string("ok"));

        VERIFY_OK(journal->roundCompleted(makeRound(2))); // the same round, corrected, goes through
        QCOMPARE(sql(dbPath(), "SELECT completed_rounds FROM runs"), std::string("2\n"));
    }

    // A checkpoint that cannot be written fails the round with a message naming the round and the path.
    void unwritableCheckpointFailsTheRound() {
        const int64_t run = newRun("pilot", 5);
        const std::string blocker = dir() + "/artifacts/run-" + std::to_string(run);
        {
            QFile f(QString::fromStdString(blocker)); // a file where the run's folder should go
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto failed = m_store->journal(run)->roundCompleted(makeRound(1));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Io);
        const std::string &message = failed.error().message;
        QVERIFY2(message.find("run " + std::to_string(run) + ": checkpoint round 1") != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find(blocker) != std::string::npos, message.c_str());
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM rounds"), std::string("0\n"));
    }

    // A folder a crashed attempt left for a round the database does not know is replaced.
    void staleRoundFolderIsReplaced() {
        const int64_t run = newRun("pilot", 5);
        const QString roundDir = QString::fromStdString(dir() + "/artifacts/run-" + std::to_string(run) + "/round-1");
        QVERIFY(QDir().mkpath(roundDir + QStringLiteral(".partial")));
        QVERIFY(QDir().mkpath(roundDir));
        {
            QFile f(roundDir + QStringLiteral("/adapter_model.safetensors"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("half-written garbage");
        }
        VERIFY_OK(m_store->journal(run)->roundCompleted(makeRound(1)));
        QVERIFY(!QDir(roundDir + QStringLiteral(".partial")).exists());
        auto point = m_store->resumePoint(run);
        VERIFY_OK(point);
        QVERIFY((*point)->globalAdapter.tensors == makeAdapter(1.f).tensors);
    }

    void outOfOrderRoundsAreRejected() {
        const int64_t run = newRun("pilot", 5);
        auto journal = m_store->journal(run);
        auto early = journal->roundCompleted(makeRound(2));
        QVERIFY(!early);
        QCOMPARE(early.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(early.error().message.find("expected round 1") != std::string::npos, early.error().message.c_str());
        VERIFY_OK(journal->roundCompleted(makeRound(1)));
        auto again = journal->roundCompleted(makeRound(1));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(sql(dbPath(), "SELECT round FROM rounds"), std::string("1\n"));
        QVERIFY(!QDir(QString::fromStdString(dir() + "/artifacts/run-1/round-2")).exists());

        VERIFY_OK(m_store->finishRun(run, storage::kRunCompleted, ""));
        auto finished = journal->roundCompleted(makeRound(2));
        QVERIFY(!finished);
        QCOMPARE(finished.error().code, ErrorCode::InvalidArgument);
    }

    void saveTrialReusesTheNameOrAddsASuffix() {
        const auto first = m_store->saveTrial(trialSpec("pilot", "{\"a\": 1}"));
        VERIFY_OK(first);
        QCOMPARE(m_store->saveTrial(trialSpec("pilot", "{\"a\": 1}")).value_or(-1), *first);
        const auto second = m_store->saveTrial(trialSpec("pilot", "{\"a\": 2}"));
        VERIFY_OK(second);
        QVERIFY(*second != *first);
        const auto third = m_store->saveTrial(trialSpec("pilot", "{\"a\": 3}"));
        VERIFY_OK(third);
        QCOMPARE(m_store->saveTrial(trialSpec("pilot", "{\"a\": 2}")).value_or(-1), *second);
        QCOMPARE(sql(dbPath(), "SELECT id, name, spec_json FROM trials ORDER BY id"),
                 std::to_string(*first) + "|pilot|{\"a\": 1}\n" + std::to_string(*second) + "|pilot (2)|{\"a\": 2}\n" +
                     std::to_string(*third) + "|pilot (3)|{\"a\": 3}\n");

        auto unnamed = m_store->saveTrial(trialSpec("", "{}"));
        QVERIFY(!unnamed);
        QCOMPARE(unnamed.error().code, ErrorCode::InvalidArgument);
    }

    void createRunValidates() {
        auto noTrial = m_store->createRun(42, "fedit", 3, 1, twoSites());
        QVERIFY(!noTrial);
        QCOMPARE(noTrial.error().code, ErrorCode::NotFound);
        const int64_t trial = m_store->saveTrial(trialSpec("pilot", "{}")).value_or(-1);
        auto sites = twoSites();
        sites.push_back(sites[0]);
        auto twice = m_store->createRun(trial, "fedit", 3, 1, sites);
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(twice.error().message.find("'alpha'") != std::string::npos, twice.error().message.c_str());
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM runs"), std::string("0\n"));
        auto run = m_store->createRun(trial, "fedit", 3, 1, twoSites());
        VERIFY_OK(run);
        QCOMPARE(sql(dbPath(), "SELECT status, pid FROM runs"), "running|" + std::to_string(getpid()) + "\n");
        QCOMPARE(m_store->storedTrial(*run).value_or(storage::StoredTrial{}).json, std::string("{}"));
        QCOMPARE(m_store->findRun("pilot", "fedit").value_or(-1), *run);
        QCOMPARE(m_store->findRun("pilot", "fedhds").error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->storedTrial(*run + 1).error().code, ErrorCode::NotFound);
    }

    void listRunsAggregates() {
        const int64_t first = newRun("pilot", 2);
        auto journal = m_store->journal(first);
        const auto round1 = makeRound(1), round2 = makeRound(2);
        VERIFY_OK(journal->roundCompleted(round1));
        VERIFY_OK(journal->roundCompleted(round2));
        VERIFY_OK(m_store->finishRun(first, storage::kRunCompleted, "all rounds done"));
        const int64_t second = newRun("pilot", 4); // no rounds yet

        auto runs = m_store->listRuns();
        VERIFY_OK(runs);
        QCOMPARE(runs->size(), size_t(2));
        const auto &fresh = (*runs)[0];
        QCOMPARE(fresh.id, second);
        QCOMPARE(fresh.status, std::string("running"));
        QCOMPARE(fresh.completedRounds, 0);
        QVERIFY(!fresh.lastRougeL.has_value());
        QCOMPARE(fresh.available, int64_t(0));
        QVERIFY(std::isnan(fresh.dataFraction()));

        const auto &done = (*runs)[1];
        QCOMPARE(done.id, first);
        QCOMPARE(done.trial, std::string("pilot"));
        QCOMPARE(done.status, std::string("completed"));
        QCOMPARE(done.message, std::string("all rounds done"));
        QVERIFY(!done.finishedAt.empty());
        QCOMPARE(done.plannedRounds, 2);
        QCOMPARE(done.completedRounds, 2);
        QVERIFY(done.lastRougeL.has_value());
        QCOMPARE(*done.lastRougeL, round2.evaluations[0].rougeL);
        int64_t available = 0, selected = 0, tokens = 0, down = 0, up = 0, selection = 0;
        double cost = 0;
        for (const auto *round : {&round1, &round2}) {
            for (const auto &c : round->clients) {
                available += c.available;
                selected += c.selected;
                tokens += c.trainingTokens;
                down += c.bytesDown;
                up += c.bytesUp;
                selection += c.selectionBytes;
                cost += c.cost;
            }
        }
        QCOMPARE(done.available, available);
        QCOMPARE(done.selected, selected);
        QCOMPARE(done.dataFraction(), double(selected) / double(available));
        QCOMPARE(done.trainingTokens, tokens);
        QCOMPARE(done.bytesDown, down);
        QCOMPARE(done.bytesUp, up);
        QCOMPARE(done.selectionBytes, selection);
        QVERIFY(std::abs(done.cost - cost) < 1e-12);
        QVERIFY(std::abs(done.seconds - (round1.seconds + round2.seconds)) < 1e-9);
    }

    void listRunsNamesEachStrategysMethod() {
        const std::string json = R"({"strategies": ["fedit", "fedhds",
            {"name": "paper", "method": "fedhds", "selection": {"centers": "tsne"}},
            {"name": "cheap", "method": "fedit"}]})";
        const int64_t trial = m_store->saveTrial(trialSpec("variants", json)).value_or(-1);
        const int64_t broken = m_store->saveTrial(trialSpec("broken", "{not json")).value_or(-1);
        std::map<std::string, std::string> expected = {
            {"fedit", "full"}, {"fedhds", "fedhds"}, {"paper", "fedhds"}, {"cheap", "full"}, {"renamed", ""}};
        for (const auto &[strategy, method] : expected) {
            VERIFY_OK(m_store->createRun(trial, strategy, 1, 1, twoSites()));
        }
        VERIFY_OK(m_store->createRun(broken, "random", 1, 1, twoSites())); // a plain name still is its method
        auto runs = m_store->listRuns();
        VERIFY_OK(runs);
        QCOMPARE(runs->size(), expected.size() + 1);
        for (const auto &run : *runs) {
            const std::string want = run.trialId == broken ? "random" : expected.at(run.strategy);
            QVERIFY2(run.method == want, (run.strategy + " -> " + run.method).c_str());
        }
    }

    void listTrialsGivesEachTrialWithItsRuns() {
        auto empty = m_store->listTrials();
        VERIFY_OK(empty);
        QVERIFY(empty->empty());

        auto withDir = trialSpec("pilot", "{\"name\": \"pilot\"}");
        withDir.baseDir = "/trials";
        const int64_t pilot = m_store->saveTrial(withDir).value_or(-1);
        const int64_t idle = m_store->saveTrial(trialSpec("idle", "{}")).value_or(-1);
        const int64_t first = m_store->createRun(pilot, "fedhds", 3, 1, twoSites()).value_or(-1);
        const int64_t second = m_store->createRun(pilot, "fedit", 3, 1, twoSites()).value_or(-1);
        QVERIFY(first > 0 && second > first);
        VERIFY_OK(m_store->journal(first)->roundCompleted(makeRound(1)));
        VERIFY_OK(m_store->finishRun(first, storage::kRunInterrupted, "stopped"));
        VERIFY_OK(m_store->finishRun(second, storage::kRunCompleted, ""));

        auto trials = m_store->listTrials();
        VERIFY_OK(trials);
        QCOMPARE(trials->size(), size_t(2));
        const auto &newest = (*trials)[0];
        QCOMPARE(newest.id, idle);
        QCOMPARE(newest.name, std::string("idle"));
        QVERIFY(newest.runs.empty());
        const auto &t = (*trials)[1];
        QCOMPARE(t.id, pilot);
        QCOMPARE(t.name, std::string("pilot"));
        QCOMPARE(t.source.json, std::string("{\"name\": \"pilot\"}"));
        QCOMPARE(t.source.baseDir, std::string("/trials"));
        QVERIFY2(t.createdAt.size() == 24 && t.createdAt.back() == 'Z', t.createdAt.c_str());
        QCOMPARE(t.runs.size(), size_t(2));
        QCOMPARE(t.runs[0].id, first);
        QCOMPARE(t.runs[0].strategy, std::string("fedhds"));
        QCOMPARE(t.runs[0].status, std::string("interrupted"));
        QCOMPARE(t.runs[0].completedRounds, 1);
        QCOMPARE(t.runs[0].plannedRounds, 3);
        QCOMPARE(t.runs[1].id, second);
        QCOMPARE(t.runs[1].strategy, std::string("fedit"));
        QCOMPARE(t.runs[1].status, std::string("completed"));
        QCOMPARE(t.runs[1].completedRounds, 0);

        // A run left 'running' by a dead process reads as interrupted here too.
        const int64_t third = m_store->createRun(pilot, "random", 2, 1, twoSites()).value_or(-1);
        QCOMPARE(sql(dbPath(), "UPDATE runs SET pid = 999999999 WHERE id = " + std::to_string(third)), std::string());
        QCOMPARE(m_store->listTrials()->at(1).runs.at(2).status, std::string("interrupted"));
    }

    void concurrentOpensOfANewWorkspaceAllSucceed() {
        // The console opens a new workspace from two threads at once (listing trials, importing one).
        for (int attempt = 0; attempt < 5; ++attempt) {
            const std::string fresh = m_tmp->filePath(QStringLiteral("fresh-%1").arg(attempt)).toStdString();
            std::vector<std::string> errors(4);
            std::vector<std::thread> threads;
            for (size_t t = 0; t < errors.size(); ++t) {
                threads.emplace_back([&, t] {
                    auto store = RunStore::open(fresh);
                    errors[t] = store ? std::string() : store.error().message;
                });
            }
            for (auto &thread : threads) {
                thread.join();
            }
            for (const auto &e : errors) {
                QVERIFY2(e.empty(), e.c_str());
            }
        }
    }

    void exportsCsv() {
        const int64_t run = newRun("pilot, \"north\"", 2);
        auto journal = m_store->journal(run);
        const auto round1 = makeRound(1);
        VERIFY_OK(journal->roundCompleted(round1));
        auto round2 = makeRound(2);
        round2.evaluations.clear(); // not evaluated this round
        VERIFY_OK(journal->roundCompleted(round2));

        std::ostringstream rounds;
        VERIFY_OK(m_store->exportCsv(run, rounds, storage::CsvKind::Rounds));
        const std::string trialField = "\"pilot, \"\"north\"\"\"";
        const auto &a = round1.clients[0], &b = round1.clients[1];
        const int64_t available = a.available + b.available, selected = a.selected + b.selected;
        char fraction[32], cost[32];
        std::snprintf(fraction, sizeof fraction, "%.17g", double(selected) / double(available));
        std::snprintf(cost, sizeof cost, "%.17g", 0.0 + a.cost + b.cost);
        const std::string expectedRound1 =
            std::to_string(run) + "," + trialField + ",fedhds,1,2," + std::to_string(available) + "," +
            std::to_string(selected) + "," + fraction + "," + std::to_string(a.trainingTokens + b.trainingTokens) +
            "," + std::to_string(a.bytesDown + b.bytesDown) + "," + std::to_string(a.bytesUp + b.bytesUp) + "," +
            std::to_string(a.selectionBytes + b.selectionBytes) + ",60.500999999999998," + cost +
            ",0.375,1.8999999999999999,10.75"; // eval_seconds: 9.5 central + 1.25 federated
        const std::string text = rounds.str();
        const std::string header =
            "run,trial,strategy,round,clients,available,selected,data_fraction,training_tokens,"
            "bytes_down,bytes_up,selection_bytes,seconds,cost,rouge_l,eval_loss,eval_seconds\r\n";
        QCOMPARE(text.substr(0, header.size()), header);
        const auto lines = QString::fromStdString(text).split(QStringLiteral("\r\n"));
        QCOMPARE(lines.size(), 4); // header, two rounds, the empty rest after the last CRLF
        QVERIFY2(lines[1].toStdString() == expectedRound1, qPrintable(lines[1]));
        QVERIFY2(lines[2].endsWith(QStringLiteral(",,,")), qPrintable(lines[2])); // round 2: no evaluation

        std::ostringstream clients;
        VERIFY_OK(m_store->exportCsv(0, clients, storage::CsvKind::Clients));
        const auto clientLines = QString::fromStdString(clients.str()).split(QStringLiteral("\r\n"));
        QCOMPARE(clientLines.size(), 6);
        QCOMPARE(clientLines[0], QStringLiteral("run,trial,strategy,round,site,client,available,selected,groups,"
                                                "training_tokens,steps,skipped_steps,train_loss,feature_seconds,"
                                                "selection_seconds,training_seconds,bytes_down,bytes_up,"
                                                "selection_bytes,cost,status"));
        const std::string expectedClient =
            std::to_string(run) + "," + trialField +
            ",fedhds,1,beta,beta-0,101,11,4,12345678902,41,1,1.3333333333333333,"
            "0.10000000000000001,1.0000000010000001,123.456789012345,5000000001,2001,301,"
            "0.30000000000000004,\"skipped: no samples, \"\"empty\"\"\"";
        QVERIFY2(clientLines[2].toStdString() == expectedClient, qPrintable(clientLines[2]));
        QVERIFY2(clientLines[4].contains(QStringLiteral(",42,1,,")), qPrintable(clientLines[4])); // NaN loss: empty

        std::ostringstream none;
        auto missing = m_store->exportCsv(run + 7, none, storage::CsvKind::Rounds);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    // Schema v3's CHECK on runs.status has no 'paused': a paused run is stored as interrupted with a message that
    // says so, reported as paused everywhere, resumable, and running again once resumed.
    void pausedRunIsStoredAsInterruptedAndReadAsPaused() {
        const int64_t pilot = m_store->saveTrial(trialSpec("pilot", "{}")).value_or(-1);
        const int64_t run = m_store->createRun(pilot, "fedhds", 3, 1, twoSites()).value_or(-1);
        VERIFY_OK(m_store->journal(run)->roundCompleted(makeRound(1)));
        VERIFY_OK(m_store->finishRun(run, storage::kRunPaused, "after round 1"));
        QCOMPARE(sql(dbPath(), "SELECT status, message, pid FROM runs"),
                 std::string("interrupted|paused: after round 1|NULL\n"));
        QCOMPARE(m_store->listRuns()->front().status, std::string("paused"));
        QCOMPARE(m_store->runDetail(run)->summary.status, std::string("paused"));
        QCOMPARE(m_store->listTrials()->front().runs.front().status, std::string("paused"));
        QVERIFY(storage::isResumable(storage::kRunPaused, std::nullopt));

        VERIFY_OK(m_store->markRunning(run));
        QCOMPARE(m_store->listRuns()->front().status, std::string("running"));
        VERIFY_OK(m_store->finishRun(run, storage::kRunPaused, "paused after round 2")); // not prefixed twice
        QCOMPARE(sql(dbPath(), "SELECT message FROM runs"), std::string("paused after round 2\n"));
        // An interrupted run whose message merely mentions pausing is not paused.
        VERIFY_OK(m_store->finishRun(run, storage::kRunInterrupted, "cancelled before round 3 (was paused)"));
        QCOMPARE(m_store->listRuns()->front().status, std::string("interrupted"));
    }

    void deadProcessReadsAsInterrupted() {
        const int64_t run = newRun("pilot", 3);
        const pid_t child = fork();
        if (child == 0) {
            _exit(0);
        }
        QVERIFY(child > 0);
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QCOMPARE(sql(dbPath(), "UPDATE runs SET pid = " + std::to_string(child)), std::string());

        auto runs = m_store->listRuns();
        VERIFY_OK(runs);
        QCOMPARE(runs->front().status, std::string("interrupted"));
        QCOMPARE(m_store->runDetail(run)->summary.status, std::string("interrupted"));

        // A run whose process is alive (here: this test's parent) is not taken over. pid_start NULL: a row
        // written before schema v3 recorded the holder's start time.
        QCOMPARE(
            sql(dbPath(), "UPDATE runs SET status = 'running', pid_start = NULL, pid = " + std::to_string(getppid())),
            std::string());
        auto busy = m_store->markRunning(run);
        QVERIFY(!busy);
        QCOMPARE(busy.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(busy.error().message.find(std::to_string(getppid())) != std::string::npos,
                 busy.error().message.c_str());
        QCOMPARE(sql(dbPath(), "UPDATE runs SET pid = " + std::to_string(child)), std::string());

        VERIFY_OK(m_store->markRunning(run)); // resume in this process
        QCOMPARE(sql(dbPath(), "SELECT status, pid FROM runs"), "running|" + std::to_string(getpid()) + "\n");
        QCOMPARE(m_store->listRuns()->front().status, std::string("running"));
        VERIFY_OK(m_store->journal(run)->roundCompleted(makeRound(1)));

        VERIFY_OK(m_store->finishRun(run, storage::kRunFailed, "out of memory"));
        QCOMPARE(m_store->listRuns()->front().status, std::string("failed"));
        auto bogus = m_store->finishRun(run, "stopped", "");
        QVERIFY(!bogus);
        QCOMPARE(bogus.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(m_store->finishRun(run + 1, storage::kRunFailed, "").error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->markRunning(run + 1).error().code, ErrorCode::NotFound);
    }

private:
    std::string dir() const { return m_tmp->filePath(QStringLiteral("ws")).toStdString(); }
    std::string dbPath() const { return dir() + "/workspace.sqlite"; }

    int64_t newRun(const std::string &trialName, int plannedRounds) {
        auto trial = m_store->saveTrial(trialSpec(trialName, "{\"name\": \"" + trialName + "\"}"));
        if (!trial) {
            qWarning("%s", trial.error().message.c_str());
            return -1;
        }
        auto run = m_store->createRun(*trial, "fedhds", plannedRounds, 0xFEDCBA9876543210ULL, twoSites());
        if (!run) {
            qWarning("%s", run.error().message.c_str());
            return -1;
        }
        return *run;
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RunStore> m_store;
};

QTEST_APPLESS_MAIN(TestRunStore)
#include "TestRunStore.moc"
