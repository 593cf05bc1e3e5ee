// The demo trial (resources/demo/ni-two-sites.json: two simulated sites, FedHDS and FedIT on stories260K) driven
// from the window as a user would: imported on the Trials page and started with its Start button, run to the end;
// cancelled with the Cancel button, then resumed; paused after a round with the Pause button, then resumed. The
// records of a stopped and resumed trial must equal those of the uninterrupted one, timings aside: every round,
// client-round, evaluation and checkpoint hash.
#include "RunnerTrialExecutor.h"

#include "models/TrialsModel.h"
#include "pages/TrialsPage.h"
#include "run/RunController.h"

#include "fedpilot/runner/TrialRunner.h"
#include "fedpilot/ui/MainWindow.h"

#include "support/SharedData.h"
#include "support/SqlRows.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace fp;
using M = ui::TrialsModel;

namespace {

// The records that do not depend on timing, per strategy in run order: what resuming must reproduce exactly.
const char *const kRecordQueries[] = {
    "SELECT r.strategy, r.status, r.completed_rounds, r.planned_rounds FROM runs r ORDER BY r.id",
    "SELECT r.strategy, rd.round, rd.global_clusters FROM rounds rd JOIN runs r ON r.id = rd.run_id "
    "ORDER BY r.id, rd.round",
    "SELECT r.strategy, rd.round, s.name, c.name, cr.available, cr.selected, cr.groups, cr.training_tokens, cr.steps, "
    "cr.skipped_steps, cr.train_loss, cr.bytes_down, cr.bytes_up, cr.selection_bytes, cr.status "
    "FROM client_rounds cr JOIN rounds rd ON rd.id = cr.round_id JOIN runs r ON r.id = rd.run_id "
    "JOIN clients c ON c.id = cr.client_id JOIN sites s ON s.id = c.site_id ORDER BY r.id, rd.round, cr.id",
    "SELECT r.strategy, rd.round, e.scope, e.samples, e.rouge_l, e.loss FROM evaluations e "
    "JOIN rounds rd ON rd.id = e.round_id JOIN runs r ON r.id = rd.run_id ORDER BY r.id, rd.round, e.id",
    "SELECT r.strategy, rd.round, k.sha256, k.bytes FROM checkpoints k JOIN rounds rd ON rd.id = k.round_id "
    "JOIN runs r ON r.id = rd.run_id ORDER BY r.id, rd.round",
};

QString records(const QString &workspace) {
    const std::string db = (workspace + QStringLiteral("/workspace.sqlite")).toStdString();
    QString text;
    for (const char *sql : kRecordQueries) {
        text += QString::fromStdString(test::sqlRowsAt(db, sql)) + QStringLiteral("--\n");
    }
    return text;
}

// "strategy status done/planned" for every run of the first trial, as the Trials page lists them.
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

// A console window on a new workspace with the demo trial imported and selected.
class DemoConsole {
public:
    explicit DemoConsole(const QString &workspace)
        : m_window(std::make_shared<app::RunnerTrialExecutor>(0)), m_workspace(workspace) {}

    // Returns an empty string when ready, else what went wrong.
    QString open() {
        if (!m_window.newWorkspace(m_workspace)) {
            return QStringLiteral("cannot create the workspace ") + m_workspace;
        }
        m_window.show();
        if (!QTest::qWaitForWindowExposed(&m_window)) {
            return QStringLiteral("the window was not exposed");
        }
        page()->importTrialFile(qEnvironmentVariable("FP_SOURCE_DIR") +
                                QStringLiteral("/resources/demo/ni-two-sites.json"));
        (void)QTest::qWaitFor([&] { return model()->rowCount() == 1 && table()->currentIndex().isValid(); }, 20000);
        if (model()->rowCount() != 1) {
            return QStringLiteral("the demo trial was not imported: ") + child<QLabel>(page(), "trials.error")->text();
        }
        return {};
    }

