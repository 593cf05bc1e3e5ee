#pragma once

#include "fedpilot/ui/TrialExecutor.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace fp::ui {

// Executes one trial (or resume) at a time through a TrialExecutor. It lives in its own thread (the owner moves
// it there): model code never runs on the GUI thread. startTrial() and resumeRuns() may be called from any
// thread; they queue the work on the controller's thread. Everything it reports comes as signals, which reach
// GUI-thread receivers queued.
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(std::shared_ptr<TrialExecutor> executor);

    // Parses the trial (json resolved against baseDir) and runs each of its strategies as a new run recorded in
    // workspace. A parse error ends the work with finished(false, ...). Clears an earlier cancel or pause request.
    void startTrial(const QString &workspace, const QString &json, const QString &baseDir);
    // Continues these interrupted or queued runs of workspace one after another.
    void resumeRuns(const QString &workspace, const QList<qint64> &runIds);
    // Asks the current work to stop between client calls (any thread): the run is recorded as interrupted and
    // no further run starts. Work queued after this call is not affected.
    void cancel() { m_cancel = true; }
    [[nodiscard]] bool cancelRequested() const { return m_cancel; }
    // Asks the current work to stop at the next round boundary (any thread): the round in progress finishes and is
    // recorded, the run is recorded as paused and no further run starts; Resume continues with the next round.
    void pauseAfterRound() { m_pause = true; }
    [[nodiscard]] bool pauseRequested() const { return m_pause; }

Q_SIGNALS:
    void started(const QString &trialName); // the work began (trialName is empty for a resume)
    void runStarted(qint64 runId, const QString &strategy);
    // phase: "preparing", "training", "aggregating", "evaluating", "recording" (engine::RunProgress).
    void progressed(qint64 runId, int round, int rounds, const QString &phase, int done, int total);
    void roundCommitted(qint64 runId, int round);
    void runFinished(qint64 runId, bool completed);
    void logged(const QString &line);
    // The work ended: ok when every run completed; cancelled when the user cancelled it; paused when it stopped at a
    // round boundary because a pause was asked for (and no cancel); message says why not.
    void finished(bool ok, bool cancelled, const QString &message, bool paused);

private:
    void runTrialNow(const QString &workspace, const QString &json, const QString &baseDir);
    void resumeRunsNow(const QString &workspace, const QList<qint64> &runIds);
    // Emits finished(); stopped: the work ended early because a cancel or a pause was asked for.
    void finish(bool ok, bool stopped, const QString &message);
    TrialExecutor::Listener listener();

    std::shared_ptr<TrialExecutor> m_executor;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_pause{false};
};

} // namespace fp::ui
