// RunStore: opening the workspace, trials, run lifecycle and resume. Round recording lives in RunJournal.cpp,
// reports in RunQueries.cpp and RunCsv.cpp.
#include "fedpilot/storage/RunStore.h"

#include "RunStoreState.h"
#include "Statement.h"
#include "fedpilot/engine/Sha256.h"

#include "fedpilot/engine/PeftAdapter.h"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <unistd.h>

namespace fp::storage {

namespace fs = std::filesystem;

namespace detail {

std::string hostName() {
    char name[256] = {};
    if (gethostname(name, sizeof(name) - 1) != 0) {
        return {};
    }
    return name;
}

std::optional<int64_t> processStartTicks(long long pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!stat || !std::getline(stat, text)) {
        return std::nullopt;
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted after the last ')'.
    // starttime is field 22; after ')' come fields 3, 4, ...
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream fields(text.substr(close + 1));
    std::string field;
    for (int n = 3; n <= 22 && fields >> field; ++n) {
        if (n == 22) {
            try {
                return int64_t(std::stoll(field));
            } catch (const std::exception &) {
                return std::nullopt;
            }
        }
    }
    return std::nullopt;
}

std::optional<RunOwner> liveOwner(bool hasPid, long long pid, const std::string &host,
                                  std::optional<int64_t> pidStart) {
    if (!hasPid || pid <= 0 || pid > std::numeric_limits<pid_t>::max()) {
        return std::nullopt;
    }
    if (host != hostName()) {
        return RunOwner{pid, host}; // on another host we cannot tell a live process from a dead one
    }
    if (const auto started = processStartTicks(pid)) {
        if (pidStart && *pidStart != *started) {
            return std::nullopt; // the pid was reused by a later process: the holder is gone
        }
        return RunOwner{pid, host};
    }
    // No /proc entry: kill(pid, 0) probes without signalling; EPERM means the process exists but is someone else's.
    const bool alive = ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
    return alive ? std::optional<RunOwner>(RunOwner{pid, host}) : std::nullopt;
}

std::optional<RunOwner> liveOwnerAt(const Statement &row, int pidColumn) {
    const int startColumn = pidColumn + 2;
    return liveOwner(!row.columnIsNull(pidColumn), row.columnInt(pidColumn), row.columnText(pidColumn + 1),
                     row.columnIsNull(startColumn) ? std::nullopt : std::optional<int64_t>(row.columnInt(startColumn)));
}

std::string effectiveStatus(const std::string &stored, const std::optional<RunOwner> &owner,
                            const std::string &message) {
    if (stored == kRunInterrupted && message.starts_with(kRunPaused)) {
        return kRunPaused;
    }
    return stored == kRunRunning && !owner ? std::string(kRunInterrupted) : stored;
}

std::string checkpointRelativePath(int64_t runId, int round) {
    return "artifacts/run-" + std::to_string(runId) + "/round-" + std::to_string(round);
}

Result<RunProgress> runProgress(const RunStore::State &state, int64_t runId) {
    auto stmt = Statement::prepare(state.db.get(), "SELECT status, completed_rounds FROM runs WHERE id = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    if (auto found = stmt->stepToRow("run " + std::to_string(runId) + ": no such run in workspace " + state.dir);
        !found) {
        return std::unexpected(found.error());
    }
    return RunProgress{stmt->columnText(0), int(stmt->columnInt(1))};
}

} // namespace detail

namespace {

Result<void> createFolder(const std::string &dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        return fail(ErrorCode::Io, "workspace " + dir + ": cannot create folder: " + ec.message());
    }
    return {};
}

// The trial row named name: its id and spec text + base folder, or nullopt when no row has that name.
Result<std::optional<std::pair<int64_t, std::string>>> trialNamed(sqlite3 *db, const std::string &name) {
    auto stmt = Statement::prepare(db, "SELECT id, spec_json || char(10) || base_dir FROM trials WHERE name = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    if (!*row) {
        return std::nullopt;
    }
    return std::pair{int64_t(stmt->columnInt(0)), stmt->columnText(1)};
}

Result<int64_t> insertTrial(sqlite3 *db, const std::string &name, const engine::TrialSpec &trial) {
    auto stmt = Statement::prepare(db, "INSERT INTO trials(name, spec_json, base_dir) VALUES (?1, ?2, ?3)");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, name);
    stmt->bind(2, trial.sourceJson);
    stmt->bind(3, trial.baseDir);
    if (auto ok = stmt->run(); !ok) {
        return std::unexpected(ok.error());
    }
    return int64_t(lastInsertId(db));
}

