#include "models/WorkspaceRuns.h"

#include "models/RunsTableModel.h"

#include <QtConcurrent/QtConcurrentRun>

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
    const std::string dir = m_workspace.toStdString();
    m_watcher.setFuture(QtConcurrent::run([dir]() -> Loaded {
        // Its own connection, opened and used in the worker thread only.
        auto store = storage::RunStore::open(dir);
        if (!store) {
            return {{}, store.error().message};
        }
        auto runs = store->listRuns();
        return runs ? Loaded{std::move(*runs), {}} : Loaded{{}, runs.error().message};
    }));
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
    const int count = int(result.runs.size());
    m_model->setRuns(std::move(result.runs));
    Q_EMIT loaded(count);
}

} // namespace fp::ui
