// The coreset inspector page on a workspace recorded through the run store: the chart has one point per stored sample
// (grouped, noise apart) and rings exactly the selected ones; hovering names the sample with its instruction text,
// read from the site's data file; a remote site's client shows the centers it sent with the chosen ones ringed; a
// FedIT run and an empty workspace say what to do. The clients model passes QAbstractItemModelTester.
#include "charts/CoresetChart.h"
#include "models/CoresetClientsModel.h"
#include "models/WorkspaceRuns.h"
#include "pages/InspectorPage.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/ui/Language.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace fp;

namespace {

constexpr int kSamples = 60; // lines of the site's data file; the client holds the even ones

QString instructionOf(int sample) { return QStringLiteral("Describe object number %1 of the shelf.").arg(sample); }

bool writeData(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return false;
    }
    for (int i = 0; i < kSamples; ++i) {
        f.write(QStringLiteral(R"({"instruction": "%1", "input": "shelf %2", "output": "A thing."})")
                    .arg(instructionOf(i))
                    .arg(i)
                    .toUtf8() +
                "\n");
    }
    return true;
}

// Client north-0 of round `round`: the 30 even samples in three groups and noise, one selected per group.
engine::ClientRoundRecord localClient(int round) {
    engine::ClientRoundRecord c;
    c.site = "north";
    c.client = "north-0";
    c.available = kSamples / 2;
    c.groups = 3;
    c.selected = 3;
    c.selectionBytes = 60;
    c.status = "trained";
    for (int i = 0; i < kSamples / 2; ++i) {
        const int group = i % 10 == 9 ? -1 : i % 3;
        const bool selected = (i == 3 * round) || (i == 3 * round + 1) || (i == 3 * round + 2);
        c.map.push_back({int64_t(2 * i), 10.0 * group + 0.1 * i, -5.0 * group + 0.05 * i * round, group, selected});
    }
    for (int g = 0; g < 3; ++g) {
        c.centers.push_back({g, {0.1f * float(g), 0.2f, -0.3f, 0.4f}, true});
    }
    return c;
}

engine::ClientRoundRecord remoteClient() {
    engine::ClientRoundRecord c;
    c.site = "south";
    c.client = "south-0";
    c.available = 25;
    c.groups = 4;
    c.selected = 2;
    c.selectionBytes = 70;
    c.status = "trained";
    for (int g = 0; g < 4; ++g) {
        c.centers.push_back({g, {0.5f * float(g), -0.25f * float(g), 0.f, 1.f}, g == 1 || g == 3});
    }
    return c;
}

QList<QScatterSeries *> seriesNamed(QChart *chart, const QString &prefix) {
    QList<QScatterSeries *> found;
    for (auto *s : chart->series()) {
        if (s->objectName().startsWith(prefix)) {
            found << static_cast<QScatterSeries *>(s);
        }
    }
    return found;
}

int pointCount(const QList<QScatterSeries *> &series) {
    int n = 0;
    for (auto *s : series) {
        n += int(s->count());
    }
    return n;
}

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOkResult = (expr);                                                                           \
        QVERIFY2(verifyOkResult.has_value(), verifyOkResult ? "" : verifyOkResult.error().message.c_str());            \
    } while (false)

} // namespace

class TestInspectorPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        QCOMPARE(ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en")); // English plural forms
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void chartHasOnePointPerStoredSampleAndRingsTheSelected() {
        recordRuns();
        ui::WorkspaceRuns runs;
        ui::InspectorPage page(&runs);
        QAbstractItemModelTester tester(page.clientsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy shown(&page, &ui::InspectorPage::mapShown);
        QSignalSpy texts(&page, &ui::InspectorPage::textsLoaded);
        runs.setWorkspace(m_dir->path());
        QVERIFY(shown.wait(10000));
        QCOMPARE(page.currentRun(), qint64(m_fedhds)); // the clustering run, not the newer FedIT one
        auto *round = page.findChild<QComboBox *>(QStringLiteral("inspector.round"));
        QCOMPARE(round->count(), 2);
        QCOMPARE(round->currentData().toInt(), 2); // the last round
        QCOMPARE(page.clientsModel()->rowCount(), 2);
        auto *table = page.findChild<QTableView *>(QStringLiteral("inspector.clients"));
        QCOMPARE(table->currentIndex().row(), 0); // north-0: the client with a map

        const engine::ClientRoundRecord stored = localClient(2);
        QChart *chart = page.chart();
        QCOMPARE(pointCount(seriesNamed(chart, QStringLiteral("coreset.group.")) +
                            seriesNamed(chart, QStringLiteral("coreset.noise"))),
                 int(stored.map.size()));
        QCOMPARE(seriesNamed(chart, QStringLiteral("coreset.group.")).size(), 3);
        int noise = 0;
        std::set<std::pair<double, double>> selected;
        for (const auto &p : stored.map) {
            noise += p.group < 0 ? 1 : 0;
            if (p.selected) {
                selected.insert({p.x, p.y});
            }
        }
        QCOMPARE(pointCount(seriesNamed(chart, QStringLiteral("coreset.noise"))), noise);
        const auto rings = seriesNamed(chart, QStringLiteral("coreset.selected"));
        QCOMPARE(rings.size(), 1);
        QCOMPARE(int(rings[0]->count()), 3);
        for (const QPointF &p : rings[0]->points()) {
            QVERIFY(selected.count({p.x(), p.y()}) == 1);
        }
        QVERIFY2(page.summary().contains(QStringLiteral("30 samples on its t-SNE map")), qPrintable(page.summary()));
        QVERIFY2(page.summary().contains(QStringLiteral("3 selected")), qPrintable(page.summary()));

        // Hovering a ringed point: its sample id and its own instruction text, from the site's data file.
        if (texts.isEmpty()) {
            QVERIFY(texts.wait(10000));
        }
        QSignalSpy hovered(page.findChild<ui::CoresetChart *>(), &ui::CoresetChart::pointHovered);
        Q_EMIT rings[0]->hovered(rings[0]->at(0), true);
        QCOMPARE(hovered.size(), 1);
        const int index = hovered.at(0).at(0).toInt();
        const auto &point = stored.map[size_t(index)];
        QVERIFY(point.selected);
        const QString tip = page.pointTip(index);
        QVERIFY2(tip.contains(QStringLiteral("Sample %1").arg(point.sample)), qPrintable(tip));
        QVERIFY2(tip.contains(instructionOf(int(point.sample))), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Selected for training")), qPrintable(tip));
        QVERIFY(!page.pointTip(0).contains(QStringLiteral("Selected for training"))); // sample 0 is not selected

        // A reload of the runs (a round committed elsewhere) keeps the same client round drawn, texts and all.
        QSignalSpy clients(&page, &ui::InspectorPage::clientsLoaded);
        runs.refresh();
        QVERIFY(clients.wait(10000));
        QCOMPARE(table->currentIndex().row(), 0);
        QVERIFY2(page.pointTip(index).contains(instructionOf(int(point.sample))), qPrintable(page.pointTip(index)));

        // The remote site's client: only the centers it sent, the chosen ones ringed.
        table->setCurrentIndex(page.clientsModel()->index(1, 0));
        QVERIFY(shown.wait(10000));
        QCOMPARE(pointCount(seriesNamed(chart, QStringLiteral("coreset.centers"))), 4);
        QCOMPARE(pointCount(seriesNamed(chart, QStringLiteral("coreset.chosen"))), 2);
        QCOMPARE(pointCount(seriesNamed(chart, QStringLiteral("coreset.group."))), 0);
        QVERIFY2(page.summary().contains(QStringLiteral("never leave the site")), qPrintable(page.summary()));
        QVERIFY2(page.pointTip(1).contains(QStringLiteral("Chosen by the coordinator")), qPrintable(page.pointTip(1)));

        // Round 1 of north-0: another map, its own selection.
        round->setCurrentIndex(0);
        QVERIFY(shown.wait(10000));
        QCOMPARE(page.clientsModel()->client(table->currentIndex().row()).client, std::string("south-0"));
        table->setCurrentIndex(page.clientsModel()->index(0, 0));
        QVERIFY(shown.wait(10000));
        QCOMPARE(pointCount(seriesNamed(chart, QStringLiteral("coreset.selected"))), 3);
        QCOMPARE(seriesNamed(chart, QStringLiteral("coreset.selected"))[0]->at(0).x(), localClient(1).map[3].x);

        // Switched to Japanese while it shows a map: the summary and the chart's legend follow.
        QCOMPARE(ui::applyLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
        QTRY_VERIFY2(page.summary().contains(QStringLiteral("t-SNE マップ上に 30 サンプル")),
                     qPrintable(page.summary())); // LanguageChange events are posted
        QCOMPARE(seriesNamed(chart, QStringLiteral("coreset.selected"))[0]->name(),
                 QStringLiteral("学習に選ばれたサンプル (3)"));
        QCOMPARE(ui::applyLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QTRY_VERIFY(page.summary().contains(QStringLiteral("30 samples on its t-SNE map")));

        // FedIT clusters nothing: the page says so instead of an empty chart.
        page.showRun(m_fedit);
        QVERIFY(shown.wait(10000));
        QVERIFY(page.chart()->series().isEmpty());
        QVERIFY2(page.summary().contains(QStringLiteral("trains without clustering")), qPrintable(page.summary()));
    }

    void emptyWorkspaceSaysRunAFedHdsTrialFirst() {
        {
            auto store = storage::RunStore::open(m_dir->path().toStdString());
            VERIFY_OK(store);
        }
        ui::WorkspaceRuns runs;
        ui::InspectorPage page(&runs);
        QSignalSpy loaded(&runs, &ui::WorkspaceRuns::loaded);
        runs.setWorkspace(m_dir->path());
        QVERIFY(loaded.wait(10000));
        auto *empty = page.findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY(empty && !empty->isHidden());
        QVERIFY2(empty->text().contains(QStringLiteral("Run a FedHDS trial first")), qPrintable(empty->text()));
        QVERIFY(page.findChild<QWidget *>(QStringLiteral("inspector.content"))->isHidden());
    }

private:
    // Run 1 (fedhds) with two rounds of a local and a remote client; run 2 (fedit), newer, without any map.
    void recordRuns() {
        const QString data = m_dir->filePath(QStringLiteral("north.jsonl"));
        QVERIFY(writeData(data));
        auto store = storage::RunStore::open(m_dir->path().toStdString());
        VERIFY_OK(store);
        engine::TrialSpec trial;
        trial.name = "inspector";
        trial.sourceJson = R"({"name": "inspector", "model": {"path": "model.bin"},
            "sites": [{"name": "north", "data": ["north.jsonl"]},
                      {"name": "south", "agent": {"address": "127.0.0.1:7000", "insecure": true}}],
            "strategies": ["fedhds", "fedit"]})";
        trial.baseDir = m_dir->path().toStdString();
        auto trialId = store->saveTrial(trial);
        VERIFY_OK(trialId);
        const std::vector<storage::SiteClients> sites = {{"north", "", {}, {{"north-0", kSamples / 2}}},
                                                         {"south", "127.0.0.1:7000", {}, {{"south-0", 25}}}};
        auto fedhds = store->createRun(*trialId, "fedhds", 2, 5, sites);
        VERIFY_OK(fedhds);
        m_fedhds = *fedhds;
        auto journal = store->journal(m_fedhds);
        for (int r = 1; r <= 2; ++r) {
            engine::RoundRecord round;
            round.round = r;
            round.clients = {localClient(r), remoteClient()};
            round.globalAdapter = {engine::LoraConfig{}, {}};
            VERIFY_OK(journal->roundCompleted(round));
        }
        VERIFY_OK(store->finishRun(m_fedhds, storage::kRunCompleted, ""));
        auto fedit = store->createRun(*trialId, "fedit", 1, 5, sites);
        VERIFY_OK(fedit);
        m_fedit = *fedit;
        engine::RoundRecord round;
        round.round = 1;
        engine::ClientRoundRecord full = localClient(1);
        full.map.clear();
        full.centers.clear();
        full.selectionBytes = 0;
        full.selected = full.available;
        round.clients = {full};
        round.globalAdapter = {engine::LoraConfig{}, {}};
        VERIFY_OK(store->journal(m_fedit)->roundCompleted(round));
        VERIFY_OK(store->finishRun(m_fedit, storage::kRunCompleted, ""));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int64_t m_fedhds = 0;
    int64_t m_fedit = 0;
};

QTEST_MAIN(TestInspectorPage)
#include "TestInspectorPage.moc"
