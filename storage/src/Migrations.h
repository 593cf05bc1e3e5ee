#pragma once

#include "fedpilot/engine/Error.h"

struct sqlite3;

namespace fp::storage {

// Schema version this build writes (PRAGMA user_version).
int latestSchemaVersion();

// Brings the database from its user_version to latestSchemaVersion(), one numbered step at a time,
// each step in its own transaction (rolled back on failure, leaving the previous version intact).
Result<void> migrate(sqlite3 *db, const std::string &path);

} // namespace fp::storage
