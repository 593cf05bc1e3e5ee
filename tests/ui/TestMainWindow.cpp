#include "fedpilot/ui/MainWindow.h"

#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hasEveryPage() {
        fp::ui::MainWindow window;
        const QStringList expected = {QStringLiteral("page.trials"), QStringLiteral("page.runs"),
                                      QStringLiteral("page.compare"), QStringLiteral("page.reports")};
        QCOMPARE(window.pageNames(), expected);
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        QCOMPARE(navigation->count(), window.pageCount());
    }

    void navigationSwitchesPages() {
        fp::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *stack = window.findChild<QStackedWidget *>();
        QVERIFY(stack);
        QVERIFY(window.showPage(QStringLiteral("page.compare")));
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("page.compare"));
        QVERIFY(!window.showPage(QStringLiteral("page.missing")));
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("page.compare"));
    }

    void emptyPagesSayWhatToDo() {
        fp::ui::MainWindow window;
        for (const QString &name : window.pageNames()) {
            auto *page = window.findChild<QWidget *>(name);
            QVERIFY(page);
            auto *empty = page->findChild<QLabel *>(QStringLiteral("emptyState"));
            QVERIFY2(empty && !empty->text().isEmpty(), qPrintable(name));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