Result<void> checkSites(const std::vector<SiteClients> &sites) {
    std::set<std::string> siteNames;
    for (const auto &site : sites) {
        if (!siteNames.insert(site.name).second) {
            return fail(ErrorCode::InvalidArgument, "site '" + site.name + "' is listed twice");
        }
        std::set<std::string> clientNames;
        for (const auto &[client, samples] : site.clients) {
            if (!clientNames.insert(client).second) {
                return fail(ErrorCode::InvalidArgument,
                            "site '" + site.name + "': client '" + client + "' is listed twice");
            }
            if (samples < 0) {
                return fail(ErrorCode::InvalidArgument, "site '" + site.name + "': client '" + client +
                                                            "' has a negative sample count " + std::to_string(samples));
            }
        }
    }
    return {};
}

Result<void> insertSites(sqlite3 *db, int64_t runId, const std::vector<SiteClients> &sites) {
    auto site = Statement::prepare(db, "INSERT INTO sites(run_id, name, agent, price_per_compute_hour, price_per_gb) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5)");
    auto client = Statement::prepare(db, "INSERT INTO clients(site_id, name, samples) VALUES (?1, ?2, ?3)");
    if (!site || !client) {
        return std::unexpected(site ? client.error() : site.error());
    }
    for (const auto &s : sites) {
        site->bind(1, runId);
        site->bind(2, s.name);
        site->bind(3, s.agent);
        site->bind(4, s.cost.pricePerComputeHour);
        site->bind(5, s.cost.pricePerGb);
        if (auto ok = site->run(); !ok) {
            return ok;
        }
        const int64_t siteId = lastInsertId(db);
        for (const auto &[name, samples] : s.clients) {
            client->bind(1, siteId);
            client->bind(2, name);
            client->bind(3, samples);
            if (auto ok = client->run(); !ok) {
                return ok;
            }
        }
    }
    return {};
}

// This process as a run's holder: its pid, host and start time (ticks after boot).
void bindThisProcess(Statement &stmt, int pidParameter) {
    stmt.bind(pidParameter, int64_t(getpid()));
    stmt.bind(pidParameter + 1, detail::hostName());
    if (const auto started = detail::processStartTicks(getpid())) {
        stmt.bind(pidParameter + 2, *started);
    } else {
        stmt.bindNull(pidParameter + 2);
    }
}

Result<void> checkTrialExists(sqlite3 *db, int64_t trialId, const std::string &dir) {
    auto trial = Statement::prepare(db, "SELECT 1 FROM trials WHERE id = ?1");
    if (!trial) {
        return std::unexpected(trial.error());
    }
    trial->bind(1, trialId);
    if (auto row = trial->step(); !row || !*row) {
        return row ? fail(ErrorCode::NotFound, "no such trial in workspace " + dir) : std::unexpected(row.error());
    }
    return {};
}

struct NewRun {
    int64_t trialId = 0;
    const std::string &strategy;
    const char *status;
    int plannedRounds = 0;
    uint64_t seed = 0;
};

// Inserts a run held by this process and its sites; returns its id.
Result<int64_t> insertRun(sqlite3 *db, const NewRun &r, const std::vector<SiteClients> &sites) {
    auto run = Statement::prepare(db, "INSERT INTO runs(trial_id, strategy, status, planned_rounds, seed, pid, host, "
                                      "pid_start) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!run) {
        return std::unexpected(run.error());
    }
    run->bind(1, r.trialId);
    run->bind(2, r.strategy);
    run->bind(3, std::string(r.status));
    run->bind(4, r.plannedRounds);
    run->bind(5, r.seed);
    bindThisProcess(*run, 6);
    if (auto ok = run->run(); !ok) {
        return std::unexpected(ok.error());
    }
    const int64_t runId = lastInsertId(db);
    if (auto ok = insertSites(db, runId, sites); !ok) {
        return std::unexpected(ok.error());
    }
    return runId;
}

// "run 4 (fedhds of trial 'pilot')": how refusals name a run.
std::string describeRun(int64_t id, const std::string &strategy, const std::string &trial) {
    return "run " + std::to_string(id) + " (" + strategy + " of trial '" + trial + "')";
}

// "is running in process 1234 on host h" / "is queued in process ... (it runs the trial's earlier runs first)".
std::string heldBy(const std::string &status, const RunOwner &owner) {
    const std::string where = " in process " + std::to_string(owner.pid) + " on host " + owner.host;
    return status == kRunQueued ? "is queued" + where + " (which runs the trial's earlier runs first)"
                                : "is running" + where;
}

