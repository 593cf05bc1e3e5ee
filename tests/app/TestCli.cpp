// End to end: the built fedpilot-cli and fedpilot-agent programs, run as a user would.
#include "support/Programs.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using fp::test::program;
using fp::test::runProgram;

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void infoPrintsVersionsThreadsAndSpeed() {
        const auto r = runProgram(program(QStringLiteral("fedpilot-cli")),
                                  {QStringLiteral("info"), QStringLiteral("--threads"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char *field : {"LibTorch", "Qt", "gRPC", "SQLite", "device", "threads", "BLAS"}) {
            QVERIFY2(r.out.contains(QLatin1String(field)), field);
        }
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("threads +1 of \\d+ cores"))));
        const auto match = QRegularExpression(QStringLiteral("matmul +([0-9.]+) GFLOP/s")).match(r.out);
        QVERIFY2(match.hasMatch(), qPrintable(r.out));
        QVERIFY(match.captured(1).toDouble() > 0.0);
    }

    void badCommandLinesExitWithTwo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command");
        QTest::addRow("unknown option") << QStringList{QStringLiteral("info"), QStringLiteral("--thread=2")}
                                        << QStringLiteral("unknown option --thread");
        QTest::addRow("bad threads") << QStringList{QStringLiteral("info"), QStringLiteral("--threads"),
                                                    QStringLiteral("zero")}
                                     << QStringLiteral("--threads: expected an integer");
        QTest::addRow("bad device") << QStringList{QStringLiteral("info"), QStringLiteral("--device"),
                                                   QStringLiteral("tpu")}
                                    << QStringLiteral("--device");
    }
    void badCommandLinesExitWithTwo() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto r = runProgram(program(QStringLiteral("fedpilot-cli")), arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void demoRunsEachSiteInItsOwnAgentAndComparesStrategies() {
        QTemporaryDir dir;
        const auto r = runProgram(program(QStringLiteral("fedpilot-cli")),
                                  {QStringLiteral("demo"), QStringLiteral("--workspace"), dir.path()}, 600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        // Each site is served by its own fedpilot-agent process over TLS.
        QVERIFY2(r.out.contains(QStringLiteral("agent     site tokyo")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("agent     site osaka")), qPrintable(r.out));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("tls/ca.pem"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("workspace.sqlite"))));
        // The comparison: one completed row per strategy, FedHDS on a small fraction of the data, FedIT on all.
        static const QRegularExpression fedhds(QStringLiteral("\\n1 +fedhds +completed +3/3 +[0-9.]+% +([0-9.]+)%"));
        static const QRegularExpression fedit(QStringLiteral("\\n2 +full +completed +3/3 +[0-9.]+% +100.00%"));
        const auto match = fedhds.match(r.out);
        QVERIFY2(match.hasMatch(), qPrintable(r.out));
        QVERIFY2(match.captured(1).toDouble() < 10.0, qPrintable(r.out));
        QVERIFY2(fedit.match(r.out).hasMatch(), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("demo finished")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
