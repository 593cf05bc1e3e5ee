#pragma once

#include "fedpilot/engine/Error.h"

#include <sqlite3.h>

#include <concepts>
#include <limits>
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

    // Any integer type (int, int64_t, ...); unsigned 64-bit values are stored as their two's-complement bit pattern.
    template <std::integral T>
    requires(!std::same_as<T, bool>) void bind(int index, T value) {
        sqlite3_bind_int64(m_stmt, index, static_cast<sqlite3_int64>(value));
    }
    void bind(int index, double value) { sqlite3_bind_double(m_stmt, index, value); }
    void bind(int index, const std::string &value) {
        sqlite3_bind_text(m_stmt, index, value.data(), int(value.size()), SQLITE_TRANSIENT);
    }
    void bindNull(int index) { sqlite3_bind_null(m_stmt, index); }

    // Steps once: true when a row is available, false when done.
    Result<bool> step();
    // Runs to completion, ignoring rows, then resets the statement so that it can be bound and run again.
    Result<void> run();
    // Makes the statement ready to bind and step again (after rows were read); bindings are kept.
    void reset() { sqlite3_reset(m_stmt); }
    // Steps to the first row; an error with `code` and `missing` as its message when there is none.
    Result<void> stepToRow(const std::string &missing, ErrorCode code = ErrorCode::NotFound) {
        auto row = step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            return fail(code, missing);
        }
        return {};
    }
    // Steps through every row, calling onRow() for each (it reads the columns); stops at the first error.
    template <typename OnRow> Result<void> forEachRow(OnRow &&onRow) {
        for (;;) {
            auto row = step();
            if (!row) {
                return std::unexpected(row.error());
            }
            if (!*row) {
                return {};
            }
            onRow();
        }
    }

    long long columnInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
    double columnDouble(int column) const { return sqlite3_column_double(m_stmt, column); }
    bool columnIsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    // A measurement column: NULL reads as NaN (SQLite stores a bound NaN as NULL).
    double columnReal(int column) const {
        return columnIsNull(column) ? std::numeric_limits<double>::quiet_NaN() : columnDouble(column);
    }
    std::string columnText(int column) const;

private:
    Statement(sqlite3_stmt *stmt, sqlite3 *db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt *m_stmt;
    sqlite3 *m_db;
};

// Error with SQLite's own message for the last failure on db.
Error sqliteError(sqlite3 *db, const std::string &what);

// The rowid of the last INSERT on db.
inline long long lastInsertId(sqlite3 *db) { return sqlite3_last_insert_rowid(db); }
// Rows changed by the last INSERT, UPDATE or DELETE on db.
inline int changedRows(sqlite3 *db) { return sqlite3_changes(db); }

// Runs SQL text with no parameters (schema statements, pragmas).
Result<void> execute(sqlite3 *db, const char *sql);

} // namespace fp::storage
