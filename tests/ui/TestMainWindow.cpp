#include "fedpilot/ui/MainWindow.h"

#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QTest>
#include <QTranslator>

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void speaksJapanese() {
        QTranslator japanese;
        QVERIFY(japanese.load(QLocale(QLocale::Japanese, QLocale::Japan), QStringLiteral("fedpilot"),
                              QStringLiteral("_"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&japanese));
        fp::ui::MainWindow window;
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QCOMPARE(navigation->item(1)->text(), QStringLiteral("実行"));
        QCOMPARE(navigation->item(2)->text(), QStringLiteral("比較"));
        QCoreApplication::removeTranslator(&japanese);
        fp::ui::MainWindow english;
        QCOMPARE(english.findChild<QListWidget *>(QStringLiteral("navigation"))->item(1)->text(),
                 QStringLiteral("Runs"));
    }

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
