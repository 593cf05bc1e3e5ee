// The Compare page's ROI: the Pareto front of (cost, Rouge-L) and the plain-words summary, from fixed runs.
#include "models/Pareto.h"
#include "models/RoiSummary.h"
#include "models/RunsTableModel.h"
#include "models/WorkspaceRuns.h"
#include "pages/ComparePage.h"

#include <QChart>
#include <QLineSeries>
#include <QListWidget>
#include <QScatterSeries>
#include <QTest>
#include <QToolTip>
#include <QTranslator>

#include <cmath>
#include <limits>
#include <map>

using namespace fp;
using Indices = std::vector<std::size_t>;
Q_DECLARE_METATYPE(std::vector<fp::ui::RoiPoint>)
Q_DECLARE_METATYPE(Indices)

namespace {

storage::RunSummary run(int64_t id, int64_t trialId, const char *strategy, std::optional<double> rougeL, double cost,
                        double seconds, int64_t selected, int64_t available) {
    storage::RunSummary r;
    r.id = id;
    r.trialId = trialId;
    r.trial = trialId == 1 ? "pilot" : "second";
    r.strategy = strategy;
    r.method = strategy; // storage reports a plain strategy entry's own name as its method
    r.status = storage::kRunCompleted;
    r.lastRougeL = rougeL;
    r.cost = cost;
    r.seconds = seconds;
    r.selected = selected;
    r.available = available;
    return r;
}

} // namespace

