// The Trials page: the workspace's trials and runs through a model that passes Qt's checks, importing trial files
// (errors shown in the window), starting every strategy of a trial on the run thread with progress every round,
// cancelling (the run is interrupted) and resuming it to the end.
#include "RunnerTrialExecutor.h"

#include "models/RunsTableModel.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceTrials.h"
#include "pages/TrialsPage.h"
#include "run/RunController.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/ui/MainWindow.h"

#include "support/SharedData.h"
#include "support/TinyTrial.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace fp;
using M = ui::TrialsModel;

namespace {

QString trialJson(const QString &shared, int rounds, const QString &strategies) {
    return test::tinyTrialJson(shared, QStringLiteral("ui trial"), rounds, strategies);
}

using test::writeText;

// The page's run rows: "strategy status rounds" for every run of the first trial.
QStringList runRows(const M *model) {
    QStringList rows;
    const QModelIndex trial = model->index(0, 0);
    for (int r = 0; r < model->rowCount(trial); ++r) {
        rows << QStringLiteral("%1 %2 %3")
                    .arg(model->index(r, M::Strategy, trial).data().toString(),
                         model->index(r, M::Name, trial).data(M::StatusRole).toString(),
                         model->index(r, M::Rounds, trial).data().toString());
    }
    return rows;
}

template <typename T> T *child(QWidget *parent, const char *name) {
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestTrialsPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The window remembers its state with QSettings: keep the tests' own apart from the user's.
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void modelListsTrialsWithTheirRuns() {
        QTemporaryDir dir;
        const std::string ws = dir.path().toStdString();
        auto store = storage::RunStore::open(ws);
        QVERIFY(store);
        engine::TrialSpec spec;
        spec.name = "pilot";
        spec.sourceJson = "{}";
        const int64_t pilot = store->saveTrial(spec).value_or(-1);
        spec.name = "empty";
        QVERIFY(store->saveTrial(spec));
        const storage::SiteClients site{"tokyo", "", {}, {{"a", 8}}};
        const int64_t first = store->createRun(pilot, "fedhds", 3, 1, {site}).value_or(-1);
        QVERIFY(store->finishRun(first, storage::kRunInterrupted, "stopped"));

        ui::WorkspaceTrials trials;
        QAbstractItemModelTester tester(trials.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&trials, &ui::WorkspaceTrials::loaded);
        trials.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        auto *model = trials.model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, M::Name).data().toString(), QStringLiteral("empty")); // newest first
        QCOMPARE(model->rowCount(model->index(0, 0)), 0);
        const QModelIndex trial = model->index(1, 0);
        QCOMPARE(trial.data().toString(), QStringLiteral("pilot"));
        QCOMPARE(model->index(1, M::Strategy).data().toString(), QStringLiteral("1 run(s)"));
        QCOMPARE(model->rowCount(trial), 1);
        QCOMPARE(model->rowCount(model->index(1, M::Status)), 0); // runs hang under column 0 only
        const QModelIndex run = model->index(0, M::Status, trial);
        QCOMPARE(run.parent(), trial);
        QCOMPARE(run.data().toString(), QStringLiteral("interrupted"));
        QCOMPARE(run.data(M::RunIdRole).toLongLong(), first);
        QCOMPARE(run.data(M::TrialIdRole).toLongLong(), pilot);
        QCOMPARE(model->index(0, M::Rounds, trial).data().toString(), QStringLiteral("0/3"));
        QCOMPARE(model->indexOf(pilot, first), model->index(0, 0, trial));

