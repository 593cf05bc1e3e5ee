#pragma once

#include "fedpilot/engine/Error.h"

#include <memory>
#include <string>

struct sqlite3;

namespace fp::storage {

struct ConnectionCloser {
    void operator()(sqlite3 *db) const;
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

enum class Durability {
    Normal, // synchronous=NORMAL: a power cut may lose the last commits, never corrupts (WAL)
    Full,   // synchronous=FULL: a commit that returned survives a power cut
};

// Opens (or creates) a workspace database: WAL, foreign keys on, busy timeout, then migrates the schema to
// the latest version. Errors: Io (cannot open or write), BadFormat (not a database, or a newer schema).
Result<Connection> openConnection(const std::string &path, Durability durability);

Result<void> beginImmediate(sqlite3 *db);
Result<void> commit(sqlite3 *db);
void rollback(sqlite3 *db);

// Runs body (returning a Result) inside BEGIN IMMEDIATE ... COMMIT; rolls back when body or the commit fails.
template <typename Body> auto inTransaction(sqlite3 *db, Body &&body) -> decltype(body()) {
    if (auto ok = beginImmediate(db); !ok) {
        return std::unexpected(ok.error());
    }
    auto result = body();
    if (result) {
        if (auto ok = commit(db); !ok) {
            rollback(db);
            return std::unexpected(ok.error());
        }
        return result;
    }
    rollback(db);
    return result;
}

} // namespace fp::storage
