#pragma once

#include "fedpilot/engine/Error.h"

#include <memory>
#include <string>

struct sqlite3;

namespace fp::storage {

// A fedpilot workspace: one SQLite file (WAL, foreign keys on) holding trials, runs and their records.
// Opening creates the schema or migrates an older one to the current version, each step in one transaction.
// Not thread-safe: each thread that touches the workspace opens its own Workspace.
class Workspace {
public:
    // Opens (or creates) the database file at path. Errors: Io when the file cannot be opened or written,
    // BadFormat when it is not a SQLite database or its schema is newer than this program understands.
    static Result<Workspace> open(const std::string &path);

    Workspace(Workspace &&) noexcept;
    Workspace &operator=(Workspace &&) noexcept;
    ~Workspace();

    // PRAGMA user_version after migration.
    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] const std::string &path() const;

    // Appends a row to the events table (what happened, for the audit trail).
    Result<void> recordEvent(const std::string &kind, const std::string &message);
    [[nodiscard]] Result<long long> eventCount() const;

    // PRAGMA integrity_check: "ok" or the first problems SQLite reports.
    [[nodiscard]] Result<std::string> integrityCheck() const;

    // The schema version this program writes.
    static int currentSchemaVersion();

private:
    explicit Workspace(sqlite3 *db, std::string path);
    struct Closer {
        void operator()(sqlite3 *db) const;
    };
    std::unique_ptr<sqlite3, Closer> m_db;
    std::string m_path;
};

// The SQLite library version in use ("3.40.1").
[[nodiscard]] std::string sqliteVersion();

} // namespace fp::storage
