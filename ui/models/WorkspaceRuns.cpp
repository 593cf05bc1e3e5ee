#include "models/WorkspaceRuns.h"

#include "models/RunsTableModel.h"

#include "models/WorkspaceQuery.h"

namespace fp::ui {

WorkspaceRuns::WorkspaceRuns(QObject *parent) : QObject(parent), m_model(new RunsTableModel(this)) {
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, &WorkspaceRuns::finishLoad);
}

void WorkspaceRuns::setWorkspace(const QString &dir) {
    m_workspace = dir;
    refresh();
}

void WorkspaceRuns::refresh() {
    if (m_workspace.isEmpty()) {
        return;
    }
    if (m_watcher.isRunning()) {
        m_reloadPending = true;
        return;
    }
    m_reloadPending = false;
    Q_EMIT loading(m_workspace);
    m_watcher.setFuture(queryWorkspace<std::vector<storage::RunSummary>>(
        m_workspace, [](storage::RunStore &store) { return store.listRuns(); }));
}

void WorkspaceRuns::finishLoad() {
    Loaded result = m_watcher.result();
    if (m_reloadPending) {
        refresh(); // the workspace changed while this load ran
    }
    if (!result.error.empty()) {
        Q_EMIT failed(QString::fromStdString(result.error));
        return;
    }
    const int count = int(result.value.size());
    m_model->setRuns(std::move(result.value));
    Q_EMIT loaded(count);
}

} // namespace fp::ui