// The first run of trialId that a live process other than this one holds, as a refusal; nullopt when none.
Result<std::optional<std::string>> heldByAnother(sqlite3 *db, int64_t trialId) {
    auto stmt = Statement::prepare(db, "SELECT r.id, r.strategy, t.name, r.status, r.pid, r.host, r.pid_start "
                                       "FROM runs r JOIN trials t ON t.id = r.trial_id WHERE r.trial_id = ?1 AND "
                                       "r.status IN ('queued', 'running') AND r.pid IS NOT NULL ORDER BY r.id");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, trialId);
    std::optional<std::string> refusal;
    auto rows = stmt->forEachRow([&] {
        const auto owner = detail::liveOwnerAt(*stmt, 4);
        if (!refusal && owner && !(owner->pid == getpid() && owner->host == detail::hostName())) {
            refusal = "trial '" + stmt->columnText(2) + "' is already being run: " +
                      describeRun(stmt->columnInt(0), stmt->columnText(1), stmt->columnText(2)) + " " +
                      heldBy(stmt->columnText(3), *owner) + "; wait for it to finish or cancel it";
        }
    });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return refusal;
}

// Runs an UPDATE on one run (?1 = run id) and reports NotFound when it changed no row.
Result<void> updateRun(const RunStore::State &state, int64_t runId, Statement &stmt) {
    if (auto ok = stmt.run(); !ok) {
        return std::unexpected(ok.error().withContext("run " + std::to_string(runId)));
    }
    if (changedRows(state.db.get()) == 0) {
        return fail(ErrorCode::NotFound, "run " + std::to_string(runId) + ": no such run in workspace " + state.dir);
    }
    return {};
}

} // namespace

bool isResumable(const std::string &status, const std::optional<RunOwner> &owner) {
    return status == kRunInterrupted || status == kRunPaused || (status == kRunQueued && !owner);
}

double RunSummary::dataFraction() const {
    return available > 0 ? double(selected) / double(available) : std::numeric_limits<double>::quiet_NaN();
}

RunStore::RunStore(std::shared_ptr<State> state) : m_state(std::move(state)) {}
RunStore::RunStore(RunStore &&) noexcept = default;
RunStore &RunStore::operator=(RunStore &&) noexcept = default;
RunStore::~RunStore() = default;

Result<RunStore> RunStore::open(const std::string &workspaceDir) {
    std::string dir = workspaceDir;
    while (dir.size() > 1 && dir.back() == '/') {
        dir.pop_back();
    }
    if (dir.empty()) {
        return fail(ErrorCode::InvalidArgument, "workspace: empty folder name");
    }
    // Absolute, so that messages name files a person can find whatever folder they are in.
    std::error_code ec;
    if (const auto absolute = fs::absolute(dir, ec); !ec) {
        dir = absolute.lexically_normal().string();
        while (dir.size() > 1 && dir.back() == '/') {
            dir.pop_back();
        }
    }
    if (auto ok = createFolder(dir + "/artifacts"); !ok) {
        return std::unexpected(ok.error());
    }
    auto db = openConnection(dir + "/workspace.sqlite", Durability::Full);
    if (!db) {
        return std::unexpected(db.error());
    }
    return RunStore(std::make_shared<State>(State{std::move(*db), std::move(dir)}));
}

const std::string &RunStore::workspaceDir() const { return m_state->dir; }

Result<int64_t> RunStore::saveTrial(const engine::TrialSpec &trial) {
    if (trial.name.empty()) {
        return fail(ErrorCode::InvalidArgument, "save trial: the trial has no name");
    }
    sqlite3 *db = m_state->db.get();
    auto id = inTransaction(db, [&]() -> Result<int64_t> {
        for (int n = 1;; ++n) {
            const std::string name = n == 1 ? trial.name : trial.name + " (" + std::to_string(n) + ")";
            auto existing = trialNamed(db, name);
            if (!existing) {
                return std::unexpected(existing.error());
            }
            if (!*existing) {
                return insertTrial(db, name, trial);
            }
            if ((*existing)->second == trial.sourceJson + "\n" + trial.baseDir) {
                return (*existing)->first;
            }
        }
    });
    if (!id) {
        return std::unexpected(id.error().withContext("save trial '" + trial.name + "'"));
    }
    return id;
}

