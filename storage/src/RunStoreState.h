#pragma once

#include "fedpilot/storage/RunStore.h"

#include "Connection.h"

#include <optional>
#include <string>

namespace fp::storage {

class Statement;

struct RunStore::State {
    Connection db;
    std::string dir; // the workspace folder, without a trailing slash
};

namespace detail {

// This machine's host name (gethostname), recorded with a running run's pid.
std::string hostName();

// When process pid started, in clock ticks after boot (/proc/<pid>/stat field 22); nullopt when there is no such
// process (or /proc cannot tell).
std::optional<int64_t> processStartTicks(long long pid);

// The holder recorded in a run row (pid, host, pid_start columns; hasPid false: pid is NULL) if it is alive: on
// this host, the pid exists and (when recorded) started at pidStart; on another host, always (cannot tell).
std::optional<RunOwner> liveOwner(bool hasPid, long long pid, const std::string &host, std::optional<int64_t> pidStart);

// The status a reader should see: a row stored as 'running' whose holder is gone was interrupted.
// The status a run reports: a dead process's 'running' reads as interrupted, and an 'interrupted' row whose message
// starts with "paused" as kRunPaused.
std::string effectiveStatus(const std::string &stored, const std::optional<RunOwner> &owner,
                            const std::string &message);

// Reads a row's holder from three consecutive columns: pid, host, pid_start.
std::optional<RunOwner> liveOwnerAt(const Statement &row, int pidColumn);

// "artifacts/run-<id>/round-<r>": a round's checkpoint folder relative to the workspace folder.
std::string checkpointRelativePath(int64_t runId, int round);

// The run's stored status and completed rounds. Errors: NotFound "run <id>: no such run in workspace <dir>".
struct RunProgress {
    std::string status;
    int completedRounds = 0;
};
Result<RunProgress> runProgress(const RunStore::State &state, int64_t runId);

// Inserts a client round's map points and centers (coreset inspector) under its client_rounds row. Errors:
// InvalidArgument beyond the bounds of engine::kMaxMapPointsPerClientRound / kMaxCentersPerClientRound.
Result<void> insertCoresetRecords(sqlite3 *db, int64_t clientRoundId, const engine::ClientRoundRecord &record);

} // namespace detail
} // namespace fp::storage
