#pragma once

#include "fedpilot/engine/Trial.h"
#include "fedpilot/storage/RunStore.h"
#include "models/WorkspaceQuery.h"

#include <QFutureWatcher>
#include <QObject>

#include <functional>
#include <string>
#include <vector>

namespace fp::ui {

class TrialsModel;

// The trials of one workspace with their runs, and importing trial files into it. Loading and importing run in a
// worker thread with its own SQLite connection (the GUI thread never runs multi-row SQL); the model is updated
// on the GUI thread.
class WorkspaceTrials : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceTrials(QObject *parent = nullptr);

    // Sets the workspace folder (empty: none) and reloads.
    void setWorkspace(const QString &dir);
    [[nodiscard]] const QString &workspace() const { return m_workspace; }
    [[nodiscard]] TrialsModel *model() const { return m_model; }

    // Reads and validates a trial file (engine::readTrialFile) and saves it in the workspace, then reloads.
    // Ends with imported() or importFailed(); the message names the file and the faulty field.
    void importTrial(const QString &path);
    // The same for a trial file's text (the trial editor): engine::parseTrial with baseDir and origin.
    void addTrial(const QString &json, const QString &baseDir, const QString &origin);
    // As importTrial, unless the workspace already holds this trial (the same file text and folder): then nothing is
    // saved and present() names that trial. For a trial offered at every start (the demo's).
    void importTrialUnlessPresent(const QString &path);

public Q_SLOTS:
    // Reloads the trials; a request during a load is carried out when that load ends.
    void refresh();

Q_SIGNALS:
    void loaded(int trials); // the model holds the new trials
    void failed(const QString &message);
    void imported(qint64 trialId, const QString &name);
    void importFailed(const QString &message);
    void present(qint64 trialId, const QString &name); // importTrialUnlessPresent found the trial already there

private:
    using Loaded = WorkspaceQueryResult<std::vector<storage::TrialSummary>>;
    struct Imported {
        int64_t trialId = 0;
        std::string name;
        std::string error;
        bool present = false; // already in the workspace, not saved again
    };
    // Reads the trial (read runs on a worker thread) and saves it unless unlessPresent and the workspace holds it.
    void saveInBackground(std::function<Result<engine::TrialSpec>()> read, bool unlessPresent);
    void finishLoad();
    void finishImport();

    QString m_workspace;
    TrialsModel *m_model = nullptr;
    QFutureWatcher<Loaded> m_watcher;
    QFutureWatcher<Imported> m_importWatcher;
    bool m_reloadPending = false;
};

} // namespace fp::ui