Result<int64_t> RunStore::createRun(int64_t trialId, const std::string &strategy, int plannedRounds, uint64_t seed,
                                    const std::vector<SiteClients> &sites) {
    const std::string context = "create run of trial " + std::to_string(trialId);
    if (strategy.empty()) {
        return fail(ErrorCode::InvalidArgument, context + ": empty strategy name");
    }
    if (plannedRounds < 0) {
        return fail(ErrorCode::InvalidArgument,
                    context + ": planned rounds must be >= 0, got " + std::to_string(plannedRounds));
    }
    if (auto ok = checkSites(sites); !ok) {
        return std::unexpected(ok.error().withContext(context));
    }
    sqlite3 *db = m_state->db.get();
    auto id = inTransaction(db, [&]() -> Result<int64_t> {
        if (auto ok = checkTrialExists(db, trialId, m_state->dir); !ok) {
            return std::unexpected(ok.error());
        }
        return insertRun(db, NewRun{trialId, strategy, kRunRunning, plannedRounds, seed}, sites);
    });
    if (!id) {
        return std::unexpected(id.error().withContext(context));
    }
    return id;
}

Result<void> RunStore::finishRun(int64_t runId, const std::string &status, const std::string &message) {
    if (status != kRunCompleted && status != kRunFailed && status != kRunInterrupted && status != kRunPaused) {
        return fail(ErrorCode::InvalidArgument, "run " + std::to_string(runId) + ": cannot finish with status '" +
                                                    status + "' (use completed, failed, interrupted or paused)");
    }
    const bool paused = status == kRunPaused;
    auto stmt =
        Statement::prepare(m_state->db.get(), "UPDATE runs SET status = ?2, message = ?3, pid = NULL, "
                                              "finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    stmt->bind(2, paused ? std::string(kRunInterrupted) : status);
    stmt->bind(3, paused && !message.starts_with(kRunPaused) ? std::string(kRunPaused) + ": " + message : message);
    return updateRun(*m_state, runId, *stmt);
}

Result<std::vector<int64_t>> RunStore::queueRuns(int64_t trialId, const std::vector<std::string> &strategies,
                                                 int plannedRounds, uint64_t seed,
                                                 const std::vector<SiteClients> &sites) {
    const std::string context = "queue runs of trial " + std::to_string(trialId);
    if (plannedRounds < 0) {
        return fail(ErrorCode::InvalidArgument,
                    context + ": planned rounds must be >= 0, got " + std::to_string(plannedRounds));
    }
    if (std::ranges::any_of(strategies, [](const std::string &name) { return name.empty(); })) {
        return fail(ErrorCode::InvalidArgument, context + ": empty strategy name");
    }
    if (auto ok = checkSites(sites); !ok) {
        return std::unexpected(ok.error().withContext(context));
    }
    sqlite3 *db = m_state->db.get();
    // One write transaction: the check for another holder and the new rows, so two processes starting the same
    // trial at once cannot both pass the check.
    auto ids = inTransaction(db, [&]() -> Result<std::vector<int64_t>> {
        if (auto ok = checkTrialExists(db, trialId, m_state->dir); !ok) {
            return std::unexpected(ok.error());
        }
        auto refusal = heldByAnother(db, trialId);
        if (!refusal) {
            return std::unexpected(refusal.error());
        }
        if (*refusal) {
            return fail(ErrorCode::InvalidArgument, **refusal);
        }
        std::vector<int64_t> runIds;
        for (const auto &strategy : strategies) {
            auto id = insertRun(db, NewRun{trialId, strategy, kRunQueued, plannedRounds, seed}, sites);
            if (!id) {
                return std::unexpected(id.error());
            }
            runIds.push_back(*id);
        }
        return runIds;
    });
    if (!ids) {
        return std::unexpected(ids.error().withContext(context));
    }
    return ids;
}

Result<void> RunStore::releaseQueuedRuns(const std::vector<int64_t> &runIds) {
    sqlite3 *db = m_state->db.get();
    return inTransaction(db, [&]() -> Result<void> {
        auto stmt = Statement::prepare(db, "UPDATE runs SET pid = NULL, pid_start = NULL WHERE id = ?1 AND "
                                           "status = 'queued' AND pid = ?2 AND host = ?3");
        if (!stmt) {
            return std::unexpected(stmt.error());
        }
        for (int64_t id : runIds) {
            stmt->bind(1, id);
            stmt->bind(2, int64_t(getpid()));
            stmt->bind(3, detail::hostName());
            if (auto ok = stmt->run(); !ok) {
                return std::unexpected(ok.error().withContext("run " + std::to_string(id)));
            }
        }
        return {};
    });
}

Result<void> RunStore::markRunning(int64_t runId) {
    sqlite3 *db = m_state->db.get();
    // Read and take the run under one write lock: of two processes resuming it at once, one takes it and the other
    // sees it held.
    return inTransaction(db, [&]() -> Result<void> {
        auto current = Statement::prepare(db, "SELECT r.status, r.strategy, t.name, r.pid, r.host, r.pid_start "
                                              "FROM runs r JOIN trials t ON t.id = r.trial_id WHERE r.id = ?1");
        if (!current) {
            return std::unexpected(current.error());
        }
        current->bind(1, runId);
        if (auto found =
                current->stepToRow("run " + std::to_string(runId) + ": no such run in workspace " + m_state->dir);
            !found) {
            return std::unexpected(found.error());
        }
        const std::string status = current->columnText(0);
        const std::string run = describeRun(runId, current->columnText(1), current->columnText(2));
        if (status == kRunCompleted) {
            return fail(ErrorCode::InvalidArgument, run + " is already completed");
        }
        const auto owner = detail::liveOwnerAt(*current, 3);
        const bool mine = owner && owner->pid == getpid() && owner->host == detail::hostName();
        if (owner && !mine && (status == kRunRunning || status == kRunQueued)) {
            return fail(ErrorCode::InvalidArgument,
                        run + " " + heldBy(status, *owner) + "; wait for it to finish or cancel it there, then resume");
        }
        auto stmt = Statement::prepare(
            db, "UPDATE runs SET status = 'running', pid = ?2, host = ?3, pid_start = ?4, finished_at = NULL, "
                "message = '', started_at = CASE WHEN status = 'queued' THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "ELSE started_at END WHERE id = ?1");
        if (!stmt) {
            return std::unexpected(stmt.error());
        }
        stmt->bind(1, runId);
        bindThisProcess(*stmt, 2);
        return updateRun(*m_state, runId, *stmt);
    });
}

Result<StoredTrial> RunStore::storedTrial(int64_t runId) {
    auto stmt = Statement::prepare(
        m_state->db.get(),
        "SELECT t.spec_json, t.base_dir FROM runs r JOIN trials t ON t.id = r.trial_id WHERE r.id = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    if (auto found = stmt->stepToRow("run " + std::to_string(runId) + ": no such run in workspace " + m_state->dir);
        !found) {
        return std::unexpected(found.error());
    }
    return StoredTrial{stmt->columnText(0), stmt->columnText(1)};
}

Result<int64_t> RunStore::findRun(const std::string &trialName, const std::string &strategy) {
    auto stmt = Statement::prepare(m_state->db.get(), "SELECT r.id FROM runs r JOIN trials t ON t.id = r.trial_id "
                                                      "WHERE t.name = ?1 AND r.strategy = ?2 ORDER BY r.id DESC "
                                                      "LIMIT 1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, trialName);
    stmt->bind(2, strategy);
    if (auto found = stmt->stepToRow("no run of trial '" + trialName + "' with strategy '" + strategy +
                                     "' in workspace " + m_state->dir);
        !found) {
        return std::unexpected(found.error());
    }
    return int64_t(stmt->columnInt(0));
}

Result<std::optional<engine::ResumePoint>> RunStore::resumePoint(int64_t runId) {
    const std::string context = "resume run " + std::to_string(runId);
    auto progress = detail::runProgress(*m_state, runId);
    if (!progress) {
        return std::unexpected(progress.error());
    }
    if (progress->completedRounds == 0) {
        return std::nullopt;
    }
    auto stmt = Statement::prepare(m_state->db.get(), "SELECT c.path, c.sha256 FROM rounds r JOIN checkpoints c ON "
                                                      "c.round_id = r.id WHERE r.run_id = ?1 AND r.round = ?2");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    stmt->bind(2, progress->completedRounds);
    auto row = stmt->step();
    if (!row) {
        return std::unexpected(row.error());
    }
    const std::string round = "round " + std::to_string(progress->completedRounds);
    if (!*row) {
        return fail(ErrorCode::BadFormat, context + ": " + round + " has no checkpoint row");
    }
    const std::string adapterDir = m_state->dir + "/" + stmt->columnText(0);
    const std::string expected = stmt->columnText(1);
    const std::string file = adapterDir + "/adapter_model.safetensors";
    auto digest = engine::sha256File(file);
    if (!digest || digest->sha256 != expected) {
        const std::string found =
            digest ? "sha256 " + digest->sha256 : "the file is unreadable (" + digest.error().message + ")";
        return fail(ErrorCode::BadFormat, context + ": checkpoint of " + round + " " + file +
                                              " does not match the recorded one: expected sha256 " + expected +
                                              ", found " + found);
    }
    auto adapter = engine::readPeftAdapter(adapterDir);
    if (!adapter) {
        return std::unexpected(adapter.error().withContext(context + ": checkpoint of " + round));
    }
    return engine::ResumePoint{progress->completedRounds, std::move(*adapter)};
}

} // namespace fp::storage
