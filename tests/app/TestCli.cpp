// End to end: the built fedpilot-cli and fedpilot-agent programs, run as a user would.
#include "support/Programs.h"

#include <QFile>
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

    // Every subcommand (and the agent) answers --help with exit 0 and lists its options.
    void helpOfEachCommandNamesItsOptions_data() {
        QTest::addColumn<QString>("programName");
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QStringList>("options");
        const QString cli = QStringLiteral("fedpilot-cli");
        QTest::addRow("info") << cli << QStringList{QStringLiteral("info")}
                              << QStringList{QStringLiteral("--threads"), QStringLiteral("--device"),
                                             QStringLiteral("--no-bench")};
        QTest::addRow("generate") << cli << QStringList{QStringLiteral("generate")}
                                  << QStringList{QStringLiteral("--model"),       QStringLiteral("--tokenizer"),
                                                 QStringLiteral("--prompt"),      QStringLiteral("--max-new-tokens"),
                                                 QStringLiteral("--temperature"), QStringLiteral("--top-p"),
                                                 QStringLiteral("--seed"),        QStringLiteral("--adapter"),
                                                 QStringLiteral("--stream"),      QStringLiteral("--device")};
        QTest::addRow("convert") << cli << QStringList{QStringLiteral("convert")}
                                 << QStringList{QStringLiteral("--model"), QStringLiteral("--tokenizer"),
                                                QStringLiteral("--out")};
        QTest::addRow("cluster") << cli << QStringList{QStringLiteral("cluster")}
                                 << QStringList{QStringLiteral("--input"),       QStringLiteral("--min-cluster-size"),
                                                QStringLiteral("--min-samples"), QStringLiteral("--tsne"),
                                                QStringLiteral("--perplexity"),  QStringLiteral("--seed")};
        QTest::addRow("select") << cli << QStringList{QStringLiteral("select")}
                                << QStringList{QStringLiteral("--model"),
                                               QStringLiteral("--data"),
                                               QStringLiteral("--partition"),
                                               QStringLiteral("--clients"),
                                               QStringLiteral("--held-out"),
                                               QStringLiteral("--strategy"),
                                               QStringLiteral("--budget-per-round"),
                                               QStringLiteral("--dump-features")};
        QTest::addRow("run") << cli << QStringList{QStringLiteral("run")}
                             << QStringList{QStringLiteral("--workspace"), QStringLiteral("--strategy"),
                                            QStringLiteral("--threads")};
        QTest::addRow("resume") << cli << QStringList{QStringLiteral("resume")}
                                << QStringList{QStringLiteral("--workspace"), QStringLiteral("--threads")};
        QTest::addRow("runs") << cli << QStringList{QStringLiteral("runs")}
                              << QStringList{QStringLiteral("--workspace"), QStringLiteral("--csv"),
                                             QStringLiteral("--clients")};
        QTest::addRow("agents") << cli << QStringList{QStringLiteral("agents")} << QStringList{QStringLiteral("check")};
        QTest::addRow("demo") << cli << QStringList{QStringLiteral("demo")}
                              << QStringList{QStringLiteral("--workspace"), QStringLiteral("--shared")};
        QTest::addRow("agent") << QStringLiteral("fedpilot-agent") << QStringList{}
                               << QStringList{QStringLiteral("--listen"),     QStringLiteral("--site"),
                                              QStringLiteral("--tls-cert"),   QStringLiteral("--tls-key"),
                                              QStringLiteral("--client-ca"),  QStringLiteral("--insecure"),
                                              QStringLiteral("--token-file"), QStringLiteral("--audit-dir"),
                                              QStringLiteral("--stats-file"), QStringLiteral("--threads")};
    }
    void helpOfEachCommandNamesItsOptions() {
        QFETCH(QString, programName);
        QFETCH(QStringList, command);
        QFETCH(QStringList, options);
        const auto r = runProgram(program(programName), command + QStringList{QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const auto &option : options) {
            QVERIFY2(r.out.contains(option), qPrintable(option + QStringLiteral(" not in:\n") + r.out));
        }
    }

    void unknownOptionOfEachProgramExitsTwoNamingIt_data() {
        QTest::addColumn<QString>("programName");
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("select") << QStringLiteral("fedpilot-cli")
                                << QStringList{QStringLiteral("select"), QStringLiteral("--model"),
                                               QStringLiteral("m"),      QStringLiteral("--data"),
                                               QStringLiteral("d"),      QStringLiteral("--frobnicate")};
        QTest::addRow("runs") << QStringLiteral("fedpilot-cli")
                              << QStringList{QStringLiteral("runs"), QStringLiteral("--frobnicate=3")};
        QTest::addRow("agent") << QStringLiteral("fedpilot-agent") << QStringList{QStringLiteral("--frobnicate")};
        // Named even when a required option is missing too.
        QTest::addRow("generate without --model")
            << QStringLiteral("fedpilot-cli")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--frobnicate")};
    }
    void unknownOptionOfEachProgramExitsTwoNamingIt() {
        QFETCH(QString, programName);
        QFETCH(QStringList, arguments);
        const auto r = runProgram(program(programName), arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown option --frobnicate")), qPrintable(r.err));
    }

    // An option that takes one value is refused when repeated, instead of keeping one silently.
    void repeatedSingleValueOptionIsRefused() {
        const auto r = runProgram(program(QStringLiteral("fedpilot-cli")),
                                  {QStringLiteral("generate"), QStringLiteral("--model"), QStringLiteral("a.bin"),
                                   QStringLiteral("--model"), QStringLiteral("b.bin")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--model was given 2 times")), qPrintable(r.err));
    }

    // `select --data A --data B` reads both: holding out B's only task works only when B was read (otherwise
    // "held-out task does not occur", exit 2), and so does A's. The partition then succeeds and the missing model
    // is what stops the command (exit 3, naming it), before any model work.
    void selectReadsEveryDataOption() {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const char *category) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 3; ++i) {
                f.write(QStringLiteral("{\"instruction\": \"say %1\", \"context\": \"\", \"response\": \"%1\", "
                                       "\"category\": \"%2\"}\n")
                            .arg(i)
                            .arg(QLatin1String(category))
                            .toUtf8());
            }
        };
        write(QStringLiteral("a.jsonl"), "alpha");
        write(QStringLiteral("b.jsonl"), "beta");
        const QString missingModel = dir.filePath(QStringLiteral("no-such-model.bin"));
        for (const char *heldOut : {"alpha", "beta"}) {
            const auto r = runProgram(program(QStringLiteral("fedpilot-cli")),
                                      {QStringLiteral("select"), QStringLiteral("--model"), missingModel,
                                       QStringLiteral("--data"), dir.filePath(QStringLiteral("a.jsonl")),
                                       QStringLiteral("--data"), dir.filePath(QStringLiteral("b.jsonl")),
                                       QStringLiteral("--held-out"), QLatin1String(heldOut)});
            QVERIFY2(r.exitCode == 3, qPrintable(QString::number(r.exitCode) + QLatin1Char(' ') + r.err));
            QVERIFY2(r.err.contains(QStringLiteral("no-such-model.bin")), qPrintable(r.err));
        }
        // The control: a task that is in neither file is a bad command line.
        const auto r =
            runProgram(program(QStringLiteral("fedpilot-cli")),
                       {QStringLiteral("select"), QStringLiteral("--model"), missingModel, QStringLiteral("--data"),
                        dir.filePath(QStringLiteral("a.jsonl")), QStringLiteral("--held-out"), QStringLiteral("beta")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'beta'")), qPrintable(r.err));
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
