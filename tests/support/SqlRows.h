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

} // namespace fp::test
