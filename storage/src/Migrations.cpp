#include "Migrations.h"

#include "Statement.h"

#include <array>
#include <string>

namespace fp::storage {
namespace {

// Version 0 -> 1: the workspace's identity, its audit trail and trial definitions.
Result<void> migrateTo1(sqlite3 *db) {
    return execute(db, R"sql(
        CREATE TABLE workspace_info (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE events (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            kind       TEXT NOT NULL,
            message    TEXT NOT NULL
        );
        CREATE TABLE trials (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            name       TEXT NOT NULL UNIQUE,
            spec_json  TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        INSERT INTO workspace_info(key, value) VALUES ('created_by', 'fedpilot ' || ')sql" FP_VERSION R"sql(');
    )sql");
}

using MigrationStep = Result<void> (*)(sqlite3 *);
constexpr std::array<MigrationStep, 1> kSteps = {&migrateTo1};

Result<int> userVersion(sqlite3 *db) {
    auto stmt = Statement::prepare(db, "PRAGMA user_version");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return *row ? int(stmt->columnInt(0)) : 0;
}

Result<void> runStep(sqlite3 *db, int toVersion) {
    if (auto ok = execute(db, "BEGIN IMMEDIATE"); !ok) {
        return ok;
    }
    auto ok = kSteps[size_t(toVersion - 1)](db);
    if (ok) {
        // PRAGMA cannot take bound parameters; the value is a compile-time integer, not user input.
        const std::string pragma = "PRAGMA user_version = " + std::to_string(toVersion);
        ok = execute(db, pragma.c_str());
    }
    if (ok) {
        ok = execute(db, "COMMIT");
    }
    if (!ok) {
        execute(db, "ROLLBACK");
    }
    return ok;
}

} // namespace

int latestSchemaVersion() { return int(kSteps.size()); }

Result<void> migrate(sqlite3 *db, const std::string &path) {
    auto version = userVersion(db);
    if (!version) {
        return std::unexpected(version.error().withContext("workspace " + path));
    }
    if (*version > latestSchemaVersion()) {
        return fail(ErrorCode::BadFormat, "workspace " + path + ": schema version " + std::to_string(*version) +
                                              " is newer than this fedpilot understands (" +
                                              std::to_string(latestSchemaVersion()) + "); upgrade fedpilot");
    }
    for (int v = *version + 1; v <= latestSchemaVersion(); ++v) {
        if (auto ok = runStep(db, v); !ok) {
            return std::unexpected(
                ok.error().withContext("workspace " + path + ": migrating to schema " + std::to_string(v)));
        }
    }
    return {};
}

} // namespace fp::storage
