// The Monitor page follows runs round by round from what the workspace records: a trial started in the window
// (run controller) and one run by another caller of the runner (as the CLI does, no controller), with one chart
// point per committed round; its models pass Qt's checks; charts export as PNG (Monitor and Compare); the PDF
// report carries the ROI summary and the charts.
#include "RunnerTrialExecutor.h"

#include "charts/RoundCharts.h"
#include "models/MonitorRunsModel.h"
#include "models/RoiSummary.h"
#include "models/RunEventsModel.h"
#include "models/SiteStatusModel.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceRuns.h"
#include "pages/ComparePage.h"
#include "pages/MonitorPage.h"
#include "pages/ReportsPage.h"
#include "pages/TrialsPage.h"
#include "run/RunController.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/ui/MainWindow.h"

#include "support/SharedData.h"
#include "support/TinyTrial.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QMutex>
#include <QProcess>
#include <QPushButton>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

using namespace fp;
using ui::RoundChart;

namespace {

QString trialJson(const QString &shared, int rounds) {
    return test::tinyTrialJson(shared, QStringLiteral("monitor trial"), rounds);
}

using test::writeText;

// The line series of runId in chart (named by RoundCharts::runLabel), or null.
QLineSeries *runLine(QChart *chart, qint64 runId) {
    for (auto *series : chart->series()) {
        if (series->name().endsWith(QStringLiteral("(run %1)").arg(runId))) {
            return qobject_cast<QLineSeries *>(series);
        }
    }
    return nullptr;
}

// Points of runId's line in the Monitor's chart (-1: no such line).
int points(ui::MonitorPage *page, RoundChart kind, qint64 runId) {
    auto *line = runLine(page->chart(kind), runId);
    return line ? int(line->count()) : -1;
}

// Whether image holds more than one colour (something was drawn, not a blank fill).
bool drawn(const QImage &image) {
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (image.pixel(x, y) != first) {
                return true;
            }
        }
    }
    return false;
}

// The rounds the run thread committed, held there until the GUI thread saw each on the Monitor page.
struct RoundGate {
    QMutex mutex;
    QList<QPair<qint64, int>> committed; // in order
    QSemaphore seen;

    // On the run thread: note the round and wait (bounded) until the test saw it.
    void commit(qint64 run, int round) {
        {
            QMutexLocker lock(&mutex);
            committed << qMakePair(run, round);
        }
        seen.tryAcquire(1, 60000);
    }
    QPair<qint64, int> last() {
        QMutexLocker lock(&mutex);
        return committed.isEmpty() ? qMakePair(qint64(0), 0) : committed.last();
    }
    int count() {
        QMutexLocker lock(&mutex);
        return int(committed.size());
    }
};

// While rounds commit, checks on the GUI thread that the page shows exactly the committed rounds of the run being
// recorded (its Rouge-L, loss and cost lines one point per round) before letting the run go on. Returns the rounds
// it saw, "run:round".
QStringList watchEveryRound(ui::MonitorPage *page, RoundGate &gate, const std::function<bool()> &done) {
    QStringList seen;
    int released = 0;
    while (!done() || gate.count() > released) {
        if (gate.count() == released) {
            QTest::qWait(20);
            continue;
        }
        const auto [run, round] = gate.last();
        // The page reads the workspace again (controller signal or its 1 s poll) and draws the new round.
        const bool shown = QTest::qWaitFor(
            [&] {
                return points(page, RoundChart::Cost, run) == round && points(page, RoundChart::RougeL, run) == round &&
                       points(page, RoundChart::Loss, run) == round;
            },
            30000);
        if (!shown) {
            qWarning("run %lld round %d not shown: cost %d points", run, round, points(page, RoundChart::Cost, run));
            gate.seen.release(100); // let the run end; the caller's comparison fails
            return seen;
        }
        seen << QStringLiteral("%1:%2").arg(run).arg(round);
        ++released;
        gate.seen.release();
    }
    return seen;
}

} // namespace

class TestMonitorPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void emptyWorkspaceSaysWhatToDo() {
        QTemporaryDir dir;
        QVERIFY(storage::RunStore::open(dir.path().toStdString()));
        ui::WorkspaceRuns runs;
        ui::MonitorPage page(&runs, nullptr);
        QSignalSpy updated(&page, &ui::MonitorPage::updated);
        runs.setWorkspace(dir.path());
        QVERIFY(updated.wait(10000));
        auto *empty = page.findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY(empty && !empty->isHidden());
        QVERIFY2(empty->text().contains(QStringLiteral("Start a trial on the Trials page")), qPrintable(empty->text()));
        QVERIFY2(empty->text().contains(QStringLiteral("fedpilot-cli run")), qPrintable(empty->text()));
        QVERIFY(!page.polling());
    }

    // Sites and events from recorded rounds: an agent dropped in round 2 and back in round 3; event kinds in words.
    void sitesAndEventsFromRecordedRounds() {
        storage::RunDetail run;
        run.summary.id = 4;
        run.summary.strategy = "fedhds";
        run.sites = {{"tokyo", "", {}, {{"a", 8}, {"b", 8}}}, {"osaka", "10.0.0.2:7443", {}, {{"c", 8}}}};
        for (int r = 1; r <= 3; ++r) {
            storage::RoundDetail round;
            round.round = r;
            const auto client = [](const char *site, const char *name, const char *status) {
                engine::ClientRoundRecord c;
                c.site = site;
                c.client = name;
                c.available = 8;
                c.status = status;
                return c;
            };
            round.clients.push_back(client("tokyo", "a", "trained"));
            round.clients.push_back(client("tokyo", "b", "skipped: empty coreset"));
            round.clients.push_back(client("osaka", "c", r == 2 ? "failed: unavailable" : "trained"));
            run.rounds.push_back(round);
        }
        run.events = {{1, "2026-01-01T10:00:01.000Z", "site-dropped", "osaka is left out of round 2"},
                      {2, "2026-01-01T10:00:02.000Z", "site-rejoined", "osaka answers again"},
                      {3, "2026-01-01T10:00:03.000Z", "custom-kind", "kept as stored"}};
        ui::SiteStatusModel sites;
        QAbstractItemModelTester siteTester(&sites, QAbstractItemModelTester::FailureReportingMode::QtTest);
        using S = ui::SiteStatusModel;
        storage::RunDetail first = run;
        first.rounds.resize(2);
        sites.setRun(first);
        QCOMPARE(sites.rowCount(), 2);
        QCOMPARE(sites.index(0, S::Where).data().toString(), QStringLiteral("this process (simulated)"));
        QCOMPARE(sites.index(0, S::State).data().toString(), QStringLiteral("round 2: 1 trained, 1 skipped"));
        QCOMPARE(sites.index(1, S::Where).data().toString(), QStringLiteral("agent 10.0.0.2:7443"));
        QCOMPARE(sites.index(1, S::State).data().toString(), QStringLiteral("dropped in round 2"));
        sites.setRun(run);
        QCOMPARE(sites.index(1, S::State).data().toString(),
                 QStringLiteral("rejoined in round 3 (dropped in round 2)"));
        QCOMPARE(sites.index(1, S::Clients).data().toInt(), 1);

        ui::RunEventsModel events;
        QAbstractItemModelTester eventTester(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        using E = ui::RunEventsModel;
        storage::RunDetail some = run;
        some.events.resize(1);
        events.setRuns(std::span(&some, 1));
        QCOMPARE(events.rowCount(), 1);
        QSignalSpy inserted(&events, &QAbstractItemModel::rowsInserted);
        events.setRuns(std::span(&run, 1));
        QCOMPARE(inserted.count(), 1); // appended, not reset
        QCOMPARE(events.rowCount(), 3);
        QCOMPARE(events.index(0, E::Time).data().toString(), QStringLiteral("10:00:01"));
        QCOMPARE(events.index(0, E::Run).data().toString(), QStringLiteral("fedhds (run 4)"));
        QCOMPARE(events.index(0, E::Kind).data().toString(), QStringLiteral("Site dropped"));
        QCOMPARE(events.index(1, E::Kind).data().toString(), QStringLiteral("Site rejoined"));
        QCOMPARE(events.index(2, E::Kind).data().toString(), QStringLiteral("custom-kind"));
        QCOMPARE(events.index(2, E::Message).data().toString(), QStringLiteral("kept as stored"));
    }

    // Start the trial in the window: the Monitor page follows it (controller signals and reads of the workspace)
    // and shows each committed round as it is recorded; then its charts, Compare's chart and the PDF export.
    void followsEveryRoundOfATrialStartedHere() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const QString shared = QString::fromStdString(*test::sharedDir());
        QVERIFY(m_dir.isValid());
        const QString file = writeText(m_dir.filePath(QStringLiteral("trial.json")), trialJson(shared, 2));
        ui::MainWindow window(std::make_shared<app::RunnerTrialExecutor>(1));
        QVERIFY(window.newWorkspace(m_dir.filePath(QStringLiteral("ws"))));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *trials = window.findChild<ui::TrialsPage *>(QStringLiteral("page.trials"));
        auto *monitor = window.findChild<ui::MonitorPage *>(QStringLiteral("page.monitor"));
        QVERIFY(trials && monitor);
        QAbstractItemModelTester runsTester(monitor->runsModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester eventsTester(monitor->eventsModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sitesTester(monitor->sitesModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        trials->importTrialFile(file);
        auto *table = trials->findChild<QTreeView *>(QStringLiteral("trials.table"));
        QTRY_VERIFY_WITH_TIMEOUT(table->currentIndex().isValid(), 10000);
        QVERIFY(window.showPage(QStringLiteral("page.monitor")));

        // Hold the run thread after each committed round until the page shows it.
        RoundGate gate;
        auto *controller = trials->runController();
        connect(
            controller, &ui::RunController::roundCommitted, controller,
            [&gate](qint64 run, int round) { gate.commit(run, round); }, Qt::DirectConnection);
        trials->startSelected();
        QVERIFY(trials->isRunning());
        const QStringList seen = watchEveryRound(monitor, gate, [trials] { return !trials->isRunning(); });
        QTRY_VERIFY_WITH_TIMEOUT(!trials->isRunning(), 300000);
        QCOMPARE(seen.size(), 4); // 2 strategies x 2 rounds, each seen as it was recorded
        QVERIFY2(seen == QStringList({QStringLiteral("1:1"), QStringLiteral("1:2"), QStringLiteral("2:1"),
                                      QStringLiteral("2:2")}),
                 qPrintable(seen.join(QLatin1Char(' '))));

        // At the end: every chart holds both runs, one point (bar, box) per round.
        QTRY_COMPARE_WITH_TIMEOUT(monitor->runsModel()->rowCount(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->polling(), 10000);
        for (const RoundChart kind : {RoundChart::RougeL, RoundChart::Loss, RoundChart::Cost}) {
            QCOMPARE(monitor->chart(kind)->series().size(), 2);
            QCOMPARE(points(monitor, kind, 1), 2);
            QCOMPARE(points(monitor, kind, 2), 2);
        }
        auto *bars = qobject_cast<QStackedBarSeries *>(monitor->chart(RoundChart::Bytes)->series().value(0));
        QVERIFY(bars);
        QCOMPARE(bars->count(), 2); // sites north and south
        QCOMPARE(bars->barSets().first()->label(), QStringLiteral("north"));
        QCOMPARE(bars->barSets().first()->count(), 4); // 2 runs x 2 rounds
        QVERIFY(bars->barSets().first()->at(0) > 0.0);
        const auto boxes = monitor->chart(RoundChart::Samples)->series();
        QCOMPARE(boxes.size(), 2);
        QCOMPARE(qobject_cast<QBoxPlotSeries *>(boxes.first())->count(), 2);
        // FedIT trains on every sample: its boxes reach the 12 samples of a client.
        QCOMPARE(qobject_cast<QBoxPlotSeries *>(boxes.last())->boxSets().first()->at(QBoxSet::UpperExtreme), 12.0);
        QCOMPARE(monitor->runsModel()->index(1, ui::MonitorRunsModel::Status).data().toString(),
                 QStringLiteral("completed"));
        QCOMPARE(monitor->sitesModel()->rowCount(), 2);
        auto *status = monitor->findChild<QLabel *>(QStringLiteral("monitor.status"));
        QVERIFY2(status->text().contains(QStringLiteral("2 of 2 run(s) of this trial completed")),
                 qPrintable(status->text()));

        // Unchecking a run takes it out of the charts.
        QVERIFY(monitor->runsModel()->setData(monitor->runsModel()->index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(monitor->chart(RoundChart::Cost)->series().size(), 1);
        QCOMPARE(points(monitor, RoundChart::Cost, 2), 2);
        QVERIFY(monitor->runsModel()->setData(monitor->runsModel()->index(0, 0), Qt::Checked, Qt::CheckStateRole));

        exportsEveryChartAsPng(monitor, window);
        exportsThePdfWithRoiAndCharts(window);
    }

    // A run that this page's controller does not run (another caller of the runner, as fedpilot-cli is): the page
    // notices it by reading the workspace and shows every round, one point each.
    void followsARunItDidNotStart() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        const QString shared = QString::fromStdString(*test::sharedDir());
        QTemporaryDir dir;
        const QString file = writeText(dir.filePath(QStringLiteral("trial.json")), trialJson(shared, 3));
        auto trial = engine::readTrialFile(file.toStdString());
        QVERIFY2(trial, trial ? "" : trial.error().message.c_str());
        const QString ws = dir.filePath(QStringLiteral("ws"));
        QVERIFY(storage::RunStore::open(ws.toStdString()));
        ui::WorkspaceRuns runs;
        ui::MonitorPage page(&runs, nullptr);
        page.resize(1000, 700);
        page.show(); // a page on screen looks for runs every few seconds
        QSignalSpy updated(&page, &ui::MonitorPage::updated);
        runs.setWorkspace(ws);
        QVERIFY(updated.wait(10000));

        RoundGate gate;
        app::RunnerTrialExecutor executor(1);
        ui::TrialExecutor::Listener listener;
        listener.roundCommitted = [&gate](int64_t run, int round) { gate.commit(run, round); };
        const std::vector<engine::StrategySpec> fedhds = {trial->strategies.front()};
        QFuture<bool> done = QtConcurrent::run(
            [&] { return executor.runTrial(ws.toStdString(), *trial, fedhds, listener).has_value(); });
        const QStringList seen = watchEveryRound(&page, gate, [&done] { return done.isFinished(); });
        done.waitForFinished();
        QVERIFY(done.result());
        QCOMPARE(seen, QStringList({QStringLiteral("1:1"), QStringLiteral("1:2"), QStringLiteral("1:3")}));
        QTRY_VERIFY_WITH_TIMEOUT(!page.polling(), 10000); // the run ended: back to the slow look
        QCOMPARE(points(&page, RoundChart::Cost, 1), 3);
        QCOMPARE(page.runsModel()->index(0, ui::MonitorRunsModel::Status).data().toString(),
                 QStringLiteral("completed"));
    }

private:
    void exportsEveryChartAsPng(ui::MonitorPage *monitor, ui::MainWindow &window) {
        QTemporaryDir out;
        auto written = monitor->exportCharts(out.path());
        QVERIFY2(written, written ? "" : written.error().message.c_str());
        QCOMPARE(written->size(), qsizetype(std::size(ui::kRoundCharts)));
        for (const RoundChart kind : ui::kRoundCharts) {
            const QString path = out.filePath(QStringLiteral("monitor-%1.png").arg(ui::RoundCharts::fileStem(kind)));
            QVERIFY2(written->contains(path), qPrintable(path));
            QImage image(path);
            QVERIFY2(!image.isNull(), qPrintable(path));
            QChartView *view = monitor->chartView(kind);
            QCOMPARE(image.size(), view->size() * view->devicePixelRatio());
            QVERIFY2(drawn(image), qPrintable(path));
        }
        auto *compare = window.findChild<ui::ComparePage *>(QStringLiteral("page.compare"));
        QVERIFY(window.showPage(QStringLiteral("page.compare")));
        QTRY_VERIFY(compare->findChild<QPushButton *>(QStringLiteral("compare.export"))->isEnabled());
        const QString png = out.filePath(QStringLiteral("compare.png"));
        QVERIFY(compare->exportChart(png));
        const QImage image(png);
        auto *view = compare->findChild<QChartView *>(QStringLiteral("compare.chart"));
        QCOMPARE(image.size(), view->size() * view->devicePixelRatio());
        QVERIFY(drawn(image));
        QVERIFY(!compare->exportChart(out.filePath(QStringLiteral("missing/compare.png"))));
    }

    void exportsThePdfWithRoiAndCharts(ui::MainWindow &window) {
        auto *reports = window.findChild<ui::ReportsPage *>(QStringLiteral("page.reports"));
        QSignalSpy exported(reports, &ui::ReportsPage::exported);
        const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        reports->exportTo(ui::ReportsPage::Format::Pdf, pdf);
        QVERIFY(exported.wait(60000));
        QCOMPARE(exported.first().at(1).toString(), QString());
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true")) {
                QFAIL("pdftotext (poppler-utils) is missing");
            }
            QSKIP("pdftotext (poppler-utils) is missing: the PDF's text is not checked");
        }
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        const QString content = QString::fromUtf8(text.readAllStandardOutput()).simplified();
        QVERIFY2(content.contains(QStringLiteral("ROI summary")), qPrintable(content.left(400)));
        QVERIFY2(content.contains(QStringLiteral("monitor trial: FedHDS reached")), qPrintable(content.left(600)));
        QVERIFY2(content.contains(QStringLiteral("for FedIT on the full data")), qPrintable(content.left(600)));
        QVERIFY2(content.contains(QStringLiteral("Bytes per round, by site")), qPrintable(content.left(2000)));
        // The charts are pictures in the PDF: one per chart of the trial, at the size they were drawn.
        QProcess images;
        images.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
        QVERIFY(images.waitForFinished(30000));
        const QStringList lines = QString::fromUtf8(images.readAllStandardOutput()).split(QLatin1Char('\n'));
        int charts = 0;
        for (const QString &line : lines) {
            const QStringList f = line.simplified().split(QLatin1Char(' '));
            charts += f.size() > 4 && f[2] == QLatin1String("image") && f[3] == QLatin1String("500") &&
                      f[4] == QLatin1String("290");
        }
        QCOMPARE(charts, int(std::size(ui::kRoundCharts)));
    }

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMonitorPage)
#include "TestMonitorPage.moc"
