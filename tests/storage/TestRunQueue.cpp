// The run queue and run holders: a trial's runs queued up front, held by the process that runs them, refused to
// every other live process, and free for resume once their holder is gone (killed, or a reused pid).
#include "fedpilot/storage/RunStore.h"

#include <QTemporaryDir>
#include <QTest>

#include "support/SqlRows.h"

#include <sqlite3.h>

#include <memory>

#include <unistd.h>

using namespace fp;
using fp::storage::RunStore;
using fp::storage::SiteClients;

namespace {

std::vector<SiteClients> oneSite() {
    return {SiteClients{"alpha", "", engine::CostModel{1.5, 0.25}, {{"alpha-0", 100}, {"alpha-1", 50}}}};
}

engine::TrialSpec trialSpec(const std::string &name) {
    engine::TrialSpec trial;
    trial.name = name;
    trial.sourceJson = "{\"name\": \"" + name + "\"}";
    return trial;
}

// Raw SQL against the workspace, as another process would write it.
std::string sql(const std::string &dbPath, const std::string &text) { return test::sqlRowsAt(dbPath, text); }

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOkResult = (expr);                                                                           \
        QVERIFY2(verifyOkResult.has_value(), verifyOkResult ? "" : verifyOkResult.error().message.c_str());            \
    } while (false)

#define VERIFY_CONTAINS(text, needle)                                                                                  \
    QVERIFY2(std::string(text).find(needle) != std::string::npos, (std::string(text) + " lacks " + (needle)).c_str())

} // namespace

class TestRunQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        auto store = RunStore::open(dir());
        VERIFY_OK(store);
        m_store = std::make_unique<RunStore>(std::move(*store));
        auto trial = m_store->saveTrial(trialSpec("pilot"));
        VERIFY_OK(trial);
        m_trial = *trial;
    }

    void queuedRunsAreHeldByTheirProcessUntilReleased() {
        auto ids = m_store->queueRuns(m_trial, {"fedhds", "fedit", "random"}, 4, 9, oneSite());
        VERIFY_OK(ids);
        QCOMPARE(ids->size(), size_t(3));
        const std::string me = std::to_string(getpid());
        QCOMPARE(sql(dbPath(), "SELECT strategy, status, completed_rounds, pid FROM runs ORDER BY id"),
                 "fedhds|queued|0|" + me + "\nfedit|queued|0|" + me + "\nrandom|queued|0|" + me + "\n");
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM sites s JOIN clients c ON c.site_id = s.id"), std::string("6\n"));

        auto trials = m_store->listTrials();
        VERIFY_OK(trials);
        for (const auto &run : trials->front().runs) {
            QCOMPARE(run.status, std::string(storage::kRunQueued));
            QVERIFY(run.owner && run.owner->pid == getpid());
            QVERIFY(!storage::isResumable(run.status, run.owner)); // this live process will run it
        }
        QCOMPARE(m_store->heldRuns().value_or(std::vector<storage::RunSummary>{}).size(), size_t(3));

        VERIFY_OK(m_store->markRunning((*ids)[0]));
        VERIFY_OK(m_store->releaseQueuedRuns(*ids)); // only the queued ones are let go
        QCOMPARE(sql(dbPath(), "SELECT status, pid IS NULL FROM runs ORDER BY id"),
                 std::string("running|0\nqueued|1\nqueued|1\n"));
        auto runs = m_store->listRuns();
        VERIFY_OK(runs);
        QCOMPARE(runs->size(), size_t(3));
        QVERIFY(storage::isResumable(runs->front().status, runs->front().owner));
        QVERIFY(!storage::isResumable(runs->back().status, runs->back().owner));
    }

    void anotherLiveHolderIsRefusedWithItsProcess() {
        auto ids = m_store->queueRuns(m_trial, {"fedhds", "fedit"}, 4, 9, oneSite());
        VERIFY_OK(ids);
        // Another live process (this test's parent) holds the trial: run 1 running, run 2 queued behind it.
        const std::string parent = std::to_string(getppid());
        QCOMPARE(sql(dbPath(), "UPDATE runs SET pid_start = NULL, pid = " + parent), std::string());
        QCOMPARE(sql(dbPath(), "UPDATE runs SET status = 'running' WHERE id = " + std::to_string((*ids)[0])),
                 std::string());

        auto running = m_store->markRunning((*ids)[0]);
        QVERIFY(!running);
        QCOMPARE(running.error().code, ErrorCode::InvalidArgument);
        VERIFY_CONTAINS(running.error().message, "run " + std::to_string((*ids)[0]) + " (fedhds of trial 'pilot')");
        VERIFY_CONTAINS(running.error().message, "is running in process " + parent);
        auto queued = m_store->markRunning((*ids)[1]);
        QVERIFY(!queued);
        VERIFY_CONTAINS(queued.error().message, "is queued in process " + parent);
        auto again = m_store->queueRuns(m_trial, {"fedhds"}, 4, 9, oneSite());
        QVERIFY(!again);
        VERIFY_CONTAINS(again.error().message, "trial 'pilot' is already being run");
        VERIFY_CONTAINS(again.error().message, "process " + parent);
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM runs"), std::string("2\n")); // nothing half-queued

        auto other = m_store->saveTrial(trialSpec("other"));
        VERIFY_OK(other);
        VERIFY_OK(m_store->queueRuns(*other, {"fedit"}, 4, 9, oneSite())); // another trial may be queued
    }

    // A pid alive on this host that started at another time is a new process that reused the number: the run's
    // holder is gone, its running run reads as interrupted and its queued run is free.
    void aReusedPidIsNotTheHolder() {
        auto ids = m_store->queueRuns(m_trial, {"fedhds", "fedit"}, 4, 9, oneSite());
        VERIFY_OK(ids);
        QCOMPARE(sql(dbPath(), "UPDATE runs SET pid_start = 1, pid = " + std::to_string(getppid())), std::string());
        QCOMPARE(sql(dbPath(), "UPDATE runs SET status = 'running' WHERE id = " + std::to_string((*ids)[0])),
                 std::string());
        auto runs = m_store->listRuns();
        VERIFY_OK(runs);
        QCOMPARE(runs->back().status, std::string(storage::kRunInterrupted));
        QCOMPARE(runs->front().status, std::string(storage::kRunQueued));
        QVERIFY(!runs->front().owner);
        QVERIFY(storage::isResumable(runs->front().status, runs->front().owner));
        QVERIFY(m_store->heldRuns().value_or(std::vector<storage::RunSummary>{{}}).empty());
        VERIFY_OK(m_store->markRunning((*ids)[0]));
        VERIFY_OK(m_store->markRunning((*ids)[1]));
    }

    void aQueuedRunStartsWhenTakenAndACompletedOneIsRefused() {
        auto ids = m_store->queueRuns(m_trial, {"fedhds"}, 4, 9, oneSite());
        VERIFY_OK(ids);
        QCOMPARE(sql(dbPath(), "UPDATE runs SET started_at = '2000-01-01T00:00:00.000Z'"), std::string());
        VERIFY_OK(m_store->markRunning(ids->front()));
        QCOMPARE(sql(dbPath(), "SELECT status, started_at > '2000-01-01T00:00:00.000Z' FROM runs"),
                 std::string("running|1\n"));
        VERIFY_OK(m_store->finishRun(ids->front(), storage::kRunCompleted, ""));
        auto done = m_store->markRunning(ids->front());
        QVERIFY(!done);
        VERIFY_CONTAINS(done.error().message, "is already completed");
        QCOMPARE(sql(dbPath(), "SELECT status, pid FROM runs"), std::string("completed|NULL\n"));
    }

    void queueRunsValidates() {
        QCOMPARE(m_store->queueRuns(m_trial + 5, {"fedit"}, 4, 9, oneSite()).error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->queueRuns(m_trial, {"fedit", ""}, 4, 9, oneSite()).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(m_store->queueRuns(m_trial, {"fedit"}, -1, 9, oneSite()).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(sql(dbPath(), "SELECT count(*) FROM runs"), std::string("0\n"));
    }

private:
    std::string dir() const { return m_tmp->filePath(QStringLiteral("ws")).toStdString(); }
    std::string dbPath() const { return dir() + "/workspace.sqlite"; }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RunStore> m_store;
    int64_t m_trial = 0;
};

QTEST_APPLESS_MAIN(TestRunQueue)
#include "TestRunQueue.moc"
