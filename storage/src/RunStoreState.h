#pragma once

#include "fedpilot/storage/RunStore.h"

#include "Connection.h"

#include <string>

namespace fp::storage {

struct RunStore::State {
    Connection db;
    std::string dir; // the workspace folder, without a trailing slash
};

namespace detail {

// This machine's host name (gethostname), recorded with a running run's pid.
std::string hostName();

// The status a reader should see: a row stored as 'running' whose pid is dead on this host was interrupted.
std::string effectiveStatus(const std::string &stored, bool hasPid, long long pid, const std::string &host);

// "artifacts/run-<id>/round-<r>": a round's checkpoint folder relative to the workspace folder.
std::string checkpointRelativePath(int64_t runId, int round);

// The run's stored status and completed rounds. Errors: NotFound "run <id>: no such run in workspace <dir>".
struct RunProgress {
    std::string status;
    int completedRounds = 0;
};
Result<RunProgress> runProgress(const RunStore::State &state, int64_t runId);

} // namespace detail
} // namespace fp::storage
