#include "Migrations.h"

#include "Statement.h"

#include <array>
#include <string>

namespace fp::storage {
namespace {

// Version 0 -> 1: the workspace's identity, its audit trail and trial definitions.
Result<void> migrateTo1(sqlite3 *db) {
    return execute(db, R"sql(
        CREATE TABLE workspace_info (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE events (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            kind       TEXT NOT NULL,
            message    TEXT NOT NULL
        );
        CREATE TABLE trials (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            name       TEXT NOT NULL UNIQUE,
            spec_json  TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        INSERT INTO workspace_info(key, value) VALUES ('created_by', 'fedpilot ' || ')sql" FP_VERSION R"sql(');
    )sql");
}

// Version 1 -> 2: federated runs, recorded round by round so that a run survives a crash and resumes from its
// last completed round. Conventions:
//  - times are UTC ISO 8601 text ("2024-05-01T12:00:00.000Z");
//  - runs.seed holds the uint64 seed's two's-complement bit pattern (SQLite integers are signed 64-bit);
//  - runs.pid/host name the process recording a 'running' run (a dead pid on this host means it was interrupted);
//  - checkpoints.path is the round's PEFT adapter folder relative to the workspace folder
//    ("artifacts/run-7/round-3"); sha256 and bytes describe its adapter_model.safetensors;
//  - measurements are REAL without NOT NULL: NULL stands for NaN (SQLite stores a bound NaN as NULL);
//  - client_rounds holds every field of engine::ClientRoundRecord; site and client names come from clients/sites;
//  - deleting a run deletes its sites, clients, rounds and their records; its events keep their text (run_id NULL).
Result<void> migrateTo2(sqlite3 *db) {
    return execute(db, R"sql(
        CREATE TABLE runs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            trial_id         INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            strategy         TEXT NOT NULL,
            status           TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
            planned_rounds   INTEGER NOT NULL CHECK (planned_rounds >= 0),
            completed_rounds INTEGER NOT NULL DEFAULT 0 CHECK (completed_rounds >= 0),
            seed             INTEGER NOT NULL,
            pid              INTEGER,
            host             TEXT NOT NULL DEFAULT '',
            started_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            finished_at      TEXT,
            message          TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX runs_by_trial ON runs(trial_id);
        CREATE TABLE sites (
            id                     INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id                 INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name                   TEXT NOT NULL,
            agent                  TEXT NOT NULL DEFAULT '',
            price_per_compute_hour REAL NOT NULL DEFAULT 0,
            price_per_gb           REAL NOT NULL DEFAULT 0,
            UNIQUE (run_id, name)
        );
        CREATE TABLE clients (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            name    TEXT NOT NULL,
            samples INTEGER NOT NULL CHECK (samples >= 0),
            UNIQUE (site_id, name)
        );
        CREATE TABLE rounds (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            round           INTEGER NOT NULL CHECK (round >= 1),
            seconds         REAL,
            global_clusters INTEGER NOT NULL,
            completed_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            UNIQUE (run_id, round)
        );
        CREATE TABLE client_rounds (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            round_id          INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            client_id         INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            available         INTEGER NOT NULL,
            selected          INTEGER NOT NULL,
            groups            INTEGER NOT NULL,
            training_tokens   INTEGER NOT NULL,
            steps             INTEGER NOT NULL,
            skipped_steps     INTEGER NOT NULL,
            train_loss        REAL,
            feature_seconds   REAL,
            selection_seconds REAL,
            training_seconds  REAL,
            bytes_down        INTEGER NOT NULL,
            bytes_up          INTEGER NOT NULL,
            selection_bytes   INTEGER NOT NULL,
            cost              REAL,
            status            TEXT NOT NULL,
            UNIQUE (round_id, client_id)
        );
        CREATE INDEX client_rounds_by_client ON client_rounds(client_id);
        CREATE TABLE evaluations (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            scope    TEXT NOT NULL,
            samples  INTEGER NOT NULL,
            rouge_l  REAL,
            loss     REAL,
            seconds  REAL
        );
        CREATE INDEX evaluations_by_round ON evaluations(round_id, scope);
        CREATE TABLE checkpoints (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            round_id INTEGER NOT NULL UNIQUE REFERENCES rounds(id) ON DELETE CASCADE,
            path     TEXT NOT NULL,
            sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
            bytes    INTEGER NOT NULL
        );
        ALTER TABLE events ADD COLUMN run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL;
        ALTER TABLE trials ADD COLUMN base_dir TEXT NOT NULL DEFAULT '';
        CREATE INDEX events_by_run ON events(run_id);
    )sql");
}

// Version 2 -> 3: the run queue. A trial's runs are all created up front as 'queued', so that a crash or a cancel
// never loses the strategies that had not started yet, and runs.pid_start tells a live owner from a reused pid:
//  - status gains 'queued' (created, not started yet). SQLite cannot change a CHECK constraint in place, so the
//    table is rebuilt (sqlite.org/lang_altertable.html, "making other kinds of table schema changes"); migrate()
//    turns foreign keys off around the steps, so dropping the old table does not cascade into sites and rounds;
//  - pid/host/pid_start name the process that holds a 'running' run or a 'queued' one (the process that queued it
//    and will run it after the trial's earlier runs); pid NULL: nobody holds it;
//  - pid_start is that process's start time (clock ticks after boot, /proc/<pid>/stat field 22): a pid alive on
//    this host with another start time is a new process that reused the number, and the run's holder is gone.
Result<void> migrateTo3(sqlite3 *db) {
    return execute(db, R"sql(
        CREATE TABLE runs_v3 (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            trial_id         INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            strategy         TEXT NOT NULL,
            status           TEXT NOT NULL
                             CHECK (status IN ('queued', 'running', 'completed', 'failed', 'interrupted')),
            planned_rounds   INTEGER NOT NULL CHECK (planned_rounds >= 0),
            completed_rounds INTEGER NOT NULL DEFAULT 0 CHECK (completed_rounds >= 0),
            seed             INTEGER NOT NULL,
            pid              INTEGER,
            host             TEXT NOT NULL DEFAULT '',
            started_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            finished_at      TEXT,
            message          TEXT NOT NULL DEFAULT '',
            pid_start        INTEGER
        );
        INSERT INTO runs_v3(id, trial_id, strategy, status, planned_rounds, completed_rounds, seed, pid, host,
                            started_at, finished_at, message)
            SELECT id, trial_id, strategy, status, planned_rounds, completed_rounds, seed, pid, host, started_at,
                   finished_at, message FROM runs;
        -- Keep AUTOINCREMENT's high-water mark: a deleted run's id (and its artifacts/run-<id> folder name) is
        -- never handed out again.
        UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'runs'), 0))
         WHERE name = 'runs_v3';
        DROP TABLE runs;
        ALTER TABLE runs_v3 RENAME TO runs;
        CREATE INDEX runs_by_trial ON runs(trial_id);
    )sql");
}

// Version 3 -> 4: what the coreset inspector shows of a client round, for strategies that cluster (FedHDS variants,
// Random without a budget). Bounded: at most engine::kMaxMapPointsPerClientRound points and
// engine::kMaxCentersPerClientRound centers per client round (the journal refuses more).
//  - client_round_points: a client's samples on its 2-D t-SNE map, for sites simulated in the recording process
//    only (a remote site's samples never leave it). sample is the index into the site's samples (its data files
//    read in order), cluster the client's HDBSCAN cluster (-1: noise), selected 1 when it was in the coreset;
//  - client_round_centers: the group centers the client sent (any site), in the order sent (ord), their values as
//    text ("0.25 -0.5 ..."; %.9g reads back the exact float) and whether the coordinator chose the group. A site
//    may send a cluster id twice (nothing on the wire forbids it), so ord, not the cluster, is the key.
Result<void> migrateTo4(sqlite3 *db) {
    return execute(db, R"sql(
        CREATE TABLE client_round_points (
            client_round_id INTEGER NOT NULL REFERENCES client_rounds(id) ON DELETE CASCADE,
            sample          INTEGER NOT NULL CHECK (sample >= 0),
            x               REAL NOT NULL,
            y               REAL NOT NULL,
            cluster         INTEGER NOT NULL CHECK (cluster >= -1),
            selected        INTEGER NOT NULL CHECK (selected IN (0, 1)),
            PRIMARY KEY (client_round_id, sample)
        ) WITHOUT ROWID;
        CREATE TABLE client_round_centers (
            client_round_id INTEGER NOT NULL REFERENCES client_rounds(id) ON DELETE CASCADE,
            ord             INTEGER NOT NULL CHECK (ord >= 0),
            cluster         INTEGER NOT NULL,
            coordinates     TEXT NOT NULL,
            chosen          INTEGER NOT NULL CHECK (chosen IN (0, 1)),
            PRIMARY KEY (client_round_id, ord)
        ) WITHOUT ROWID;
    )sql");
}

using MigrationStep = Result<void> (*)(sqlite3 *);
constexpr std::array<MigrationStep, 4> kSteps = {&migrateTo1, &migrateTo2, &migrateTo3, &migrateTo4};

Result<int> userVersion(sqlite3 *db) {
    auto stmt = Statement::prepare(db, "PRAGMA user_version");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    return *row ? int(stmt->columnInt(0)) : 0;
}

Result<void> checkForeignKeys(sqlite3 *db) {
    auto stmt = Statement::prepare(db, "PRAGMA foreign_key_check");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (*row) {
        return fail(ErrorCode::BadFormat, "table " + stmt->columnText(0) + " row " + stmt->columnText(1) +
                                              " refers to a missing row of " + stmt->columnText(2));
    }
    return {};
}

Result<void> runStep(sqlite3 *db, int toVersion) {
    if (auto ok = execute(db, "BEGIN IMMEDIATE"); !ok) {
        return ok;
    }
    // Another connection may have migrated between our read of the version and this write lock (two threads opening
    // a new workspace at once): read it again under the lock.
    auto current = userVersion(db);
    if (current && *current >= toVersion) {
        return execute(db, "COMMIT");
    }
    auto ok = current ? kSteps[size_t(toVersion - 1)](db) : Result<void>(std::unexpected(current.error()));
    if (ok) {
        ok = checkForeignKeys(db); // migrate() turned enforcement off: check what the step left
    }
    if (ok) {
        // PRAGMA cannot take bound parameters; the value is a compile-time integer, not user input.
        const std::string pragma = "PRAGMA user_version = " + std::to_string(toVersion);
        ok = execute(db, pragma.c_str());
    }
    if (ok) {
        ok = execute(db, "COMMIT");
    }
    if (!ok) {
        execute(db, "ROLLBACK");
    }
    return ok;
}

} // namespace

