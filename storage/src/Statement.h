#pragma once

#include "fedpilot/engine/Error.h"

#include <sqlite3.h>

#include <string>

namespace fp::storage {

// A prepared statement that finalizes itself. All SQL goes through prepared statements with bound values.
class Statement {
public:
    static Result<Statement> prepare(sqlite3 *db, const char *sql);
    Statement(Statement &&other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db) { other.m_stmt = nullptr; }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement &operator=(Statement &&) = delete;
    ~Statement() { sqlite3_finalize(m_stmt); }

    void bind(int index, long long value) { sqlite3_bind_int64(m_stmt, index, value); }
    void bind(int index, double value) { sqlite3_bind_double(m_stmt, index, value); }
    void bind(int index, const std::string &value) {
        sqlite3_bind_text(m_stmt, index, value.data(), int(value.size()), SQLITE_TRANSIENT);
    }

    // Steps once: true when a row is available, false when done.
    Result<bool> step();
    // Runs to completion, ignoring rows.
    Result<void> run();

    long long columnInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
    std::string columnText(int column) const;

private:
    Statement(sqlite3_stmt *stmt, sqlite3 *db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt *m_stmt;
    sqlite3 *m_db;
};

// Error with SQLite's own message for the last failure on db.
Error sqliteError(sqlite3 *db, const std::string &what);

// Runs SQL text with no parameters (schema statements, pragmas).
Result<void> execute(sqlite3 *db, const char *sql);

} // namespace fp::storage
