#pragma once
// One read of a workspace off the GUI thread: the query runs in a worker thread on a connection of its own (the
// GUI thread never runs multi-row SQL), and its value or error comes back through the future. A read never
// creates or upgrades a workspace: a folder whose workspace went away (or was replaced by another schema) since
// the window opened it gives an error.
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/WorkspaceInspection.h"

#include <QFuture>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <string>

namespace fp::ui {

template <typename T> struct WorkspaceQueryResult {
    T value;
    std::string error; // empty on success
};

// Empty when dir holds a workspace of the current schema; else why it cannot be read as it is.
inline std::string workspaceNotReadable(const std::string &dir) {
    auto info = storage::inspectWorkspace(dir);
    if (!info) {
        return info.error().message;
    }
    switch (info->state) {
    case storage::WorkspaceState::Current: return {};
    case storage::WorkspaceState::Missing: return info->databasePath + " is not there any more (moved or deleted?)";
    case storage::WorkspaceState::Older:
    case storage::WorkspaceState::Newer:
        return info->databasePath + " now has schema " + std::to_string(info->schemaVersion) + " (open it again)";
    case storage::WorkspaceState::NotAWorkspace: return info->databasePath + " is not a fedpilot workspace any more";
    }
    return {};
}

// query: Result<T>(storage::RunStore &), called in the worker thread.
template <typename T, typename Query> QFuture<WorkspaceQueryResult<T>> queryWorkspace(const QString &dir, Query query) {
    return QtConcurrent::run([dir = dir.toStdString(), query]() -> WorkspaceQueryResult<T> {
        if (std::string why = workspaceNotReadable(dir); !why.empty()) {
            return {{}, std::move(why)};
        }
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