    ui::TrialsPage *page() { return m_window.findChild<ui::TrialsPage *>(QStringLiteral("page.trials")); }
    QTreeView *table() { return child<QTreeView>(page(), "trials.table"); }
    M *model() { return qobject_cast<M *>(table()->model()); }
    QPushButton *button(const char *name) { return child<QPushButton>(page(), name); }
    ui::RunController *controller() { return page()->runController(); }
    QString error() { return child<QLabel>(page(), "trials.error")->text(); }
    QString runStatus() { return child<QLabel>(page(), "trials.runStatus")->text(); }
    const QString &workspace() const { return m_workspace; }

    // Clicks the button and waits until the work it started has ended. Returns the finished() arguments.
    QList<QVariant> clickAndWait(const char *name) {
        QSignalSpy finished(controller(), &ui::RunController::finished);
        QTest::mouseClick(button(name), Qt::LeftButton);
        if (!page()->isRunning()) {
            return {};
        }
        finished.wait(1800 * 1000);
        (void)QTest::qWaitFor([&] { return !page()->isRunning(); }, 10000);
        return finished.isEmpty() ? QList<QVariant>{} : finished.first();
    }

private:
    ui::MainWindow m_window;
    QString m_workspace;
};

} // namespace

class TestDemoTrial : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        runner::ensureSharedDirVariable(); // the demo trial names its files under ${FP_SHARED_DIR}
    }

    // The demo trial from the Trials page's Start button to the end: both strategies complete every round.
    void demoRunsToTheEnd() {
        FP_REQUIRE_SHARED_FILE(model, "models/stories260K/stories260K.bin");
        DemoConsole console(m_dir.filePath(QStringLiteral("whole")));
        const QString opened = console.open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        QVERIFY(console.button("trials.start")->isEnabled());
        QVERIFY(!console.button("trials.pause")->isEnabled()); // only while running
        QSet<int> committed;
        connect(console.controller(), &ui::RunController::roundCommitted, this,
                [&](qint64 run, int round) { committed << int(run * 100 + round); });
        const QList<QVariant> end = console.clickAndWait("trials.start");
        QVERIFY2(end.size() == 4 && end.at(0).toBool(), qPrintable(console.error()));
        QCOMPARE(committed, QSet<int>({101, 102, 103, 201, 202, 203}));
        QTRY_COMPARE_WITH_TIMEOUT(
            runRows(console.model()),
            QStringList({QStringLiteral("fedhds completed 3/3"), QStringLiteral("full completed 3/3")}), 10000);
        QVERIFY2(console.runStatus().contains(QStringLiteral("every run completed")), qPrintable(console.runStatus()));
        m_reference = records(console.workspace());
        QVERIFY2(m_reference.count(QLatin1Char('\n')) > 20, qPrintable(m_reference));
    }

    // Cancel (the button) while round 2 of FedHDS runs: FedHDS is interrupted after 1 round, FedIT stays queued;
    // Resume on the trial continues both to the end with the same records as the uninterrupted trial.
    void cancelThenResumeEqualsTheWholeRun() {
        QVERIFY2(!m_reference.isEmpty(), "needs demoRunsToTheEnd");
        DemoConsole console(m_dir.filePath(QStringLiteral("cancelled")));
        const QString opened = console.open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        // As a user would: the click lands when the GUI hears that round 1 is recorded, somewhere in round 2.
        connect(console.controller(), &ui::RunController::roundCommitted, this, [&](qint64 run, int round) {
            if (run == 1 && round == 1) {
                QTest::mouseClick(console.button("trials.cancel"), Qt::LeftButton);
            }
        });
        const QList<QVariant> end = console.clickAndWait("trials.start");
        QVERIFY2(end.size() == 4 && end.at(1).toBool(), qPrintable(console.error())); // cancelled
        QVERIFY(!end.at(3).toBool());
        // Round 1 recorded, round 2 cut short (or, on a GUI thread slower than a round, round 2 recorded too).
        QTRY_VERIFY_WITH_TIMEOUT(runRows(console.model()).value(0).startsWith(QStringLiteral("fedhds interrupted")),
                                 10000);
        QCOMPARE(runRows(console.model()).value(1), QStringLiteral("full queued 0/3"));
        const QString first = runRows(console.model()).value(0);
        QVERIFY2(first == QStringLiteral("fedhds interrupted 1/3") || first == QStringLiteral("fedhds interrupted 2/3"),
                 qPrintable(first));
        QVERIFY2(console.runStatus().contains(QStringLiteral("interrupted")), qPrintable(console.runStatus()));

        QObject::disconnect(console.controller(), &ui::RunController::roundCommitted, this, nullptr);
        console.table()->setCurrentIndex(console.model()->index(0, 0)); // the trial: every resumable run
        QTRY_VERIFY(console.button("trials.resume")->isEnabled());
        const QList<QVariant> resumed = console.clickAndWait("trials.resume");
        QVERIFY2(resumed.size() == 4 && resumed.at(0).toBool(), qPrintable(console.error()));
        QTRY_COMPARE_WITH_TIMEOUT(
            runRows(console.model()),
            QStringList({QStringLiteral("fedhds completed 3/3"), QStringLiteral("full completed 3/3")}), 10000);
        QCOMPARE(records(console.workspace()), m_reference);
    }

    // Pause (the button) during round 1 of FedHDS: round 1 is finished and recorded, the run is recorded as paused
    // (FedIT stays queued); Resume continues with round 2 and both end with the uninterrupted trial's records.
    void pauseThenResumeEqualsTheWholeRun() {
        QVERIFY2(!m_reference.isEmpty(), "needs demoRunsToTheEnd");
        DemoConsole console(m_dir.filePath(QStringLiteral("paused")));
        const QString opened = console.open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        bool clicked = false;
        connect(console.controller(), &ui::RunController::progressed, this,
                [&](qint64 run, int round, int, const QString &phase, int, int) {
                    if (!clicked && run == 1 && round == 1 && phase == QLatin1String("training")) {
                        clicked = true;
                        QVERIFY(console.page()->pauseAction()->isEnabled());
                        QTest::mouseClick(console.button("trials.pause"), Qt::LeftButton);
                        QVERIFY(!console.button("trials.pause")->isEnabled());
                        QVERIFY(console.button("trials.cancel")->isEnabled()); // a pause can still become a cancel
                    }
                });
        QList<int> committed;
        connect(console.controller(), &ui::RunController::roundCommitted, this,
                [&](qint64 run, int round) { committed << int(run * 100 + round); });
        const QList<QVariant> end = console.clickAndWait("trials.start");
        QVERIFY(clicked);
        QVERIFY2(end.size() == 4 && !end.at(0).toBool() && !end.at(1).toBool() && end.at(3).toBool(),
                 qPrintable(console.error()));
        // The round in progress was finished and recorded, and no later one (round 1, unless the busy GUI thread
        // heard of round 1's training only after round 2 had begun).
        QVERIFY2(committed == QList<int>({101}) || committed == QList<int>({101, 102}),
                 qPrintable(QString::number(committed.size())));
        const int paused = int(committed.size());
        QTRY_COMPARE_WITH_TIMEOUT(
            runRows(console.model()),
            QStringList({QStringLiteral("fedhds paused %1/3").arg(paused), QStringLiteral("full queued 0/3")}), 10000);
        QVERIFY2(console.runStatus().startsWith(QStringLiteral("Paused")), qPrintable(console.runStatus()));
        QVERIFY(child<QLabel>(console.page(), "trials.error")->isHidden());
        const std::string db = (console.workspace() + QStringLiteral("/workspace.sqlite")).toStdString();
        QCOMPARE(QString::fromStdString(test::sqlRowsAt(db, "SELECT status, message FROM runs WHERE id = 1")),
                 QStringLiteral("interrupted|paused after round %1\n").arg(paused)); // schema v3 has no 'paused'

        committed.clear();
        console.table()->setCurrentIndex(console.model()->index(0, 0));
        QTRY_VERIFY(console.button("trials.resume")->isEnabled());
        const QList<QVariant> resumed = console.clickAndWait("trials.resume");
        QVERIFY2(resumed.size() == 4 && resumed.at(0).toBool(), qPrintable(console.error()));
        QCOMPARE(committed.first(), 100 + paused + 1); // resumed with the next round
        QCOMPARE(committed.size(), 3 - paused + 3);
        QCOMPARE(records(console.workspace()), m_reference);
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    QString m_reference; // the uninterrupted trial's records
};

QTEST_MAIN(TestDemoTrial)
#include "TestDemoTrial.moc"
