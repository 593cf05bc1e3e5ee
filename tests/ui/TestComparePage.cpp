// The Compare page's ROI: the Pareto front of (cost, Rouge-L).
#include "models/Pareto.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace fp;
using Indices = std::vector<std::size_t>;
Q_DECLARE_METATYPE(std::vector<fp::ui::RoiPoint>)
Q_DECLARE_METATYPE(Indices)

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
};

QTEST_GUILESS_MAIN(TestComparePage)
#include "TestComparePage.moc"
