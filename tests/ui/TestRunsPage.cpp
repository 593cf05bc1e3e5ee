// The Runs page shows a workspace's runs, loaded off the GUI thread, through a model that passes Qt's checks.
#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"
#include "pages/ComparePage.h"
#include "pages/ReportsPage.h"
#include "pages/RunsPage.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/ui/Language.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QLabel>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

namespace {

// A workspace with one run of one recorded round: 2 of 8 samples selected, central Rouge-L 0.125.
void recordOneRun(const std::string &dir) {
    auto store = storage::RunStore::open(dir);
    QVERIFY(store);
    engine::TrialSpec trial;
    trial.name = "pilot, with a comma";
    trial.sourceJson = "{}";
    auto trialId = store->saveTrial(trial);
    QVERIFY(trialId);
    storage::SiteClients site{"tokyo", "", {2.0, 0.1}, {{"task-a", 8}}};
    auto runId = store->createRun(*trialId, "fedhds", 3, 7, {site});
    QVERIFY(runId);
    engine::RoundRecord round;
    round.round = 1;
    round.seconds = 4.5;
    engine::ClientRoundRecord client;
    client.site = "tokyo";
    client.client = "task-a";
    client.available = 8;
    client.selected = 2;
    client.bytesDown = 1500;
    client.bytesUp = 500;
    client.selectionBytes = 40;
    client.status = "trained";
    round.clients.push_back(client);
    round.evaluations.push_back({"central", 4, 0.125, 2.5, 0.1});
    const float values[4] = {1.f, 2.f, 3.f, 4.f};
    round.globalAdapter.tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"] =
        engine::RawTensor::fromFloat32({2, 2}, values);
    auto journal = store->journal(*runId);
    QVERIFY(journal->roundCompleted(round));
}

} // namespace

class TestRunsPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTheRunsOfAWorkspace() {
        QTemporaryDir dir;
        recordOneRun(dir.path().toStdString());
        ui::WorkspaceRuns runs;
        ui::RunsPage page(&runs);
        ui::ComparePage compare(&runs);
        QAbstractItemModelTester tester(runs.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&runs, &ui::WorkspaceRuns::loaded);
        runs.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toInt(), 1);
        auto *model = runs.model();
        QCOMPARE(model->rowCount(), 1);
        using M = ui::RunsTableModel;
        QCOMPARE(model->index(0, M::Trial).data().toString(), QStringLiteral("pilot, with a comma"));
        QCOMPARE(model->index(0, M::Strategy).data().toString(), QStringLiteral("fedhds"));
        QCOMPARE(model->index(0, M::Rounds).data().toString(), QStringLiteral("1/3"));
        QCOMPARE(model->index(0, M::RougeL).data().toString(), QStringLiteral("12.50 %"));
        QCOMPARE(model->index(0, M::DataUsed).data().toString(), QStringLiteral("25.00 %"));
        QCOMPARE(model->index(0, M::Bytes).data(Qt::UserRole).toLongLong(), 2000LL);
        QCOMPARE(model->index(0, M::SelectionBytes).data(Qt::UserRole).toLongLong(), 40LL);
        // The figures as fedpilot-cli writes them (storage::RunSummaryFormat), in decimal units.
        QCOMPARE(model->index(0, M::Bytes).data().toString(), QStringLiteral("2.0 kB"));
        QCOMPARE(model->index(0, M::SelectionBytes).data().toString(), QStringLiteral("40 B"));
        QCOMPARE(model->index(0, M::Seconds).data().toString(), QStringLiteral("4.5"));
        QCOMPARE(model->index(0, M::Status).data().toString(), QStringLiteral("running"));
        auto *status = page.findChild<QLabel *>(QStringLiteral("runs.status"));
        QVERIFY(status && status->text().contains(QStringLiteral("1 run")));
        // The ROI chart: the Pareto front (the one run, a line and a ring), then one series (fedhds) with the run
        // at (cost, Rouge-L %).
        const auto series = compare.chart()->series();
        QCOMPARE(series.size(), 3);
        QCOMPARE(series.first()->objectName(), QStringLiteral("compare.pareto"));
        auto *points = qobject_cast<QScatterSeries *>(series.last());
        QVERIFY(points);
        QCOMPARE(points->name(), QStringLiteral("fedhds"));
        QCOMPARE(points->count(), 1);
        QCOMPARE(points->at(0).y(), 12.5);
    }

    // Values people read (status, units, percentages) follow the console's language, switched while it runs.
    void figuresReadInTheUsersLanguage() {
        QTemporaryDir dir;
        recordOneRun(dir.path().toStdString());
        ui::WorkspaceRuns runs;
        QSignalSpy loaded(&runs, &ui::WorkspaceRuns::loaded);
        runs.setWorkspace(dir.path());
        QVERIFY(loaded.wait(10000));
        using M = ui::RunsTableModel;
        auto *model = runs.model();
        QCOMPARE(ui::applyLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
        const QString status = model->index(0, M::Status).data().toString();
        const QString rouge = model->index(0, M::RougeL).data().toString();
        const QString selection = model->index(0, M::SelectionBytes).data().toString();
        ui::applyLanguage(QStringLiteral("en"));
        QCOMPARE(status, QStringLiteral("実行中"));
        QCOMPARE(rouge, QStringLiteral("12.50%"));
        QCOMPARE(selection, QStringLiteral("40 バイト"));
        QCOMPARE(model->index(0, M::Status).data().toString(), QStringLiteral("running"));
    }

    void exportsCsvAndPdfReports() {
        QTemporaryDir dir;
        recordOneRun(dir.path().toStdString());
        ui::WorkspaceRuns runs;
        runs.setWorkspace(dir.path());
        ui::ReportsPage page(&runs);
        QSignalSpy exported(&page, &ui::ReportsPage::exported);
        const QString csv = dir.filePath(QStringLiteral("rounds.csv"));
        page.exportTo(ui::ReportsPage::Format::RoundsCsv, csv);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.takeFirst().at(1).toString(), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray text = csvFile.readAll();
        QVERIFY2(text.startsWith("run,trial,strategy,round,"), text.constData());
        QVERIFY2(text.contains("\"pilot, with a comma\",fedhds,1,1,8,2,"), text.constData());
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        page.exportTo(ui::ReportsPage::Format::Pdf, pdf);
        QVERIFY(exported.wait(20000));
        QCOMPARE(exported.takeFirst().at(1).toString(), QString());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        QVERIFY(pdfFile.size() > 2000);
        // A target that cannot be written: a clear error, nothing half-written left behind.
        page.exportTo(ui::ReportsPage::Format::RoundsCsv, dir.filePath(QStringLiteral("missing/folder/x.csv")));
        QVERIFY(exported.wait(10000));
        QVERIFY(exported.takeFirst().at(1).toString().contains(QStringLiteral("cannot write")));
    }

    void reportsAWorkspaceItCannotRead() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("not-a-folder"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        ui::WorkspaceRuns runs;
        ui::RunsPage page(&runs);
        QSignalSpy failed(&runs, &ui::WorkspaceRuns::failed);
        runs.setWorkspace(file);
        QVERIFY(failed.wait(10000));
        auto *status = page.findChild<QLabel *>(QStringLiteral("runs.status"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Cannot read the workspace")), qPrintable(status->text()));
        QCOMPARE(runs.model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestRunsPage)
#include "TestRunsPage.moc"
