// fedpilot-cli run / resume / runs end to end, with real processes: a run killed with SIGKILL at random moments
// (and inside a checkpoint write) resumes to bit-identical results; bad input and a full disk give clear errors
// and leave the workspace intact.
#include "../support/Programs.h"
#include "../support/RunExports.h"
#include "../support/SharedData.h"

#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace fp::test;

namespace {

const QString kTasks = QStringLiteral("/data/natural-instructions-v1/tasks/");

// A small two-site trial: 4 clients (NI tasks, 40 samples each), 12 rounds, one held-out task (about 5 s).
QString trialJson(const QString &shared, const QString &strategies = QStringLiteral("\"fedhds\"")) {
    const QString t = shared + kTasks;
    return QStringLiteral(R"({
  "name": "e2e trial",
  "model": {"path": "%1/models/stories260K/stories260K.bin", "max_tokens": 128, "feature_tokens": 64},
  "sites": [
    {"name": "north", "data": ["%2subtask053_multirc_correct_bad_question.json",
                               "%2subtask008_mctaco_wrong_answer_generation_transient_stationary.json"],
     "max_samples_per_client": 40, "cost": {"compute_per_hour": 3.6, "transfer_per_gb": 0.1}},
    {"name": "south", "data": ["%2subtask006_mctaco_question_generation_transient_stationary.json",
                               "%2subtask045_miscellaneous_sentence_paraphrasing.json",
                               "%2subtask047_misc_answering_science_questions.json"],
     "max_samples_per_client": 40}
  ],
  "strategies": [%3],
  "selection": {"min_cluster_size": 3, "tsne_iterations": 250},
  "schedule": {"rounds": 12, "participation": 1.0, "learning_rate": 1e-3, "seed": 3},
  "evaluation": {"held_out_tasks": ["subtask047_misc_answering_science_questions"], "max_samples_per_task": 3,
                 "max_new_tokens": 16, "data": ["%2subtask047_misc_answering_science_questions.json"]}
})")
        .arg(shared, t, strategies);
}

void writeText(const QString &path, const QString &text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

QString cli() { return program(QStringLiteral("fedpilot-cli")); }
// The same commands built with the crash-injection hook (FP_FAULT_KILL_AT; CMake option FP_FAULT_INJECTION).
QString cliWithFaults() { return program(QStringLiteral("fedpilot-cli-faults")); }

QString integrity(const QString &workspace) {
    auto ws = fp::storage::Workspace::open((workspace + QStringLiteral("/workspace.sqlite")).toStdString());
    if (!ws) {
        return QString::fromStdString(ws.error().message);
    }
    return QString::fromStdString(ws->integrityCheck().value_or("integrity check failed"));
}

} // namespace

class TestFederatedRuns : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_shared;
    QString m_trial;

    static QString exportCsv(const QString &workspace, bool clients) { return exportRunsCsv(workspace, clients); }

    QString twoStrategyTrial() {
        const QString path = m_dir.filePath(QStringLiteral("two-strategies.json"));
        writeText(path, trialJson(m_shared, QStringLiteral("\"fedhds\", \"fedit\"")));
        return path;
    }

    // "1 fedhds completed 12, 2 full queued 0": each run's id, strategy, status and completed rounds, oldest
    // first, as the workspace reads now; empty before the workspace database exists.
    static QString runStatuses(const QString &workspace) {
        if (!QFile::exists(workspace + QStringLiteral("/workspace.sqlite"))) {
            return {};
        }
        auto store = fp::storage::RunStore::open(workspace.toStdString());
        auto runs = store ? store->listRuns() : fp::Result<std::vector<fp::storage::RunSummary>>{};
        if (!runs) {
            return QString::fromStdString(store ? runs.error().message : store.error().message);
        }
        QStringList parts;
        for (auto it = runs->rbegin(); it != runs->rend(); ++it) {
            parts << QStringLiteral("%1 %2 %3 %4")
                         .arg(it->id)
                         .arg(QString::fromStdString(it->strategy), QString::fromStdString(it->status))
                         .arg(it->completedRounds);
        }
        return parts.join(QStringLiteral(", "));
    }

