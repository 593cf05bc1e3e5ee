#include "fedpilot/ui/MainWindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The window remembers its state with QSettings: keep the tests' own apart from the user's.
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void speaksJapanese() {
        QTranslator japanese;
        QVERIFY(japanese.load(QLocale(QLocale::Japanese, QLocale::Japan), QStringLiteral("fedpilot"),
                              QStringLiteral("_"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&japanese));
        fp::ui::MainWindow window;
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QCOMPARE(navigation->item(1)->text(), QStringLiteral("モニター"));
        QCOMPARE(navigation->item(2)->text(), QStringLiteral("実行"));
        QCOMPARE(navigation->item(3)->text(), QStringLiteral("比較"));
        QCoreApplication::removeTranslator(&japanese);
        fp::ui::MainWindow english;
        QCOMPARE(english.findChild<QListWidget *>(QStringLiteral("navigation"))->item(2)->text(),
                 QStringLiteral("Runs"));
    }

    // Every string of ui/ and app/gui has a Japanese translation: lupdate run over the sources (on a copy of the
    // .ts file) adds no unfinished entry, and no entry of the file is unfinished or empty.
    void everyStringIsTranslated() {
        const QString source = qEnvironmentVariable("FP_SOURCE_DIR");
        if (source.isEmpty()) {
            QSKIP("FP_SOURCE_DIR is not set");
        }
        const QString ts = source + QStringLiteral("/resources/translations/fedpilot_ja.ts");
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("fedpilot_ja.ts"));
        QVERIFY(QFile::copy(ts, copy));
        const QString lupdate = QStringLiteral("/usr/lib/qt6/bin/lupdate");
        if (QFileInfo::exists(lupdate)) {
            QProcess process;
            process.setWorkingDirectory(source);
            process.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("ui"), QStringLiteral("app/gui"),
                                    QStringLiteral("-ts"), copy});
            QVERIFY(process.waitForFinished(120000));
            QCOMPARE(process.exitCode(), 0);
        }
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        const QRegularExpression message(
            QStringLiteral("<source>(.*?)</source>.*?<translation([^>]*)>(.*?)</translation>"),
            QRegularExpression::DotMatchesEverythingOption);
        QStringList missing;
        int messages = 0;
        for (auto it = message.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            ++messages;
            const bool unfinished = m.captured(2).contains(QStringLiteral("unfinished"));
            const bool vanished = m.captured(2).contains(QStringLiteral("vanished")) ||
                                  m.captured(2).contains(QStringLiteral("obsolete"));
            if (!vanished && (unfinished || m.captured(3).trimmed().isEmpty())) {
                missing << m.captured(1);
            }
        }
        QVERIFY(messages > 40);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("untranslated: ") + missing.join(QStringLiteral(" | "))));
    }

    void hasEveryPage() {
        fp::ui::MainWindow window;
        const QStringList expected = {QStringLiteral("page.trials"),  QStringLiteral("page.monitor"),
                                      QStringLiteral("page.runs"),    QStringLiteral("page.compare"),
                                      QStringLiteral("page.reports"), QStringLiteral("page.inspector")};
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

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