        // Same shape, new values: dataChanged (the tester checks it); a new run: a reset.
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        QVERIFY(store->markRunning(first));
        QVERIFY(store->finishRun(first, storage::kRunCompleted, ""));
        trials.refresh();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model->index(0, M::Status, model->index(1, 0)).data().toString(), QStringLiteral("completed"));
        QVERIFY(store->createRun(pilot, "fedit", 3, 1, {site}));
        trials.refresh();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model->rowCount(model->index(1, 0)), 2);
    }

    // A trial's runs are queued before the first starts: both pages list them with a translated status, and the
    // Trials page offers to resume them once nobody holds them.
    void queuedRunsShowATranslatedStatus() {
        QTemporaryDir dir;
        auto store = storage::RunStore::open(dir.path().toStdString());
        QVERIFY(store);
        engine::TrialSpec spec;
        spec.name = "pilot";
        spec.sourceJson = "{}";
        const int64_t pilot = store->saveTrial(spec).value_or(-1);
        auto queued = store->queueRuns(pilot, {"fedhds", "full"}, 3, 1, {{"tokyo", "", {}, {{"a", 8}}}});
        QVERIFY(queued);
        QVERIFY(store->releaseQueuedRuns(*queued));

        ui::WorkspaceTrials trials;
        QSignalSpy loaded(&trials, &ui::WorkspaceTrials::loaded);
        trials.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        auto *model = trials.model();
        QCOMPARE(runRows(model), QStringList({QStringLiteral("fedhds queued 0/3"), QStringLiteral("full queued 0/3")}));
        const QModelIndex status = model->index(0, M::Status, model->index(0, 0));
        QCOMPARE(status.data().toString(), QStringLiteral("queued"));
        ui::RunsTableModel runs;
        runs.setRuns(store->listRuns().value_or(std::vector<storage::RunSummary>{}));
        QCOMPARE(runs.index(0, ui::RunsTableModel::Status).data().toString(), QStringLiteral("queued"));

        QTranslator japanese;
        QVERIFY(japanese.load(QLocale(QLocale::Japanese, QLocale::Japan), QStringLiteral("fedpilot"),
                              QStringLiteral("_"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&japanese));
        const QString trialsText = status.data().toString();
        const QString runsText = runs.index(1, ui::RunsTableModel::Status).data().toString();
        QCoreApplication::removeTranslator(&japanese);
        QCOMPARE(trialsText, QStringLiteral("待機中"));
        QCOMPARE(runsText, QStringLiteral("待機中"));

        ui::TrialsPage page(&trials, std::make_shared<app::RunnerTrialExecutor>(1));
        child<QTreeView>(&page, "trials.table")->setCurrentIndex(model->index(0, 0));
        QTRY_VERIFY(child<QPushButton>(&page, "trials.resume")->isEnabled());
    }

    // The console starts no trial while a live process (here this one, as the CLI would) holds a run of the
    // workspace; the refusal names the trial, the run and the process.
    void consoleRunsOneTrialAtATimePerWorkspace() {
        QTemporaryDir dir;
        auto store = storage::RunStore::open(dir.path().toStdString());
        QVERIFY(store);
        engine::TrialSpec spec;
        spec.name = "pilot";
        spec.sourceJson = "{}";
        const int64_t pilot = store->saveTrial(spec).value_or(-1);
        QVERIFY(store->queueRuns(pilot, {"fedhds"}, 3, 1, {}));
        spec.name = "other";
        app::RunnerTrialExecutor executor(1);
        auto refused = executor.runTrial(dir.path().toStdString(), spec,
                                         {engine::plainStrategy(spec, engine::SelectionStrategy::Random)}, {});
        QVERIFY(!refused);
        const QString message = QString::fromStdString(refused.error().message);
        QVERIFY2(message.contains(QStringLiteral("trial 'pilot' is running (run 1, fedhds, in process %1 on host ")
                                      .arg(QCoreApplication::applicationPid())) &&
                     message.contains(QStringLiteral("one trial runs at a time")),
                 qPrintable(message));
        QCOMPARE(store->listRuns().value_or(std::vector<storage::RunSummary>{}).size(), size_t(1));
    }

    void emptyWorkspaceSaysWhatToDo() {
        QTemporaryDir dir;
        ui::WorkspaceTrials trials;
        ui::TrialsPage page(&trials, nullptr);
        QSignalSpy loaded(&trials, &ui::WorkspaceTrials::loaded);
        QVERIFY(storage::RunStore::open(dir.path().toStdString())); // reading never creates a workspace
        trials.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        auto *empty = child<QLabel>(&page, "emptyState");
        QVERIFY(empty && !empty->isHidden());
        QVERIFY2(empty->text().contains(QStringLiteral("Import a trial file")), qPrintable(empty->text()));
        QVERIFY(child<QTreeView>(&page, "trials.table")->isHidden());
        QVERIFY(!child<QPushButton>(&page, "trials.start")->isEnabled());
        QVERIFY(child<QPushButton>(&page, "trials.import")->isEnabled());
    }

    void importErrorsNameTheField() {
        QTemporaryDir dir;
        ui::WorkspaceTrials trials;
        ui::TrialsPage page(&trials, nullptr);
        QVERIFY(storage::RunStore::open(dir.path().toStdString())); // reading never creates a workspace
        trials.setWorkspace(dir.path());
        QSignalSpy failed(&trials, &ui::WorkspaceTrials::importFailed);
        const QString bad =
            writeText(dir.filePath(QStringLiteral("bad.json")), trialJson(dir.path(), 0, QStringLiteral("\"fedhds\"")));
        page.importTrialFile(bad);
        QVERIFY(failed.wait(10000));
        auto *error = child<QLabel>(&page, "trials.error");
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("schedule.rounds")), qPrintable(error->text()));
        QVERIFY2(error->text().contains(QStringLiteral("bad.json")), qPrintable(error->text()));
        page.importTrialFile(dir.filePath(QStringLiteral("missing.json")));
        QVERIFY(failed.wait(10000));
        QVERIFY2(error->text().contains(QStringLiteral("missing.json")), qPrintable(error->text()));
        QCOMPARE(trials.model()->rowCount(), 0);
    }

    void startRunsEveryStrategyAndReportsEachRound() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const QString shared = QString::fromStdString(*test::sharedDir());
        QTemporaryDir dir;
        const QString file = writeText(dir.filePath(QStringLiteral("trial.json")),
                                       trialJson(shared, 2, QStringLiteral("\"fedhds\", \"fedit\"")));
        ui::MainWindow window(std::make_shared<app::RunnerTrialExecutor>(1));
        QVERIFY(window.newWorkspace(dir.filePath(QStringLiteral("ws"))));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *page = window.findChild<ui::TrialsPage *>(QStringLiteral("page.trials"));
        QVERIFY(page);
        auto *table = child<QTreeView>(page, "trials.table");
        auto *model = qobject_cast<M *>(table->model());
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        page->importTrialFile(file);
        QTRY_VERIFY2_WITH_TIMEOUT(model->rowCount() == 1, qPrintable(child<QLabel>(page, "trials.error")->text()),
                                  10000);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("ui trial"));
        QTRY_VERIFY(table->currentIndex().isValid());

        // Progress as the GUI thread receives it (queued from the run thread).
        QSet<QString> progressRounds, committed;
        auto *controller = page->runController();
        connect(controller, &ui::RunController::progressed, this,
                [&](qint64 run, int round, int rounds, const QString &, int, int) {
                    QCOMPARE(rounds, 2);
                    progressRounds << QStringLiteral("%1:%2").arg(run).arg(round);
                });
        connect(controller, &ui::RunController::roundCommitted, this,
                [&](qint64 run, int round) { committed << QStringLiteral("%1:%2").arg(run).arg(round); });
        QSignalSpy finished(controller, &ui::RunController::finished);
        auto *start = child<QPushButton>(page, "trials.start");
        QVERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY2(page->isRunning(), qPrintable(child<QLabel>(page, "trials.error")->text()));
        QVERIFY(!start->isEnabled());
        QVERIFY(child<QPushButton>(page, "trials.cancel")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!child<QProgressBar>(page, "trials.progress")->isHidden(), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isRunning(), 300000);
        QCOMPARE(finished.count(), 1);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));

        QTRY_COMPARE_WITH_TIMEOUT(
            runRows(model), QStringList({QStringLiteral("fedhds completed 2/2"), QStringLiteral("full completed 2/2")}),
            10000);
        const QModelIndex trial = model->index(0, 0);
        const qint64 a = model->index(0, 0, trial).data(M::RunIdRole).toLongLong();
        const qint64 b = model->index(1, 0, trial).data(M::RunIdRole).toLongLong();
        const QSet<QString> everyRound = {QStringLiteral("%1:1").arg(a), QStringLiteral("%1:2").arg(a),
                                          QStringLiteral("%1:1").arg(b), QStringLiteral("%1:2").arg(b)};
        QCOMPARE(progressRounds, everyRound);
        QCOMPARE(committed, everyRound);
        QCOMPARE(model->index(0, M::Status, trial).data().toString(), QStringLiteral("completed"));
        auto *runStatus = child<QLabel>(page, "trials.runStatus");
        QVERIFY2(runStatus->text().contains(QStringLiteral("every run completed")), qPrintable(runStatus->text()));
        QVERIFY(child<QProgressBar>(page, "trials.progress")->isHidden());
        // The Runs page followed (it reloads when a round commits and when a run ends).
        auto *runsTable = window.findChild<QTableView *>(QStringLiteral("runs.table"));
        QTRY_COMPARE_WITH_TIMEOUT(runsTable->model()->rowCount(), 2, 10000);
    }

    void cancelInterruptsAndResumeCompletes() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const QString shared = QString::fromStdString(*test::sharedDir());
        QTemporaryDir dir;
        const QString file =
            writeText(dir.filePath(QStringLiteral("trial.json")), trialJson(shared, 3, QStringLiteral("\"fedhds\"")));
        ui::WorkspaceTrials trials;
        ui::TrialsPage page(&trials, std::make_shared<app::RunnerTrialExecutor>(1));
        QVERIFY(storage::RunStore::open(dir.filePath(QStringLiteral("ws")).toStdString()));
        trials.setWorkspace(dir.filePath(QStringLiteral("ws")));
        page.importTrialFile(file);
        auto *model = trials.model();
        QTRY_VERIFY2_WITH_TIMEOUT(model->rowCount() == 1, qPrintable(child<QLabel>(&page, "trials.error")->text()),
                                  10000);
        auto *table = child<QTreeView>(&page, "trials.table");
        QTRY_VERIFY(table->currentIndex().isValid());

        // Cancel right after round 1 is committed, on the run thread, as the Cancel button does (a deterministic
        // moment: cancellation is checked between client calls).
        auto *controller = page.runController();
        connect(
            controller, &ui::RunController::roundCommitted, controller,
            [controller](qint64, int round) {
                if (round == 1) {
                    controller->cancel();
                }
            },
            Qt::DirectConnection);
        QSignalSpy finished(controller, &ui::RunController::finished);
        QTest::mouseClick(child<QPushButton>(&page, "trials.start"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 300000);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(1).toBool(), true); // cancelled
        QTRY_COMPARE_WITH_TIMEOUT(runRows(model), QStringList{QStringLiteral("fedhds interrupted 1/3")}, 10000);
        QVERIFY2(child<QLabel>(&page, "trials.runStatus")->text().contains(QStringLiteral("interrupted")),
                 qPrintable(child<QLabel>(&page, "trials.runStatus")->text()));
        QVERIFY(child<QLabel>(&page, "trials.error")->isHidden());

        // Resume the interrupted run from the table.
        QObject::disconnect(controller, &ui::RunController::roundCommitted, controller, nullptr);
        table->setCurrentIndex(model->index(0, 0, model->index(0, 0)));
        auto *resume = child<QPushButton>(&page, "trials.resume");
        QVERIFY(resume->isEnabled());
        QSet<int> resumedRounds;
        connect(controller, &ui::RunController::roundCommitted, this,
                [&](qint64, int round) { resumedRounds << round; });
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(page.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 300000);
        QCOMPARE(finished.count(), 2);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(2).toString()));
        QCOMPARE(resumedRounds, QSet<int>({2, 3}));
        QTRY_COMPARE_WITH_TIMEOUT(runRows(model), QStringList{QStringLiteral("fedhds completed 3/3")}, 10000);
        QVERIFY(!resume->isEnabled());
    }

    // Pause is asked for while round 1 runs (on the run thread, as the Pause button does; a deterministic moment):
    // round 1 is finished and recorded, the run is recorded as paused, FedIT stays queued; Resume on the trial
    // continues with round 2 and then runs FedIT.
    void pauseStopsAfterTheRoundAndResumeCompletes() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const QString shared = QString::fromStdString(*test::sharedDir());
        QTemporaryDir dir;
        const QString file = writeText(dir.filePath(QStringLiteral("trial.json")),
                                       trialJson(shared, 3, QStringLiteral("\"fedhds\", \"fedit\"")));
        ui::WorkspaceTrials trials;
        ui::TrialsPage page(&trials, std::make_shared<app::RunnerTrialExecutor>(1));
        QVERIFY(storage::RunStore::open(dir.filePath(QStringLiteral("ws")).toStdString()));
        trials.setWorkspace(dir.filePath(QStringLiteral("ws")));
        page.importTrialFile(file);
        auto *model = trials.model();
        QTRY_VERIFY2_WITH_TIMEOUT(model->rowCount() == 1, qPrintable(child<QLabel>(&page, "trials.error")->text()),
                                  10000);
        auto *table = child<QTreeView>(&page, "trials.table");
        QTRY_VERIFY(table->currentIndex().isValid());
        auto *pause = child<QPushButton>(&page, "trials.pause");
        QVERIFY(!pause->isEnabled());
        QVERIFY(!page.pauseAction()->isEnabled());

        auto *controller = page.runController();
        connect(
            controller, &ui::RunController::progressed, controller,
            [controller](qint64, int round, int, const QString &phase) {
                if (round == 1 && phase == QLatin1String("training")) {
                    controller->pauseAfterRound();
                }
            },
            Qt::DirectConnection);
        QList<int> committed;
        connect(controller, &ui::RunController::roundCommitted, this, [&](qint64, int round) { committed << round; });
        QSignalSpy finished(controller, &ui::RunController::finished);
        QTest::mouseClick(child<QPushButton>(&page, "trials.start"), Qt::LeftButton);
        QVERIFY(pause->isEnabled());
        QVERIFY(page.pauseAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 300000);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(finished.first().at(1).toBool(), false); // not cancelled
        QCOMPARE(finished.first().at(3).toBool(), true);  // paused
        QCOMPARE(committed, QList<int>{1});
        QTRY_COMPARE_WITH_TIMEOUT(runRows(model),
                                  QStringList({QStringLiteral("fedhds paused 1/3"), QStringLiteral("full queued 0/3")}),
                                  10000);
        QVERIFY2(child<QLabel>(&page, "trials.runStatus")->text().startsWith(QStringLiteral("Paused")),
                 qPrintable(child<QLabel>(&page, "trials.runStatus")->text()));
        QVERIFY(child<QLabel>(&page, "trials.error")->isHidden());
        QVERIFY(!pause->isEnabled());

        QObject::disconnect(controller, &ui::RunController::progressed, controller, nullptr);
        committed.clear();
        table->setCurrentIndex(model->index(0, 0));
        QTRY_VERIFY(child<QPushButton>(&page, "trials.resume")->isEnabled());
        QTest::mouseClick(child<QPushButton>(&page, "trials.resume"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 300000);
        QCOMPARE(finished.count(), 2);
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(2).toString()));
        QCOMPARE(committed, QList<int>({2, 3, 1, 2, 3}));
        QTRY_COMPARE_WITH_TIMEOUT(
            runRows(model), QStringList({QStringLiteral("fedhds completed 3/3"), QStringLiteral("full completed 3/3")}),
            10000);
    }

    void cancelButtonStopsTheTrial() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const QString shared = QString::fromStdString(*test::sharedDir());
        QTemporaryDir dir;
        const QString file = writeText(dir.filePath(QStringLiteral("trial.json")),
                                       trialJson(shared, 3, QStringLiteral("\"fedhds\", \"fedit\"")));
        ui::WorkspaceTrials trials;
        ui::TrialsPage page(&trials, std::make_shared<app::RunnerTrialExecutor>(1));
        QVERIFY(storage::RunStore::open(dir.filePath(QStringLiteral("ws")).toStdString()));
        trials.setWorkspace(dir.filePath(QStringLiteral("ws")));
        page.importTrialFile(file);
        QTRY_VERIFY2_WITH_TIMEOUT(trials.model()->rowCount() == 1,
                                  qPrintable(child<QLabel>(&page, "trials.error")->text()), 10000);
        QTRY_VERIFY(child<QTreeView>(&page, "trials.table")->currentIndex().isValid());
        auto *cancel = child<QPushButton>(&page, "trials.cancel");
        QVERIFY(!cancel->isEnabled());
        QSignalSpy finished(page.runController(), &ui::RunController::finished);
        QTest::mouseClick(child<QPushButton>(&page, "trials.start"), Qt::LeftButton);
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton); // while the model loads: the first run stops before round 1
        QVERIFY(page.runController()->cancelRequested());
        QVERIFY(!cancel->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 300000);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(1).toBool(), true);
        // Both runs were queued before the first started. Nothing ran to the end and no further strategy started:
        // the cancel came before the first run started (both still queued) or that run stopped before round 1.
        trials.refresh();
        QTest::qWait(500);
        const QStringList rows = runRows(trials.model());
        QVERIFY2(rows == QStringList({QStringLiteral("fedhds queued 0/3"), QStringLiteral("full queued 0/3")}) ||
                     rows == QStringList({QStringLiteral("fedhds interrupted 0/3"), QStringLiteral("full queued 0/3")}),
                 qPrintable(rows.join(QLatin1Char(';'))));
        // Nobody holds them now: Resume continues them.
        QTRY_VERIFY(child<QPushButton>(&page, "trials.resume")->isEnabled());
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestTrialsPage)
#include "TestTrialsPage.moc"
