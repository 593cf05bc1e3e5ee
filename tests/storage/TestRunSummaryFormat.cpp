// storage::RunSummaryFormat: the one formatting of run figures that fedpilot-cli's tables and the console's models
// share; English by default, other words (the console's translations) through SummaryWords.
#include "fedpilot/storage/RunSummaryFormat.h"

#include <QTest>

#include <cmath>
#include <limits>

using fp::storage::RunSummary;
using fp::storage::RunSummaryFormat;
using fp::storage::SummaryWords;

class TestRunSummaryFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bytes_data() {
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("text");
        QTest::addRow("zero") << qint64(0) << QStringLiteral("0 B");
        QTest::addRow("selection bytes") << qint64(454) << QStringLiteral("454 B");
        QTest::addRow("last whole byte") << qint64(999) << QStringLiteral("999 B");
        QTest::addRow("one kB") << qint64(1000) << QStringLiteral("1.0 kB");
        QTest::addRow("rounds down") << qint64(1049) << QStringLiteral("1.0 kB");
        QTest::addRow("rounds up") << qint64(1050) << QStringLiteral("1.1 kB");
        QTest::addRow("would read 1000.0 kB") << qint64(999'950) << QStringLiteral("1.0 MB");
        QTest::addRow("stays in kB") << qint64(999'949) << QStringLiteral("999.9 kB");
        QTest::addRow("demo run") << qint64(2'949'120) << QStringLiteral("2.9 MB");
        QTest::addRow("GB") << qint64(3'500'000'000) << QStringLiteral("3.5 GB");
        QTest::addRow("largest unit") << qint64(5'000'000'000'000'000) << QStringLiteral("5000.0 TB");
    }
    void bytes() {
        QFETCH(qint64, count);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(RunSummaryFormat().bytes(count)), text);
    }

    void percentages() {
        const RunSummaryFormat format;
        QCOMPARE(format.percent(0.031), std::string("3.10%"));
        QCOMPARE(format.percent(1.0), std::string("100.00%"));
        QCOMPARE(format.percent(0.0), std::string("0.00%"));
        QCOMPARE(format.percent(0.014149), std::string("1.41%"));
        QCOMPARE(format.percent(std::nullopt), std::string("-"));
        QCOMPARE(format.percent(std::numeric_limits<double>::quiet_NaN()), std::string("-"));
        QCOMPARE(format.percent(std::numeric_limits<double>::infinity()), std::string("-"));
    }

    void plainFigures() {
        const RunSummaryFormat format;
        QCOMPARE(format.rounds(2, 3), std::string("2/3"));
        QCOMPARE(format.seconds(20.26), std::string("20.3"));
        QCOMPARE(format.seconds(0.0), std::string("0.0"));
        QCOMPARE(format.cost(0.00649), std::string("0.0065"));
        QCOMPARE(format.loss(2.718281), std::string("2.7183"));
        QCOMPARE(format.loss(std::numeric_limits<double>::quiet_NaN()), std::string("-"));
    }

    void statuses_data() {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("other");
        QTest::addRow("queued") << QString::fromLatin1(fp::storage::kRunQueued) << QStringLiteral("queued")
                                << QStringLiteral("Q");
        QTest::addRow("running") << QString::fromLatin1(fp::storage::kRunRunning) << QStringLiteral("running")
                                 << QStringLiteral("R");
        QTest::addRow("completed") << QString::fromLatin1(fp::storage::kRunCompleted) << QStringLiteral("completed")
                                   << QStringLiteral("C");
        QTest::addRow("failed") << QString::fromLatin1(fp::storage::kRunFailed) << QStringLiteral("failed")
                                << QStringLiteral("F");
        QTest::addRow("interrupted") << QString::fromLatin1(fp::storage::kRunInterrupted)
                                     << QStringLiteral("interrupted") << QStringLiteral("I");
        QTest::addRow("unknown: as stored")
            << QStringLiteral("paused") << QStringLiteral("paused") << QStringLiteral("paused");
    }
    void statuses() {
        QFETCH(QString, stored);
        QFETCH(QString, english);
        QFETCH(QString, other);
        SummaryWords words;
        words.queued = "Q";
        words.running = "R";
        words.completed = "C";
        words.failed = "F";
        words.interrupted = "I";
        QCOMPARE(QString::fromStdString(RunSummaryFormat().status(stored.toStdString())), english);
        QCOMPARE(QString::fromStdString(RunSummaryFormat(words).status(stored.toStdString())), other);
    }

    // Other words: the number goes where "%1" is; a pattern that lost its "%1" still shows the number.
    void otherWords() {
        SummaryWords words;
        words.none = "–";
        words.percent = "%1 %";
        words.bytes = {"%1 o", "%1 ko", "%1 Mo", "%1 Go", "%1 To"};
        const RunSummaryFormat format(words);
        QCOMPARE(format.percent(0.5), std::string("50.00 %"));
        QCOMPARE(format.percent(std::nullopt), std::string("–"));
        QCOMPARE(format.bytes(12), std::string("12 o"));
        QCOMPARE(format.bytes(2'949'120), std::string("2.9 Mo"));
        words.percent = "percent ";
        QCOMPARE(RunSummaryFormat(words).percent(0.25), std::string("percent 25.00"));
    }

    // A whole summary, as the CLI's table and the Runs page show it.
    void cellsOfARun() {
        RunSummary run;
        run.status = fp::storage::kRunCompleted;
        run.completedRounds = 3;
        run.plannedRounds = 3;
        run.lastRougeL = 0.031;
        run.available = 1000;
        run.selected = 14;
        run.bytesDown = 1'500'000;
        run.bytesUp = 1'449'120;
        run.selectionBytes = 454;
        run.seconds = 20.26;
        run.cost = 0.0065;
        const auto cells = RunSummaryFormat().cells(run);
        QCOMPARE(cells.status, std::string("completed"));
        QCOMPARE(cells.rounds, std::string("3/3"));
        QCOMPARE(cells.rougeL, std::string("3.10%"));
        QCOMPARE(cells.dataUsed, std::string("1.40%"));
        QCOMPARE(cells.bytes, std::string("2.9 MB"));
        QCOMPARE(cells.selectionBytes, std::string("454 B"));
        QCOMPARE(cells.seconds, std::string("20.3"));
        QCOMPARE(cells.cost, std::string("0.0065"));

        RunSummary queued; // nothing recorded yet
        queued.status = fp::storage::kRunQueued;
        queued.plannedRounds = 3;
        const auto empty = RunSummaryFormat().cells(queued);
        QCOMPARE(empty.status, std::string("queued"));
        QCOMPARE(empty.rounds, std::string("0/3"));
        QCOMPARE(empty.rougeL, std::string("-"));
        QCOMPARE(empty.dataUsed, std::string("-"));
        QCOMPARE(empty.bytes, std::string("0 B"));
    }
};

QTEST_APPLESS_MAIN(TestRunSummaryFormat)
#include "TestRunSummaryFormat.moc"
