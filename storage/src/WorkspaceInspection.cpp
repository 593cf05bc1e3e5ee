#include "fedpilot/storage/WorkspaceInspection.h"

#include "Migrations.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>

namespace fp::storage {
namespace {

namespace fs = std::filesystem;

struct ReadOnlyCloser {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using ReadOnlyDb = std::unique_ptr<sqlite3, ReadOnlyCloser>;

std::string databasePathOf(const std::string &dir) {
    std::error_code ec;
    fs::path path = fs::absolute(fs::path(dir), ec);
    if (ec) {
        path = fs::path(dir);
    }
    return (path.lexically_normal() / kWorkspaceDatabaseName).string();
}

// Opens an existing database read-only; SQLite creates nothing (no file, no journal mode change).
Result<ReadOnlyDb> openReadOnly(const std::string &path) {
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    ReadOnlyDb db(raw);
    if (rc != SQLITE_OK) {
        return fail(ErrorCode::Io,
                    "workspace " + path + ": cannot open read-only: " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(raw, 5000);
    return db;
}

// One integer from a single-value query; SQLITE_NOTADB and friends come back as the SQLite result code.
int queryInt(sqlite3 *db, const char *sql, int &value) {
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            value = sqlite3_column_int(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(stmt);
    return rc;
}

std::string utcStamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &utc);
    return text;
}

} // namespace

Result<WorkspaceInspection> inspectWorkspace(const std::string &dir) {
    if (dir.empty()) {
        return fail(ErrorCode::InvalidArgument, "workspace: empty folder name");
    }
    WorkspaceInspection info;
    info.currentVersion = latestSchemaVersion();
    info.databasePath = databasePathOf(dir);
    std::error_code ec;
    if (!fs::exists(info.databasePath, ec) || fs::file_size(info.databasePath, ec) == 0) {
        return info; // Missing
    }
    auto db = openReadOnly(info.databasePath);
    if (!db) {
        return std::unexpected(db.error());
    }
    int tables = 0;
    int rc = queryInt(db->get(), "SELECT count(*) FROM sqlite_master", tables);
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
        info.state = WorkspaceState::NotAWorkspace;
        return info;
    }
    if (rc == SQLITE_OK) {
        rc = queryInt(db->get(), "PRAGMA user_version", info.schemaVersion);
    }
    if (rc != SQLITE_OK) {
        return fail(ErrorCode::Io, "workspace " + info.databasePath + ": cannot read: " + sqlite3_errstr(rc));
    }
    if (info.schemaVersion == 0) {
        // An empty database is what opening would create; tables without a version are someone else's database.
        info.state = tables == 0 ? WorkspaceState::Missing : WorkspaceState::NotAWorkspace;
    } else if (info.schemaVersion < info.currentVersion) {
        info.state = WorkspaceState::Older;
    } else if (info.schemaVersion > info.currentVersion) {
        info.state = WorkspaceState::Newer;
    } else {
        info.state = WorkspaceState::Current;
    }
    return info;
}

Result<std::string> backupWorkspaceDatabase(const std::string &dir) {
    auto info = inspectWorkspace(dir);
    if (!info) {
        return std::unexpected(info.error());
    }
    if (info->state == WorkspaceState::Missing) {
        return fail(ErrorCode::NotFound, "workspace " + info->databasePath + ": no database to back up");
    }
    const fs::path folder = fs::path(info->databasePath).parent_path();
    std::string target;
    std::error_code ec;
    for (int n = 1;; ++n) {
        const std::string suffix = n == 1 ? "" : "-" + std::to_string(n);
        const std::string name =
            "workspace-v" + std::to_string(info->schemaVersion) + "-backup-" + utcStamp() + suffix + ".sqlite";
        target = (folder / name).string();
        if (!fs::exists(target, ec)) {
            break;
        }
    }
    auto source = openReadOnly(info->databasePath);
    if (!source) {
        return std::unexpected(source.error());
    }
    sqlite3 *raw = nullptr;
    int rc = sqlite3_open_v2(target.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    ReadOnlyDb copy(raw); // the same closer; this connection writes the copy
    if (rc != SQLITE_OK) {
        return fail(ErrorCode::Io,
                    "backup " + target + ": cannot create: " + (raw ? sqlite3_errmsg(raw) : "no memory"));
    }
    // The online backup API copies the database as the source connection sees it (its WAL included).
    sqlite3_backup *backup = sqlite3_backup_init(copy.get(), "main", source->get(), "main");
    if (!backup) {
        const std::string message = sqlite3_errmsg(copy.get());
        copy.reset();
        fs::remove(target, ec);
        return fail(ErrorCode::Io, "backup " + target + ": " + message);
    }
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        copy.reset();
        fs::remove(target, ec);
        return fail(ErrorCode::Io,
                    "backup of " + info->databasePath + " to " + target + ": " + std::string(sqlite3_errstr(rc)));
    }
    return target;
}

} // namespace fp::storage
