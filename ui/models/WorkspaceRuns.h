#pragma once

#include "fedpilot/storage/RunStore.h"
#include "models/WorkspaceQuery.h"

#include <QFutureWatcher>
#include <QObject>

#include <string>
#include <vector>

namespace fp::ui {

class RunsTableModel;

// The runs of one workspace, shared by the pages that show them. Loading happens in a worker thread with its own
// SQLite connection (the GUI thread never runs multi-row SQL); the model is updated on the GUI thread.
class WorkspaceRuns : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceRuns(QObject *parent = nullptr);

    // Sets the workspace folder (empty: none) and reloads.
    void setWorkspace(const QString &dir);
    [[nodiscard]] const QString &workspace() const { return m_workspace; }
    [[nodiscard]] RunsTableModel *model() const { return m_model; }

public Q_SLOTS:
    // Reloads the runs; a request during a load is carried out when that load ends.
    void refresh();

Q_SIGNALS:
    void loading(const QString &workspace);
    void loaded(int runs);               // the model holds the new runs
    void failed(const QString &message); // the workspace could not be read; the model is unchanged

private:
    using Loaded = WorkspaceQueryResult<std::vector<storage::RunSummary>>;
    void finishLoad();

    QString m_workspace;
    RunsTableModel *m_model = nullptr;
    QFutureWatcher<Loaded> m_watcher;
    bool m_reloadPending = false;
};

} // namespace fp::ui
