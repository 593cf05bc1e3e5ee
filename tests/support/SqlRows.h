#pragma once

// Raw SQL for storage tests: what another program (or a crash) would see in a workspace database.

#include <sqlite3.h>

#include <string>

namespace fp::test {

// Every row of the query's result, columns joined with '|', rows ended by '\n' (NULL as "NULL");
// "error: ..." when the query fails.
inline std::string sqlRows(sqlite3 *db, const char *sql) {
    std::string text;
    auto collect = [](void *out, int columns, char **values, char **) {
        auto &s = *static_cast<std::string *>(out);
        for (int i = 0; i < columns; ++i) {
            s += (i ? "|" : "") + std::string(values[i] ? values[i] : "NULL");
        }
        s += "\n";
        return 0;
    };
    char *error = nullptr;
    if (sqlite3_exec(db, sql, collect, &text, &error) != SQLITE_OK) {
        text = std::string("error: ") + (error ? error : "?");
        sqlite3_free(error);
    }
    return text;
}

// sqlRows on the database file at dbPath, opened read-write on its own connection (waiting up to 5 s for a lock),
// as another process would write it.
inline std::string sqlRowsAt(const std::string &dbPath, const std::string &sql) {
    sqlite3 *db = nullptr;
    sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db, 5000);
    const std::string rows = sqlRows(db, sql.c_str());
    sqlite3_close_v2(db);
    return rows;
}

} // namespace fp::test