class TestComparePage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paretoFront_data() {
        QTest::addColumn<std::vector<ui::RoiPoint>>("points");
        QTest::addColumn<Indices>("front");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::addRow("empty") << std::vector<ui::RoiPoint>{} << Indices{};
        QTest::addRow("one") << std::vector<ui::RoiPoint>{{1, 1}} << Indices{0};
        // Cheaper and better dominates; the front runs left to right.
        QTest::addRow("dominated") << std::vector<ui::RoiPoint>{{2, 1}, {1, 2}} << Indices{1};
        QTest::addRow("trade-off") << std::vector<ui::RoiPoint>{{3, 5}, {1, 2}, {2, 4}, {2.5, 3}} << Indices{1, 2, 0};
        // Same Rouge-L for more money is dominated; same cost for less Rouge-L too.
        QTest::addRow("ties dominated") << std::vector<ui::RoiPoint>{{1, 2}, {2, 2}, {1, 1}} << Indices{0};
        QTest::addRow("equal points") << std::vector<ui::RoiPoint>{{1, 2}, {1, 2}} << Indices{0, 1};
        QTest::addRow("nan ignored") << std::vector<ui::RoiPoint>{{nan, 9}, {1, 1}, {2, nan}} << Indices{1};
    }
    void paretoFront() {
        QFETCH(std::vector<ui::RoiPoint>, points);
        QFETCH(Indices, front);
        QCOMPARE(ui::paretoFront(points), front);
    }

    void summaryComparesFedHdsWithFullData() {
        // The best FedHDS-family run (3.1 %, fedhds-intra's 2.0 % is lower) against the full-data run.
        const std::vector runs{run(3, 1, "fedhds", 0.031, 0.17, 10.0, 14, 1000),
                               run(2, 1, "fedhds-intra", 0.020, 0.10, 8.0, 10, 1000),
                               run(1, 1, "full", 0.016, 1.0, 34.0, 1000, 1000)};
        QCOMPARE(ui::RoiSummary::describe(runs),
                 QStringLiteral("pilot: FedHDS reached 3.1 % Rouge-L, against 1.6 % for FedIT on the full data. "
                                "It cost 17 % as much. It finished 3.4x faster. It trained on 1.4 % of the data."));
    }

    void summaryCountsVariantsByTheirMethod() {
        // Variant entries ({"name": "paper", "method": "fedhds"}) count by their method, not by their name.
        auto paper = run(3, 1, "paper", 0.031, 0.17, 10.0, 14, 1000);
        paper.method = "fedhds";
        auto baseline = run(1, 1, "baseline", 0.016, 1.0, 34.0, 1000, 1000);
        baseline.method = "full";
        auto lookalike = run(2, 1, "fedhds-tuned", 0.5, 0.1, 1.0, 1, 1000);
        lookalike.method = "random"; // a name that looks like FedHDS is not enough
        QCOMPARE(ui::RoiSummary::describe(std::vector{paper, lookalike, baseline}),
                 QStringLiteral("pilot: FedHDS reached 3.1 % Rouge-L, against 1.6 % for FedIT on the full data. "
                                "It cost 17 % as much. It finished 3.4x faster. It trained on 1.4 % of the data."));
    }

    void summarySpeaksJapanese() {
        // Japanese puts no space between sentences ("%1 %2" translates to "%1%2").
        QTranslator japanese;
        QVERIFY(japanese.load(QLocale(QLocale::Japanese, QLocale::Japan), QStringLiteral("fedpilot"),
                              QStringLiteral("_"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&japanese));
        const QString text = ui::RoiSummary::compare(run(2, 1, "fedhds", 0.031, 0.17, 10.0, 14, 1000),
                                                     run(1, 1, "full", 0.016, 1.0, 34.0, 1000, 1000));
        QCoreApplication::removeTranslator(&japanese);
        QCOMPARE(text, QStringLiteral("FedHDS は Rouge-L 3.1 % に達しました (全データで学習した FedIT は 1.6 %)。"
                                      "コストは全データの場合の 17 % でした。3.4 倍速く完了しました。"
                                      "学習に使ったのはデータの 1.4 % です。"));
    }

    void summaryLeavesOutWhatWasNotRecorded() {
        // No cost model, slower, no client round: only what the numbers support.
        const auto fedhds = run(2, 1, "fedhds", 0.125, 0.0, 20.0, 0, 0);
        const auto full = run(1, 1, "full", 0.0042, 0.0, 10.0, 8, 8);
        QCOMPARE(ui::RoiSummary::compare(fedhds, full),
                 QStringLiteral("FedHDS reached 12.5 % Rouge-L, against 0.42 % for FedIT on the full data. "
                                "It took 2.0x as long."));
    }

    void summarySaysWhatIsMissing() {
        auto failed = run(4, 2, "full", std::nullopt, 1.0, 1.0, 1, 1);
        failed.status = storage::kRunFailed;
        const std::vector runs{run(5, 2, "fedhds", 0.05, 0.1, 1.0, 1, 10), failed,
                               run(3, 1, "full", 0.02, 1.0, 1.0, 10, 10), run(2, 3, "random", 0.01, 1.0, 1.0, 1, 10)};
        const QString text = ui::RoiSummary::describe(runs);
        QCOMPARE(
            text.split(QStringLiteral("\n\n")),
            QStringList({QStringLiteral("second: FedHDS reached 5.0 % Rouge-L. Run FedIT (full data) on the "
                                        "same trial to compare."),
                         QStringLiteral("pilot: FedIT on the full data reached 2.0 % Rouge-L. Run FedHDS on the "
                                        "same trial to compare."),
                         QStringLiteral("second: Run FedHDS and FedIT (full data) on this trial to compare them.")}));
        QCOMPARE(ui::RoiSummary::describe({}), QString());
    }

    void pageMarksTheFrontAndSummarises() {
        ui::WorkspaceRuns runs;
        ui::ComparePage page(&runs);
        // Cost axis (the first): fedhds (0.17, 3.1 %) and full (1.0, 1.6 %): full costs more for less, so only
        // fedhds is on the front; random (0.05, 1.0 %) is cheaper, so it is on the front too.
        runs.model()->setRuns({run(3, 1, "fedhds", 0.031, 0.17, 10.0, 14, 1000),
                               run(2, 1, "random", 0.010, 0.05, 9.0, 14, 1000),
                               run(1, 1, "full", 0.016, 1.0, 34.0, 1000, 1000)});
        QLineSeries *front = nullptr;
        std::map<QString, QScatterSeries *> strategies;
        for (auto *series : page.chart()->series()) {
            if (series->objectName() == QStringLiteral("compare.pareto")) {
                front = qobject_cast<QLineSeries *>(series);
            } else if (series->objectName().isEmpty()) {
                strategies[series->name()] = qobject_cast<QScatterSeries *>(series);
            }
        }
        QCOMPARE(strategies.size(), 3u);
        QVERIFY(front);
        QCOMPARE(front->points(), QList<QPointF>({{0.05, 1.0}, {0.17, 3.1}}));
        QVERIFY(page.roiSummary().startsWith(QStringLiteral("pilot: FedHDS reached 3.1 % Rouge-L")));
        // Hovering a run names it and says whether it is on the front.
        page.show();
        auto *fedhds = strategies[QStringLiteral("fedhds")];
        Q_EMIT fedhds->hovered(fedhds->at(0), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().startsWith(QStringLiteral("Run 3 (fedhds), trial pilot\nRouge-L 3.10 %, Cost: ")),
                 qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().endsWith(
            QStringLiteral("On the Pareto front: no other run reached a higher Rouge-L for less.")));
        auto *full = strategies[QStringLiteral("full")];
        Q_EMIT full->hovered(full->at(0), true);
        QTRY_VERIFY(QToolTip::text().startsWith(QStringLiteral("Run 1 (full)")));
        QVERIFY(!QToolTip::text().contains(QStringLiteral("Pareto")));
    }

    void untickedRunsLeaveTheChartAndTheSummary() {
        ui::WorkspaceRuns runs;
        ui::ComparePage page(&runs);
        const std::vector all{run(3, 1, "fedhds", 0.031, 0.17, 10.0, 14, 1000),
                              run(2, 1, "random", 0.010, 0.05, 9.0, 14, 1000),
                              run(1, 1, "full", 0.016, 1.0, 34.0, 1000, 1000)};
        runs.model()->setRuns(all);
        auto *list = page.findChild<QListWidget *>(QStringLiteral("compare.runs"));
        QVERIFY(list);
        QCOMPARE(list->count(), 3);
        const auto strategies = [&] {
            QStringList names;
            for (auto *series : page.chart()->series()) {
                if (series->objectName().isEmpty()) {
                    names << series->name();
                }
            }
            names.sort();
            return names;
        };
        QCOMPARE(strategies(),
                 QStringList({QStringLiteral("fedhds"), QStringLiteral("full"), QStringLiteral("random")}));
        QCOMPARE(list->item(0)->text(), QStringLiteral("Run 3 · fedhds · pilot"));
        list->item(0)->setCheckState(Qt::Unchecked); // fedhds out
        QCOMPARE(strategies(), QStringList({QStringLiteral("full"), QStringLiteral("random")}));
        QVERIFY2(page.roiSummary().startsWith(QStringLiteral("pilot: FedIT on the full data reached 1.6 % Rouge-L.")),
                 qPrintable(page.roiSummary()));
        runs.model()->setRuns(all); // the workspace reloads: still out
        QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
        QCOMPARE(strategies(), QStringList({QStringLiteral("full"), QStringLiteral("random")}));
        list->item(0)->setCheckState(Qt::Checked);
        QCOMPARE(strategies().size(), 3);
        QVERIFY(page.roiSummary().startsWith(QStringLiteral("pilot: FedHDS reached 3.1 % Rouge-L")));
    }
};

QTEST_MAIN(TestComparePage)
#include "TestComparePage.moc"
