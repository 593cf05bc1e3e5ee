#pragma once
// Looking at a workspace folder before opening it, so that a viewer (the console) never creates or migrates a
// workspace without asking: RunStore::open and Workspace::open create and migrate; these calls change nothing.

#include "fedpilot/engine/Error.h"

#include <string>

namespace fp::storage {

// The database file inside a workspace folder.
inline constexpr const char *kWorkspaceDatabaseName = "workspace.sqlite";

enum class WorkspaceState {
    Missing,       // no folder, or no database in it (or an empty one): opening would create a new workspace
    Current,       // the schema this program writes: opens as it is
    Older,         // an older schema: opening migrates it (make a backup first: backupWorkspaceDatabase)
    Newer,         // written by a newer fedpilot: this program must not open it
    NotAWorkspace, // the file exists but is not a SQLite database, or not one of fedpilot's
};

struct WorkspaceInspection {
    WorkspaceState state = WorkspaceState::Missing;
    int schemaVersion = 0;    // PRAGMA user_version of the database (0 when Missing)
    int currentVersion = 0;   // the schema version this program writes
    std::string databasePath; // DIR/workspace.sqlite, absolute
};

// Inspects the workspace in folder dir without creating, migrating or writing anything (the database is opened
// read-only). Errors: InvalidArgument (empty folder name), Io (the database exists but cannot be read, e.g.
// permissions); a file that is not a database is reported as NotAWorkspace, not as an error.
Result<WorkspaceInspection> inspectWorkspace(const std::string &dir);

// Copies the database of the workspace in folder dir (a consistent snapshot, including what is still in its WAL
// file) to DIR/workspace-v<N>-backup-<UTC time>.sqlite, N being its schema version, and returns that path. The
// workspace itself is not changed. Errors: NotFound (no database), Io (cannot read it or write the copy).
Result<std::string> backupWorkspaceDatabase(const std::string &dir);

} // namespace fp::storage
