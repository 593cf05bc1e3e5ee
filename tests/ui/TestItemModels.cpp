// Every item model of the console passes QAbstractItemModelTester while it is filled from a real workspace (runs of
// a tiny two-site trial recorded by fp_runner: completed, paused and queued runs), refreshed with new values, and
// reset by a new trial. A model class added under ui/ without a case here fails modelsAreAllCovered().
#include "RunnerTrialExecutor.h"

#include "models/RunsTableModel.h"
#include "models/TrialsModel.h"
#include "models/WorkspaceRuns.h"
#include "models/WorkspaceTrials.h"

#include "fedpilot/engine/Trial.h"
#include "fedpilot/storage/RunStore.h"

#include "support/SharedData.h"
#include "support/TinyTrial.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace fp;

namespace {

const QStringList kTestedModels = {QStringLiteral("TrialsModel"), QStringLiteral("RunsTableModel")};

std::string trialJson(const QString &shared, const QString &name) {
    return test::tinyTrialJson(shared, name, 2).toStdString();
}

} // namespace

class TestItemModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Records, in a fresh workspace, trial "complete" run to the end and trial "paused" paused after round 1.
    void initTestCase() {
        FP_REQUIRE_SHARED_FILE(tasks, "data/natural-instructions-v1/tasks");
        QVERIFY(m_dir.isValid());
        m_shared = QString::fromStdString(*test::sharedDir());
        m_workspace = m_dir.filePath(QStringLiteral("ws"));
        QVERIFY(storage::RunStore::open(m_workspace.toStdString()));
        QVERIFY(runTrial(QStringLiteral("complete"), false));
        QVERIFY(runTrial(QStringLiteral("paused"), true));
    }

    void trialsModel() {
        ui::WorkspaceTrials trials;
        QAbstractItemModelTester tester(trials.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&trials, &ui::WorkspaceTrials::loaded);
        trials.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(20000));
        auto *model = trials.model();
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex paused = model->index(0, 0);
        QCOMPARE(paused.data().toString(), QStringLiteral("paused"));
        QCOMPARE(model->rowCount(paused), 2);
        QCOMPARE(model->index(0, ui::TrialsModel::Status, paused).data().toString(), QStringLiteral("paused"));
        QCOMPARE(model->index(0, ui::TrialsModel::Rounds, paused).data().toString(), QStringLiteral("1/2"));
        QCOMPARE(model->index(1, ui::TrialsModel::Status, paused).data().toString(), QStringLiteral("queued"));
        QCOMPARE(model->index(1, ui::TrialsModel::Status, model->index(1, 0)).data().toString(),
                 QStringLiteral("completed"));

        // New values, same shape (dataChanged), then a new trial (reset), with the tester watching.
        QVERIFY(resumePaused());
        trials.refresh();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model->index(0, ui::TrialsModel::Status, model->index(0, 0)).data().toString(),
                 QStringLiteral("completed"));
        QVERIFY(addTrial(QStringLiteral("third")));
        trials.refresh();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(model->rowCount(), 3);
    }

    void runsTableModel() {
        ui::WorkspaceRuns runs;
        QAbstractItemModelTester tester(runs.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&runs, &ui::WorkspaceRuns::loaded);
        runs.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(20000));
        auto *model = runs.model();
        QVERIFY(model->rowCount() >= 4);
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                QVERIFY(model->index(row, column).data(Qt::DisplayRole).isValid() ||
                        model->index(row, column).data(Qt::UserRole).isValid());
            }
        }
        QVERIFY(addTrial(QStringLiteral("fourth")));
        runs.refresh();
        QVERIFY(loaded.wait(20000));
        model->retranslate();
    }

    // Every QAbstractItemModel the console defines is checked by QAbstractItemModelTester: here, or in the test
    // of the page that fills it (a tests/ui file that names the class and builds a tester).
    void modelsAreAllCovered() {
        static const QRegularExpression declaration(QStringLiteral(
            R"(class\s+(\w+)\s*(?:final\s*)?:\s*public\s+(?:QAbstract\w*Model|QStandardItemModel|Q\w*ProxyModel)\b)"));
        const QString source = qEnvironmentVariable("FP_SOURCE_DIR");
        const auto readAll = [](const QString &dir, const QString &pattern) {
            QStringList texts;
            QDirIterator it(dir, {pattern}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.open(QIODevice::ReadOnly)) {
                    texts << QString::fromUtf8(file.readAll());
                }
            }
            return texts;
        };
        QStringList found;
        for (const QString &text : readAll(source + QStringLiteral("/ui"), QStringLiteral("*.h"))) {
            for (auto match = declaration.globalMatch(text); match.hasNext();) {
                found << match.next().captured(1);
            }
        }
        QVERIFY2(found.contains(QStringLiteral("TrialsModel")), qPrintable(found.join(QLatin1Char(' '))));
        QStringList testers;
        for (const QString &text : readAll(source + QStringLiteral("/tests/ui"), QStringLiteral("*.cpp"))) {
            static const QRegularExpression builds(QStringLiteral(R"(QAbstractItemModelTester\s+\w+\s*\()"));
            if (text.contains(builds)) {
                testers << text;
            }
        }
        for (const QString &model : found) {
            const bool elsewhere = std::any_of(testers.begin(), testers.end(), [&](const QString &t) {
                return t.contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(model)));
            });
            QVERIFY2(kTestedModels.contains(model) || elsewhere,
                     qPrintable(model + QStringLiteral(" is an item model without a QAbstractItemModelTester test")));
        }
    }

private:
    bool runTrial(const QString &name, bool pauseAfterRound1) {
        auto trial = engine::parseTrial(trialJson(m_shared, name), m_dir.path().toStdString(), name.toStdString());
        if (!trial) {
            qWarning("%s", trial.error().message.c_str());
            return false;
        }
        bool pause = false;
        ui::TrialExecutor::Listener listener;
        listener.roundCommitted = [&](int64_t, int) { pause = pauseAfterRound1; };
        listener.pauseRequested = [&] { return pause; };
        auto runs = m_executor.runTrial(m_workspace.toStdString(), *trial, trial->strategies, listener);
        if (!runs && !pauseAfterRound1) {
            qWarning("%s", runs.error().message.c_str());
        }
        return pauseAfterRound1 ? !runs && runs.error().code == ErrorCode::Cancelled : runs.has_value();
    }

    bool resumePaused() {
        auto store = storage::RunStore::open(m_workspace.toStdString());
        if (!store) {
            return false;
        }
        auto all = store->listRuns();
        if (!all) {
            return false;
        }
        for (auto it = all->rbegin(); it != all->rend(); ++it) {
            if (storage::isResumable(it->status, it->owner) &&
                !m_executor.resumeRun(m_workspace.toStdString(), it->id, {})) {
                return false;
            }
        }
        return true;
    }

    // A trial saved with no runs.
    bool addTrial(const QString &name) {
        auto store = storage::RunStore::open(m_workspace.toStdString());
        auto trial = engine::parseTrial(trialJson(m_shared, name), m_dir.path().toStdString(), name.toStdString());
        return store && trial && store->saveTrial(*trial).has_value();
    }

    QTemporaryDir m_dir;
    QString m_shared;
    QString m_workspace;
    app::RunnerTrialExecutor m_executor{1};
};

QTEST_MAIN(TestItemModels)
#include "TestItemModels.moc"
