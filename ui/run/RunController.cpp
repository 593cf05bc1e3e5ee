#include "run/RunController.h"

#include <QMetaObject>

namespace fp::ui {

RunController::RunController(std::shared_ptr<TrialExecutor> executor) : m_executor(std::move(executor)) {}

void RunController::startTrial(const QString &workspace, const QString &json, const QString &baseDir) {
    m_cancel = false;
    m_pause = false;
    QMetaObject::invokeMethod(
        this, [this, workspace, json, baseDir] { runTrialNow(workspace, json, baseDir); }, Qt::QueuedConnection);
}

void RunController::resumeRuns(const QString &workspace, const QList<qint64> &runIds) {
    m_cancel = false;
    m_pause = false;
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
    l.pauseRequested = [this] { return m_pause.load(); };
    return l;
}

void RunController::finish(bool ok, bool stopped, const QString &message) {
    const bool cancelled = stopped && m_cancel.load();
    const bool paused = stopped && !cancelled && m_pause.load();
    Q_EMIT finished(ok, cancelled, (cancelled || paused) ? QString() : message, paused);
}

void RunController::runTrialNow(const QString &workspace, const QString &json, const QString &baseDir) {
    auto trial = engine::parseTrial(json.toStdString(), baseDir.toStdString(), "the stored trial");
    if (!trial) {
        Q_EMIT finished(false, false, QString::fromStdString(trial.error().message), false);
        return;
    }
    Q_EMIT started(QString::fromStdString(trial->name));
    if (!m_executor) {
        Q_EMIT finished(false, false, tr("This console cannot run trials (no executor)."), false);
        return;
    }
    size_t completed = 0;
    TrialExecutor::Listener l = listener();
    l.runFinished = [this, &completed](int64_t runId, bool done) {
        completed += done ? 1 : 0;
        Q_EMIT runFinished(runId, done);
    };
    auto runs = m_executor->runTrial(workspace.toStdString(), *trial, trial->strategies, l);
    if (!runs) {
        finish(false, runs.error().code == ErrorCode::Cancelled, QString::fromStdString(runs.error().message));
        return;
    }
    // Cancelled or paused before a run started: runTrial succeeds and leaves that run and the later ones queued.
    const bool all = completed == runs->size();
    finish(all, !all, {});
}

void RunController::resumeRunsNow(const QString &workspace, const QList<qint64> &runIds) {
    Q_EMIT started({});
    if (!m_executor) {
        Q_EMIT finished(false, false, tr("This console cannot run trials (no executor)."), false);
        return;
    }
    for (qint64 id : runIds) {
        if (m_cancel || m_pause) {
            finish(false, true, {});
            return;
        }
        if (auto ok = m_executor->resumeRun(workspace.toStdString(), id, listener()); !ok) {
            finish(false, ok.error().code == ErrorCode::Cancelled, QString::fromStdString(ok.error().message));
            return;
        }
    }
    finish(true, false, {});
}

} // namespace fp::ui