int latestSchemaVersion() { return int(kSteps.size()); }

Result<void> migrate(sqlite3 *db, const std::string &path) {
    auto version = userVersion(db);
    if (!version) {
        return std::unexpected(version.error().withContext("workspace " + path));
    }
    if (*version > latestSchemaVersion()) {
        return fail(ErrorCode::BadFormat, "workspace " + path + ": schema version " + std::to_string(*version) +
                                              " is newer than this fedpilot understands (" +
                                              std::to_string(latestSchemaVersion()) + "); upgrade fedpilot");
    }
    if (*version == latestSchemaVersion()) {
        return {};
    }
    // A step may rebuild a table that others refer to (migrateTo3); with enforcement on, dropping the old table
    // would delete the referring rows. The pragma only works outside a transaction; each step checks the keys
    // before it commits.
    if (auto ok = execute(db, "PRAGMA foreign_keys = OFF"); !ok) {
        return std::unexpected(ok.error().withContext("workspace " + path));
    }
    Result<void> migrated;
    for (int v = *version + 1; v <= latestSchemaVersion() && migrated; ++v) {
        if (auto ok = runStep(db, v); !ok) {
            migrated = std::unexpected(
                ok.error().withContext("workspace " + path + ": migrating to schema " + std::to_string(v)));
        }
    }
    if (auto on = execute(db, "PRAGMA foreign_keys = ON"); !on && migrated) {
        return std::unexpected(on.error().withContext("workspace " + path));
    }
    return migrated;
}

} // namespace fp::storage
