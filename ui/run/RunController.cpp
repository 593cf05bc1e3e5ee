#include "run/RunController.h"

#include <QMetaObject>

namespace fp::ui {

RunController::RunController(std::shared_ptr<TrialExecutor> executor) : m_executor(std::move(executor)) {}

void RunController::startTrial(const QString &workspace, const QString &json, const QString &baseDir) {
    m_cancel = false;
    QMetaObject::invokeMethod(
        this, [this, workspace, json, baseDir] { runTrialNow(workspace, json, baseDir); }, Qt::QueuedConnection);
}

void RunController::resumeRuns(const QString &workspace, const QList<qint64> &runIds) {
    m_cancel = false;
    QMetaObject::invokeMethod(
        this, [this, workspace, runIds] { resumeRunsNow(workspace, runIds); }, Qt::QueuedConnection);
}

TrialExecutor::Listener RunController::listener() {
    TrialExecutor::Listener l;
    l.log = [this](const std::string &line) { Q_EMIT logged(QString::fromStdString(line)); };
    l.runStarted = [this](int64_t runId, const std::string &strategy) {
        Q_EMIT runStarted(runId, QString::fromStdString(strategy));
    };
    l.progress = [this](int64_t runId, const engine::RunProgress &p) {
        Q_EMIT progressed(runId, p.round, p.rounds, QString::fromStdString(p.phase), p.done, p.total);
    };
    l.roundCommitted = [this](int64_t runId, int round) { Q_EMIT roundCommitted(runId, round); };
    l.runFinished = [this](int64_t runId, bool completed) { Q_EMIT runFinished(runId, completed); };
    l.cancelled = [this] { return m_cancel.load(); };
    return l;
}

void RunController::runTrialNow(const QString &workspace, const QString &json, const QString &baseDir) {
    auto trial = engine::parseTrial(json.toStdString(), baseDir.toStdString(), "the stored trial");
    if (!trial) {
        Q_EMIT finished(false, false, QString::fromStdString(trial.error().message));
        return;
    }
    Q_EMIT started(QString::fromStdString(trial->name));
    if (!m_executor) {
        Q_EMIT finished(false, false, tr("This console cannot run trials (no executor)."));
        return;
    }
    auto runs = m_executor->runTrial(workspace.toStdString(), *trial, trial->strategies, listener());
    const bool cancelled = m_cancel.load();
    Q_EMIT finished(runs.has_value() && !cancelled, cancelled,
                    runs ? QString() : QString::fromStdString(runs.error().message));
}

void RunController::resumeRunsNow(const QString &workspace, const QList<qint64> &runIds) {
    Q_EMIT started({});
    if (!m_executor) {
        Q_EMIT finished(false, false, tr("This console cannot run trials (no executor)."));
        return;
    }
    for (qint64 id : runIds) {
        if (m_cancel) {
            break;
        }
        if (auto ok = m_executor->resumeRun(workspace.toStdString(), id, listener()); !ok) {
            Q_EMIT finished(false, m_cancel.load(), QString::fromStdString(ok.error().message));
            return;
        }
    }
    Q_EMIT finished(!m_cancel, m_cancel.load(), {});
}

} // namespace fp::ui
