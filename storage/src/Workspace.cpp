#include "fedpilot/storage/Workspace.h"

#include "Connection.h"
#include "Migrations.h"
#include "Statement.h"

#include <sqlite3.h>

namespace fp::storage {

void Workspace::Closer::operator()(sqlite3 *db) const { sqlite3_close_v2(db); }

Workspace::Workspace(sqlite3 *db, std::string path) : m_db(db), m_path(std::move(path)) {}
Workspace::Workspace(Workspace &&) noexcept = default;
Workspace &Workspace::operator=(Workspace &&) noexcept = default;
Workspace::~Workspace() = default;

Result<Workspace> Workspace::open(const std::string &path) {
    auto db = openConnection(path, Durability::Normal);
    if (!db) {
        return std::unexpected(db.error());
    }
    return Workspace(db->release(), path);
}

int Workspace::schemaVersion() const {
    auto stmt = Statement::prepare(m_db.get(), "PRAGMA user_version");
    if (!stmt || !stmt->step().value_or(false)) {
        return -1;
    }
    return int(stmt->columnInt(0));
}

const std::string &Workspace::path() const { return m_path; }

int Workspace::currentSchemaVersion() { return latestSchemaVersion(); }

Result<void> Workspace::recordEvent(const std::string &kind, const std::string &message) {
    auto stmt = Statement::prepare(m_db.get(), "INSERT INTO events(kind, message) VALUES (?1, ?2)");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, kind);
    stmt->bind(2, message);
    return stmt->run();
}

Result<long long> Workspace::eventCount() const {
    auto stmt = Statement::prepare(m_db.get(), "SELECT count(*) FROM events");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return stmt->columnInt(0);
}

Result<std::string> Workspace::integrityCheck() const {
    auto stmt = Statement::prepare(m_db.get(), "PRAGMA integrity_check");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    std::string report;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return std::unexpected(row.error());
        }
        if (!*row) {
            break;
        }
        report += (report.empty() ? "" : "\n") + stmt->columnText(0);
    }
    return report;
}

std::string sqliteVersion() { return sqlite3_libversion(); }

} // namespace fp::storage
