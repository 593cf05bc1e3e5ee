#include "Statement.h"

namespace fp::storage {

Error sqliteError(sqlite3 *db, const std::string &what) {
    const int code = sqlite3_extended_errcode(db);
    const ErrorCode kind = (code & 0xff) == SQLITE_FULL || (code & 0xff) == SQLITE_IOERR ||
                                   (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_READONLY
                               ? ErrorCode::Io
                           : (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT ? ErrorCode::BadFormat
                                                                                               : ErrorCode::Runtime;
    return Error(kind, what + ": " + sqlite3_errmsg(db));
}

Result<Statement> Statement::prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        return std::unexpected(sqliteError(db, std::string("preparing SQL '") + sql + "'"));
    }
    return Statement(stmt, db);
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return std::unexpected(sqliteError(m_db, std::string("running '") + sqlite3_sql(m_stmt) + "'"));
}

Result<void> Statement::run() {
    for (;;) {
        auto row = step();
        if (!row || !*row) {
            reset();
            return row ? Result<void>() : std::unexpected(row.error());
        }
    }
}

std::string Statement::columnText(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return text ? std::string(text, size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

Result<void> execute(sqlite3 *db, const char *sql) {
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = sqliteError(db, std::string("executing '") + sql + "'");
        sqlite3_free(message);
        return std::unexpected(error);
    }
    return {};
}

} // namespace fp::storage