private Q_SLOTS:
    void initTestCase() {
        FP_REQUIRE_SHARED_FILE(model, "models/stories260K/stories260K.bin");
        FP_REQUIRE_SHARED_FILE(data, "data/natural-instructions-v1/tasks");
        m_shared = QString::fromStdString(*fp::test::sharedDir());
        m_trial = m_dir.filePath(QStringLiteral("trial.json"));
        writeText(m_trial, trialJson(m_shared));
    }

    void killedRunsResumeBitIdentical() {
        const QString whole = m_dir.filePath(QStringLiteral("whole"));
        // The reference run is also the proof that the installed program has no crash-injection hook: the
        // variable that kills fedpilot-cli-faults below changes nothing here.
        qputenv("FP_FAULT_KILL_AT", "checkpoint-written:1");
        const auto reference =
            runProgram(cli(), {QStringLiteral("run"), m_trial, QStringLiteral("--workspace"), whole});
        qunsetenv("FP_FAULT_KILL_AT");
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.out + reference.err));
        QVERIFY2(reference.out.contains(QStringLiteral("fedhds")), qPrintable(reference.out));

        // Kill points: inside the checkpoint write (files written, transaction not yet committed), inside the
        // transaction, right after a commit, then random moments (start-up included) until 6 kills. A random kill
        // that comes too late (that resume already went to the end) leaves fewer kills: then the whole sequence
        // starts over in a fresh workspace (at most twice), and exactly 6 kills are required.
        QString killed = m_dir.filePath(QStringLiteral("killed"));
        const QStringList injected = {QStringLiteral("checkpoint-written:1"), QStringLiteral("before-commit:2"),
                                      QStringLiteral("round-committed:3")};
        constexpr int kWantedKills = 6;
        int kills = 0, restarts = 0;
        bool finished = false;
        for (int attempt = 0; attempt < 30 && !finished; ++attempt) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            const bool inject = attempt < injected.size();
            if (inject) {
                env.insert(QStringLiteral("FP_FAULT_KILL_AT"), injected[attempt]);
            }
            process.setProcessEnvironment(env);
            const QStringList args =
                attempt == 0 ? QStringList{QStringLiteral("run"), m_trial, QStringLiteral("--workspace"), killed}
                             : QStringList{QStringLiteral("resume"), QStringLiteral("--workspace"), killed};
            process.start(cliWithFaults(), args);
            QVERIFY(process.waitForStarted());
            if (!inject && kills < kWantedKills) {
                QThread::msleep(150 + QRandomGenerator::global()->bounded(850));
                ::kill(pid_t(process.processId()), SIGKILL);
            }
            QVERIFY(process.waitForFinished(300000));
            const bool wasKilled = process.exitStatus() == QProcess::CrashExit;
            kills += wasKilled ? 1 : 0;
            QCOMPARE(integrity(killed), QStringLiteral("ok"));
            if (!wasKilled) {
                QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromUtf8(process.readAllStandardError())));
                if (kills < kWantedKills && restarts < 2) {
                    qInfo("a kill came too late (%d kills): starting over", kills);
                    killed = m_dir.filePath(QStringLiteral("killed-%1").arg(++restarts));
                    kills = 0;
                    attempt = -1; // the next attempt is a fresh `run` with the injected kills
                    continue;
                }
                finished = true; // this run or resume went to the end
            }
        }
        QVERIFY(finished);
        qInfo("run killed %d times (3 inside checkpoint writes), resumed to the end", kills);
        QCOMPARE(kills, kWantedKills);
        QCOMPARE(deterministicRows(exportCsv(killed, true)), deterministicRows(exportCsv(whole, true)));
        QCOMPARE(deterministicRows(exportCsv(killed, false)), deterministicRows(exportCsv(whole, false)));
        const QString last = QStringLiteral("/artifacts/run-1/round-12/adapter_model.safetensors");
        QFile a(whole + last), b(killed + last);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(), "final adapters differ");
    }

    // FedHDS's paper mode (a named strategy variant) and its default mode in one trial: each run is recorded under
    // its own name with its own selection, and a killed variant resumes, rebuilt from the stored trial, to the
    // records of an uninterrupted run.
    void paperAndDefaultModesRunSideBySideAndAVariantResumes() {
        const QString variant = QStringLiteral(R"({"name": "fedhds-paper", "method": "fedhds",
            "selection": {"centers": "tsne", "hdbscan": "python-hdbscan"}}, "fedhds")");
        const QString trial = m_dir.filePath(QStringLiteral("variants.json"));
        writeText(
            trial,
            trialJson(m_shared, variant).replace(QStringLiteral("\"rounds\": 12"), QStringLiteral("\"rounds\": 4")));
        const QString whole = m_dir.filePath(QStringLiteral("variants-whole"));
        const auto r = runProgram(cli(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), whole});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("fedhds-paper")), qPrintable(r.out)); // the comparison table
        const auto listed =
            runProgram(cli(), {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"), whole});
        QVERIFY2(listed.out.contains(QStringLiteral("fedhds-paper")), qPrintable(listed.out));

        // Client rows per strategy name: both names recorded, and the selections differ (2-D t-SNE centers and
        // the Python hdbscan definition against 4-D projected ones and R dbscan's).
        const QStringList rows = deterministicRows(exportCsv(whole, true));
        const int strategyColumn = rows.value(0).split(QLatin1Char(',')).indexOf(QStringLiteral("strategy"));
        const int bytesColumn = rows.value(0).split(QLatin1Char(',')).indexOf(QStringLiteral("selection_bytes"));
        QVERIFY(strategyColumn >= 0 && bytesColumn >= 0);
        QMap<QString, QStringList> byStrategy;
        QMap<QString, qint64> selectionBytes;
        for (const auto &row : rows.mid(1)) {
            const auto cells = row.split(QLatin1Char(','));
            byStrategy[cells.value(strategyColumn)] << cells.mid(strategyColumn + 1).join(QLatin1Char(','));
            selectionBytes[cells.value(strategyColumn)] += cells.value(bytesColumn).toLongLong();
        }
        QCOMPARE(byStrategy.keys(), (QStringList{QStringLiteral("fedhds"), QStringLiteral("fedhds-paper")}));
        QCOMPARE(byStrategy[QStringLiteral("fedhds")].size(), byStrategy[QStringLiteral("fedhds-paper")].size());
        QVERIFY(byStrategy[QStringLiteral("fedhds")] != byStrategy[QStringLiteral("fedhds-paper")]);
        QVERIFY(selectionBytes[QStringLiteral("fedhds")] > 0 && selectionBytes[QStringLiteral("fedhds-paper")] > 0);

        // The variant is the trial's first entry: killed after its round 2, then resumed from the stored trial.
        const QString killed = m_dir.filePath(QStringLiteral("variants-killed"));
        qputenv("FP_FAULT_KILL_AT", "round-committed:2");
        const auto k =
            runProgram(cliWithFaults(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), killed});
        qunsetenv("FP_FAULT_KILL_AT");
        QVERIFY2(k.exitCode != 0, qPrintable(k.out + k.err));
        const auto resumed =
            runProgram(cli(), {QStringLiteral("resume"), QStringLiteral("1"), QStringLiteral("--workspace"), killed});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QVERIFY2(resumed.out.contains(QStringLiteral("fedhds-paper")), qPrintable(resumed.out));
        auto variantRows = [](const QStringList &all) {
            QStringList kept{all.value(0)};
            for (const auto &row : all) {
                if (row.contains(QStringLiteral(",fedhds-paper,"))) {
                    kept << row;
                }
            }
            return kept;
        };
        const QStringList resumedRows = variantRows(deterministicRows(exportCsv(killed, true)));
        QCOMPARE(resumedRows.size(), byStrategy[QStringLiteral("fedhds-paper")].size() + 1);
        QCOMPARE(resumedRows, variantRows(rows));
    }

    // A trial of two strategies killed during the first: the second was queued before the first started, so
    // `runs list` shows it and a bare `resume` runs both to the end, with the records of an uninterrupted run.
    void killDuringTheFirstStrategyResumesBoth() {
        const QString trial = twoStrategyTrial();
        const QString whole = m_dir.filePath(QStringLiteral("two-whole"));
        const auto reference =
            runProgram(cli(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), whole}, 600000);
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.out + reference.err));

        const QString killed = m_dir.filePath(QStringLiteral("two-killed"));
        qputenv("FP_FAULT_KILL_AT", "round-committed:2");
        const auto crashed =
            runProgram(cliWithFaults(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), killed});
        qunsetenv("FP_FAULT_KILL_AT");
        QVERIFY2(crashed.exitCode != 0, qPrintable(crashed.out + crashed.err));
        const auto listed =
            runProgram(cli(), {QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"), killed});
        QVERIFY2(listed.out.contains(QRegularExpression(QStringLiteral("\\n1 +fedhds +interrupted +2/12"))),
                 qPrintable(listed.out));
        QVERIFY2(listed.out.contains(QRegularExpression(QStringLiteral("\\n2 +full +queued +0/12"))),
                 qPrintable(listed.out));

        const auto resumed =
            runProgram(cli(), {QStringLiteral("resume"), QStringLiteral("--workspace"), killed}, 600000);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QCOMPARE(runStatuses(killed), QStringLiteral("1 fedhds completed 12, 2 full completed 12"));
        QCOMPARE(deterministicRows(exportCsv(killed, true)), deterministicRows(exportCsv(whole, true)));
        QCOMPARE(deterministicRows(exportCsv(killed, false)), deterministicRows(exportCsv(whole, false)));
    }

    // While a live process holds a trial's runs (here stopped with SIGSTOP, so it cannot finish meanwhile), no
    // other process runs them: resume of its running or queued run and a second run of the trial are refused
    // with the run and the process named, and a bare resume leaves them alone. Once it is killed, its running
    // run reads as interrupted and resume completes both.
    void aRunHeldByALiveProcessIsNeverRunTwice() {
        const QString trial = twoStrategyTrial();
        const QString workspace = m_dir.filePath(QStringLiteral("held"));
        QProcess holder;
        holder.start(cli(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), workspace});
        QVERIFY(holder.waitForStarted());
        const QString pid = QString::number(holder.processId());
        // Waits (without a time limit of its own; ctest's applies) for run 1 to be running in the database.
        while (runStatuses(workspace).indexOf(QStringLiteral("1 fedhds running")) != 0) {
            QVERIFY2(holder.state() == QProcess::Running, holder.readAllStandardError().constData());
            QThread::msleep(20);
        }
        ::kill(pid_t(holder.processId()), SIGSTOP);

        const auto again = runProgram(
            cli(), {QStringLiteral("resume"), QStringLiteral("1"), QStringLiteral("--workspace"), workspace});
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.err.contains(QStringLiteral("run 1 (fedhds of trial 'e2e trial') is running in process ") + pid),
                 qPrintable(again.err));
        const auto queued = runProgram(
            cli(), {QStringLiteral("resume"), QStringLiteral("2"), QStringLiteral("--workspace"), workspace});
        QVERIFY(queued.exitCode != 0);
        QVERIFY2(queued.err.contains(QStringLiteral("run 2 (full of trial 'e2e trial') is queued in process ") + pid),
                 qPrintable(queued.err));
        const auto second = runProgram(cli(), {QStringLiteral("run"), trial, QStringLiteral("--workspace"), workspace});
        QVERIFY(second.exitCode != 0);
        QVERIFY2(second.err.contains(QStringLiteral("trial 'e2e trial' is already being run: run 1")) &&
                     second.err.contains(QStringLiteral("process ") + pid),
                 qPrintable(second.err));
        const auto bare = runProgram(cli(), {QStringLiteral("resume"), QStringLiteral("--workspace"), workspace});
        QVERIFY2(bare.exitCode == 0 && bare.out.contains(QStringLiteral("nothing to resume")), qPrintable(bare.out));
        const QString whileHeld = runStatuses(workspace);
        QVERIFY2(whileHeld.startsWith(QStringLiteral("1 fedhds running ")) &&
                     whileHeld.endsWith(QStringLiteral(", 2 full queued 0")),
                 qPrintable(whileHeld));

        ::kill(pid_t(holder.processId()), SIGKILL);
        QVERIFY(holder.waitForFinished());
        const QString afterKill = runStatuses(workspace);
        QVERIFY2(afterKill.startsWith(QStringLiteral("1 fedhds interrupted ")) &&
                     afterKill.endsWith(QStringLiteral(", 2 full queued 0")),
                 qPrintable(afterKill));
        const auto resumed =
            runProgram(cli(), {QStringLiteral("resume"), QStringLiteral("--workspace"), workspace}, 600000);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QCOMPARE(runStatuses(workspace), QStringLiteral("1 fedhds completed 12, 2 full completed 12"));
    }

    void badTrialFilesExitWithThreeAndNameTheField_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::addRow("not json") << QStringLiteral("{ \"name\": ") << QStringLiteral("not valid JSON");
        QTest::addRow("rounds out of range")
            << trialJson(m_shared).replace(QStringLiteral("\"rounds\": 12"), QStringLiteral("\"rounds\": 0"))
            << QStringLiteral("schedule.rounds");
        QTest::addRow("missing data file")
            << trialJson(m_shared).replace(QStringLiteral("subtask053"), QStringLiteral("subtask999"))
            << QStringLiteral("subtask999");
        QTest::addRow("held-out task nowhere")
            << trialJson(m_shared).replace(QStringLiteral("[\"subtask047_misc_answering_science_questions\"]"),
                                           QStringLiteral("[\"no_such_task\"]"))
            << QStringLiteral("no_such_task");
    }
    void badTrialFilesExitWithThreeAndNameTheField() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        const QString path = m_dir.filePath(QStringLiteral("bad.json"));
        writeText(path, text);
        const QString workspace = m_dir.filePath(QStringLiteral("bad-ws"));
        const auto r = runProgram(cli(), {QStringLiteral("run"), path, QStringLiteral("--workspace"), workspace});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(needle), qPrintable(r.err));
    }

    void diskFullWhileCheckpointingKeepsTheDatabase() {
        // The tmpfs needs a private mount namespace (root or CAP_SYS_ADMIN). Without one the test cannot run: a
        // skip on a developer's machine, a failure on CI, whose runner must provide it.
        if (QProcess::execute(QStringLiteral("unshare"), {QStringLiteral("-m"), QStringLiteral("true")}) != 0) {
            const char *reason =
                "cannot create a private mount namespace here (unshare -m needs root or CAP_SYS_ADMIN)";
            if (isCi()) {
                QFAIL(reason);
            }
            QSKIP(reason);
        }
        const QString workspace = m_dir.filePath(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(workspace + QStringLiteral("/artifacts")));
        // The artifacts folder gets a 256 kB tmpfs: round 1's adapter (about 190 kB) fits, round 2's does not.
        const QString script = QStringLiteral("mount -t tmpfs -o size=256k tmpfs '%1/artifacts' && exec '%2' run '%3' "
                                              "--workspace '%1'")
                                   .arg(workspace, cli(), m_trial);
        const auto r = runProgram(QStringLiteral("unshare"),
                                  {QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script});
        QVERIFY2(r.exitCode != 0, qPrintable(r.out + r.err));
        QVERIFY2(r.err.contains(QStringLiteral("No space left on device")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("round 2")), qPrintable(r.err));
        QCOMPARE(integrity(workspace), QStringLiteral("ok"));
        const auto shown = runProgram(cli(), {QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1"),
                                              QStringLiteral("--workspace"), workspace});
        QVERIFY2(shown.exitCode == 0 && shown.out.contains(QStringLiteral("failed")), qPrintable(shown.out));
        QVERIFY2(shown.out.contains(QStringLiteral("1/12 rounds")), qPrintable(shown.out));
    }
};

QTEST_GUILESS_MAIN(TestFederatedRuns)
#include "TestFederatedRuns.moc"
