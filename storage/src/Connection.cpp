#include "Connection.h"

#include "Migrations.h"
#include "Statement.h"

#include <sqlite3.h>

namespace fp::storage {
namespace {

// journal_mode answers with a row; a file that is not a database fails here with SQLITE_NOTADB.
Result<void> enableWal(sqlite3 *db) {
    auto wal = Statement::prepare(db, "PRAGMA journal_mode = WAL");
    if (!wal) {
        return std::unexpected(wal.error());
    }
    if (auto row = wal->step(); !row) {
        return std::unexpected(row.error());
    }
    return {};
}

} // namespace

void ConnectionCloser::operator()(sqlite3 *db) const { sqlite3_close_v2(db); }

Result<Connection> openConnection(const std::string &path, Durability durability) {
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Connection db(raw);
    if (rc != SQLITE_OK) {
        return fail(ErrorCode::Io,
                    "workspace " + path + ": cannot open: " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(raw, 5000);
    if (auto ok = enableWal(raw); !ok) {
        return std::unexpected(ok.error().withContext("workspace " + path));
    }
    const char *synchronous =
        durability == Durability::Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
    for (const char *pragma : {"PRAGMA foreign_keys = ON", synchronous}) {
        if (auto ok = execute(raw, pragma); !ok) {
            return std::unexpected(ok.error().withContext("workspace " + path));
        }
    }
    if (auto ok = migrate(raw, path); !ok) {
        return std::unexpected(ok.error());
    }
    return db;
}

Result<void> beginImmediate(sqlite3 *db) { return execute(db, "BEGIN IMMEDIATE"); }
Result<void> commit(sqlite3 *db) { return execute(db, "COMMIT"); }
void rollback(sqlite3 *db) {
    // Fails harmlessly when SQLite already rolled back on its own (e.g. SQLITE_FULL during COMMIT).
    (void)execute(db, "ROLLBACK");
}

} // namespace fp::storage
