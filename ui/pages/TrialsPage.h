#pragma once

#include "widgets/Page.h"

#include <QList>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QThread;
class QTreeView;

namespace fp::ui {

class RunController;
class TrialExecutor;
class WorkspaceTrials;

// The workspace's trials with their runs; import a trial file, start every strategy of a trial, cancel, pause after
// the current round, resume an interrupted or paused run, and follow the running trial round by round. Runs execute on
// the RunController's own thread.
class TrialsPage : public Page {
    Q_OBJECT
public:
    // executor: what runs trials (null: the page lists trials but cannot start them).
    TrialsPage(WorkspaceTrials *trials, std::shared_ptr<TrialExecutor> executor, QWidget *parent = nullptr);
    ~TrialsPage() override;

    [[nodiscard]] RunController *runController() const { return m_controller; }
    [[nodiscard]] bool isRunning() const { return m_running; }
    // The page's verbs, for the window's menus and toolbar (enabled when they can act).
    [[nodiscard]] QAction *importAction() const { return m_importAction; }
    [[nodiscard]] QAction *startAction() const { return m_startAction; }
    [[nodiscard]] QAction *cancelAction() const { return m_cancelAction; }
    [[nodiscard]] QAction *pauseAction() const { return m_pauseAction; }
    [[nodiscard]] QAction *resumeAction() const { return m_resumeAction; }
    // The trial editor's verbs for the Trial menu: New trial…, Edit…, Duplicate, Export trial…, Estimate….
    [[nodiscard]] const QList<QAction *> &editorActions() const { return m_editorActions; }

public Q_SLOTS:
    // Asks for a trial file (QFileDialog) and imports it.
    void importTrial();
    // Imports this trial file; an error is shown on the page with the field it concerns.
    void importTrialFile(const QString &path);
    void startSelected();
    void cancelRun();
    // Stops the running trial once the round in progress is recorded; Resume continues with the next round.
    void pauseRun();
    void resumeSelected();
    // The trial editor (TrialEditorDialog); saving adds the edited trial to the workspace as a new trial (the runs
    // of the original keep the trial they ran).
    void newTrial();
    void editSelected();
    void duplicateSelected();
    // Writes the selected trial's file as stored (its text unchanged).
    void exportSelected();
    // The editor on its Estimate tab.
    void estimateSelected();
    // The editor on a trial file (fedpilot --edit-trial); with estimate, on its Estimate tab, calibrated.
    void editTrialFile(const QString &path, bool estimate);

Q_SIGNALS:
    void roundCommitted(); // a round of a run started here is recorded in the workspace
    void runsChanged();    // a run started, finished, failed or was interrupted

protected:
    void retranslate() override;

private:
    void buildActions();
    void connectController();
    void showLoaded(int count);
    void updateActions();
    void showError(std::function<QString()> message);
    void showProgress(qint64 runId, int round, int rounds, const QString &phase, int done, int total);
    void finishRun(bool ok, bool cancelled, const QString &message, bool paused);
    void rememberSelection();
    void setRunning(bool running);
    void buildEditorActions();
    void retranslateEditorActions();
    // estimate: 0 the form, 1 the Estimate tab, 2 the Estimate tab calibrated on this machine.
    void openEditor(const QString &json, const QString &baseDir, const QString &origin, const QString &rename,
                    int estimate);

    WorkspaceTrials *m_trials;
    std::shared_ptr<TrialExecutor> m_executor;
    QThread *m_thread = nullptr;
    RunController *m_controller = nullptr; // lives in m_thread
    QTreeView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_runStatus = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QList<QAction *> m_editorActions;
    bool m_running = false;
    QString m_runningTrial;
    QString m_runningStrategy;
    qint64 m_selectedTrial = 0;
    qint64 m_selectedRun = 0;
};

} // namespace fp::ui
