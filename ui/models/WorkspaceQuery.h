#pragma once
// One read of a workspace off the GUI thread: the query runs in a worker thread on a connection of its own (the
// GUI thread never runs multi-row SQL), and its value or error comes back through the future.
#include "fedpilot/storage/RunStore.h"

#include <QFuture>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <string>

namespace fp::ui {

template <typename T> struct WorkspaceQueryResult {
    T value;
    std::string error; // empty on success
};

// query: Result<T>(storage::RunStore &), called in the worker thread.
template <typename T, typename Query> QFuture<WorkspaceQueryResult<T>> queryWorkspace(const QString &dir, Query query) {
    return QtConcurrent::run([dir = dir.toStdString(), query]() -> WorkspaceQueryResult<T> {
        auto store = storage::RunStore::open(dir);
        if (!store) {
            return {{}, store.error().message};
        }
        auto value = query(*store);
        if (!value) {
            return {{}, value.error().message};
        }
        return {std::move(*value), {}};
    });
}

} // namespace fp::ui
