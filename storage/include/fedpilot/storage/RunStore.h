#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/RunRecords.h"
#include "fedpilot/engine/Trial.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

// The run store: federated runs recorded round by round in a workspace, so that a run survives a crash and
// resumes from its last completed round.
//
// A workspace is a folder DIR holding
//   DIR/workspace.sqlite                  the database (schema in storage/src/Migrations.cpp)
//   DIR/artifacts/run-<id>/round-<r>/     each completed round's global adapter, a PEFT folder
//                                         (adapter_model.safetensors + adapter_config.json)
//
// A run's life: saveTrial -> queueRuns (every strategy of the trial, status 'queued') -> markRunning(run) ->
// journal(run)->roundCompleted(...) per round -> finishRun('completed' | 'failed' | 'interrupted'), then the
// trial's next run. After a crash: markRunning(run) -> resumePoint(run) -> continue with round
// completedRounds + 1 through a new journal; the trial's queued runs follow.
//
// Who holds a run: a 'running' run, and a 'queued' one waiting for the trial's earlier runs, name the process
// that holds it (pid, host, and the process's start time, so that a reused pid is not mistaken for it). While
// that process lives, markRunning refuses the run to every other process, so no run is ever executed twice; once
// it is gone, its 'running' run reads as 'interrupted' and its queued runs are free to resume.
namespace fp::storage {

// Run status values as stored and reported.
inline constexpr const char *kRunQueued = "queued"; // created with its trial, not started yet
inline constexpr const char *kRunRunning = "running";
inline constexpr const char *kRunCompleted = "completed";
inline constexpr const char *kRunFailed = "failed";
inline constexpr const char *kRunInterrupted = "interrupted"; // stopped by the user, or its process died
// Stopped by the user at a round boundary (the console's Pause); resumable like an interrupted run. Schema v3's CHECK
// on runs.status has no 'paused', so it is stored as 'interrupted' with a message that starts with "paused" and read
// back as kRunPaused (finishRun, RunSummary::status, TrialRun::status).
inline constexpr const char *kRunPaused = "paused";

// The evaluation scope whose Rouge-L summaries report (held-out tasks evaluated on the coordinator).
inline constexpr const char *kCentralScope = "central";

// A site of a run with the clients the coordinator partitioned its data into. Recorded when the run is
// created; every client-round record must name one of these (site, client) pairs.
struct SiteClients {
    std::string name;
    std::string agent; // empty: simulated in-process; "host:port": a remote agent
    engine::CostModel cost;
    std::vector<std::pair<std::string, int64_t>> clients; // client name, local training samples
};

// The live process that holds a run (running it, or queued to run it next). On another host liveness cannot be
// checked: such a holder is taken as alive.
struct RunOwner {
    int64_t pid = 0;
    std::string host;
};

// Whether a process may pick up a run left alone: interrupted, paused, or queued with nobody holding it.
[[nodiscard]] bool isResumable(const std::string &status, const std::optional<RunOwner> &owner);

// A run with totals over all its recorded rounds (listRuns, runDetail).
struct RunSummary {
    int64_t id = 0;
    int64_t trialId = 0;
    std::string trial; // the trial's stored name (may carry a " (2)" suffix, see saveTrial)
    std::string strategy;
    // The strategy's method ("fedhds", "fedhds-intra", "random", "full"): the strategy itself, or for a variant
    // entry of the trial ({"name": "paper", "method": "fedhds", ...}) its method; empty when neither names one.
    std::string method;
    // kRunQueued, kRunRunning, kRunCompleted, kRunFailed, kRunInterrupted or kRunPaused. A row stored as 'running'
    // whose process is no longer alive on this host reads as kRunInterrupted (it crashed or was killed).
    std::string status;
    std::optional<RunOwner> owner; // the live process holding a queued or running run; nullopt: nobody
    int plannedRounds = 0;
    int completedRounds = 0;
    uint64_t seed = 0;
    std::string startedAt;            // UTC ISO 8601, "2024-05-01T12:00:00.000Z"
    std::string finishedAt;           // empty while running or after a crash
    std::string message;              // finishRun's message (why it failed, ...)
    std::optional<double> lastRougeL; // central Rouge-L of the last evaluated round; nullopt: never evaluated
    // Sums over every client-round record of the run.
    int64_t available = 0; // samples the sampled clients held
    int64_t selected = 0;  // samples they trained on
    int64_t trainingTokens = 0;
    int64_t bytesDown = 0;
    int64_t bytesUp = 0;
    int64_t selectionBytes = 0;
    double cost = 0.0;
    double seconds = 0.0; // sum of the rounds' wall times

    // selected / available: the fraction of the offered data the run trained on; NaN before any client round.
    [[nodiscard]] double dataFraction() const;
};

// Where a round's checkpoint lies and what it hashed to when written.
struct CheckpointInfo {
    std::string path;   // the adapter folder, relative to the workspace folder ("artifacts/run-7/round-3")
    std::string sha256; // of adapter_model.safetensors, 64 lowercase hex digits
    int64_t bytes = 0;  // size of adapter_model.safetensors
};

// One recorded round, its records as the coordinator gave them (clients and evaluations in the order given)
// and the client totals.
struct RoundDetail {
    int round = 0;
    double seconds = 0.0;
    int globalClusters = 0;
    std::string completedAt;
    std::vector<engine::ClientRoundRecord> clients;
    std::vector<engine::EvaluationRecord> evaluations;
    CheckpointInfo checkpoint;
    int64_t available = 0;
    int64_t selected = 0;
    int64_t trainingTokens = 0;
    int64_t bytesDown = 0;
    int64_t bytesUp = 0;
    int64_t selectionBytes = 0;
    double cost = 0.0;
};

struct StoredEvent {
    int64_t id = 0;
    std::string createdAt;
    std::string kind;
    std::string message;
};

struct RunDetail {
    RunSummary summary;
    std::vector<SiteClients> sites;  // as given to createRun
    std::vector<RoundDetail> rounds; // by round number
    std::vector<StoredEvent> events; // the run's events, oldest first
};

// A trial as saved: the file's text and the folder its relative paths are resolved against.
struct StoredTrial {
    std::string json;
    std::string baseDir;
};

// A run as listTrials shows it under its trial.
struct TrialRun {
    int64_t id = 0;
    std::string strategy;
    std::string status; // as RunSummary::status (a dead process's 'running' reads as kRunInterrupted, ...)
    int completedRounds = 0;
    int plannedRounds = 0;
    std::optional<RunOwner> owner; // as RunSummary::owner
};

// A stored trial with its runs (listTrials).
struct TrialSummary {
    int64_t id = 0;
    std::string name;           // the stored name (may carry a " (2)" suffix, see saveTrial)
    std::string createdAt;      // UTC ISO 8601
    StoredTrial source;         // the file's text and base folder, for engine::parseTrial
    std::vector<TrialRun> runs; // oldest first
};

// A client round as the coreset inspector lists it (coresetClients): its record and what is stored of its selection.
struct CoresetClient {
    int round = 0;
    std::string site;
    std::string client;
    bool remote = false; // the site ran at an agent: only the centers it sent are recorded, never its samples
    int64_t available = 0;
    int64_t selected = 0;
    int groups = 0;
    std::string status;
    int64_t points = 0;         // map points stored (at most engine::kMaxMapPointsPerClientRound)
    int64_t selectedPoints = 0; // of which selected
    int64_t centers = 0;        // centers stored
    int64_t chosenCenters = 0;  // of which the coordinator chose
};

// One client round's stored map (engine::ClientRoundRecord::map, by sample) and centers (as sent).
struct CoresetMap {
    std::vector<engine::MapPoint> points;
    std::vector<engine::SentCenter> centers;
};

enum class CsvKind {
    Rounds,  // one row per run and round
    Clients, // one row per client and round, every ClientRoundRecord field
};

// Reads and writes runs of one workspace through its own SQLite connection (WAL, foreign keys on,
// synchronous=FULL so that a committed round survives a power cut).
//
// Not thread-safe: a RunStore and the journals it hands out share one connection; use them from one thread and
// open another RunStore (another connection) for another thread. Journals keep the connection alive, so they may
// outlive the RunStore that made them.
//
// Errors are fp::Error values whose message names the run, round and file involved. Codes: NotFound (no such
// run or trial), InvalidArgument (a value the store refuses: an unknown status, an out-of-order round, a client
// not registered with the run), Io (the OS refused a write: disk full, permissions), BadFormat (a damaged
// database or checkpoint), Runtime (other SQLite failures).
class RunStore {
public:
    // Opens the workspace in folder workspaceDir, creating the folder, DIR/artifacts and DIR/workspace.sqlite as
    // needed and migrating an older schema. Errors: Io (cannot create or open), BadFormat (not a workspace
    // database, or one written by a newer fedpilot).
    static Result<RunStore> open(const std::string &workspaceDir);

    RunStore(RunStore &&) noexcept;
    RunStore &operator=(RunStore &&) noexcept;
    ~RunStore();

    [[nodiscard]] const std::string &workspaceDir() const;

    // Stores a trial (its name, sourceJson, the file's text, and baseDir) and returns its id. Saving the same name
    // with the same text and folder again returns the existing id; the same name with different text is stored as "name
    // (2)", "name (3)", ... (the first free or identical one), so that every run keeps the exact trial it ran. Errors:
    // InvalidArgument (empty name).
    Result<int64_t> saveTrial(const engine::TrialSpec &trial);

    // Creates a run of trialId with status 'running' held by this process, and registers its sites and clients.
    // seed is stored bit-exactly. Errors: NotFound (no such trial), InvalidArgument (empty strategy, negative
    // plannedRounds, a site or a client of a site named twice).
    Result<int64_t> createRun(int64_t trialId, const std::string &strategy, int plannedRounds, uint64_t seed,
                              const std::vector<SiteClients> &sites);

    // Creates one run per strategy of trialId, in this order, all in one transaction, with status 'queued' and held
    // by this process (which runs them in turn through markRunning); each gets the sites and clients. Returns the
    // run ids in the order of strategies. Errors: as createRun, and InvalidArgument when another live process
    // holds a queued or running run of the same trial (the message names the run, strategy, process and host).
    Result<std::vector<int64_t>> queueRuns(int64_t trialId, const std::vector<std::string> &strategies,
                                           int plannedRounds, uint64_t seed, const std::vector<SiteClients> &sites);

    // Lets go of those runs that this process still holds queued (it stops before running them: cancelled, or an
    // earlier run failed), so that resume in any process may pick them up. Other runs are left as they are.
    Result<void> releaseQueuedRuns(const std::vector<int64_t> &runIds);

    // A journal that records runId's rounds into this workspace. roundCompleted(round):
    //  1. requires round.round == completedRounds + 1 and the run stored as 'running' (else InvalidArgument);
    //  2. writes round.globalAdapter to DIR/artifacts/run-<id>/round-<r>.partial/, fsyncs the files and folders
    //     and renames it to round-<r>/ (replacing a folder a crashed attempt left for this unrecorded round);
    //  3. hashes adapter_model.safetensors (SHA-256);
    //  4. in one transaction inserts the round, its client records (each must name a client registered by
    //     createRun) with their map points and centers (InvalidArgument beyond engine::kMaxMapPointsPerClientRound
    //     or kMaxCentersPerClientRound), evaluations, events and checkpoint, and advances the run's completed rounds.
    // On any failure nothing of the round remains (transaction rolled back, round folder removed) and the error
    // says what failed where ("run 4: checkpoint round 3: writing /w/artifacts/...: No space left on device").
    // event(e) appends an event row tagged with the run. baseModel goes into adapter_config.json
    // (base_model_name_or_path). The run's existence is checked when the journal is used, not here.
    [[nodiscard]] std::unique_ptr<engine::RunJournal> journal(int64_t runId, const std::string &baseModel = {});

    // Where runId resumes: nullopt when no round completed; else the last completed round and its global adapter,
    // read back bit-identical. Errors: NotFound (no such run), BadFormat (the checkpoint file is missing or its
    // SHA-256 differs from the recorded one; the message names the file and both hashes), and readPeftAdapter's
    // errors for a damaged adapter folder.
    Result<std::optional<engine::ResumePoint>> resumePoint(int64_t runId);

    // Ends a run: status kRunCompleted, kRunFailed, kRunInterrupted or kRunPaused (stored as 'interrupted', the
    // message prefixed with "paused: " unless it starts with "paused"), a message (why), finished_at = now and no
    // pid. Errors: InvalidArgument (another status), NotFound (no such run).
    Result<void> finishRun(int64_t runId, const std::string &status, const std::string &message);

    // Takes runId for this process, atomically: status 'running', held by this process (pid, host, start time),
    // finished_at and message cleared; a queued run's started_at becomes now. Errors: NotFound, InvalidArgument
    // (another live process holds the run, running or queued: "run 4 (fedhds of trial 'pilot') is running in
    // process 1234 on host h; ..."; or the run is already completed).
    Result<void> markRunning(int64_t runId);

    // The stored trial of runId (TrialSpec::sourceJson and baseDir), for resume to parse again. Errors: NotFound.
    Result<StoredTrial> storedTrial(int64_t runId);

    // The newest run of the trial stored as trialName with this strategy. Errors: NotFound.
    Result<int64_t> findRun(const std::string &trialName, const std::string &strategy);

    // The runs of this workspace that a live process holds (running or queued), oldest first.
    Result<std::vector<RunSummary>> heldRuns();

    // Every run, newest first, with its totals.
    Result<std::vector<RunSummary>> listRuns();
    // Every trial, newest first, with its source and its runs (oldest first), read by one statement.
    Result<std::vector<TrialSummary>> listTrials();
    // One run with its sites, rounds (client records, evaluations, checkpoint) and events. Errors: NotFound.
    Result<RunDetail> runDetail(int64_t runId);

    // Every client round of runId, by round, then site and client in the run's order, with the counts of its stored
    // map points and centers. Errors: NotFound (no such run).
    Result<std::vector<CoresetClient>> coresetClients(int64_t runId);
    // The stored map points and centers of one client round (both empty for a run recorded before schema 4, a
    // strategy that does not cluster, or a client too small for t-SNE; points empty for a remote site). Errors:
    // NotFound (no such client round), BadFormat (damaged center coordinates).
    Result<CoresetMap> coresetMap(int64_t runId, int round, const std::string &site, const std::string &client);

    // Writes runId's records (0: every run) as CSV with a header row: RFC 4180 (fields with a comma, quote, CR or
    // LF are quoted, quotes doubled; CRLF line ends). Integers are printed exactly, real numbers with %.17g (they
    // read back bit-identical); a NaN or missing value is an empty field.
    //  Rounds:  run,trial,strategy,round,clients,available,selected,data_fraction,training_tokens,bytes_down,
    //           bytes_up,selection_bytes,seconds,cost,rouge_l,eval_loss,eval_seconds   (rouge_l, eval_loss: the
    //           round's central evaluation; eval_seconds: all of its evaluations, central and federated, which
    //           `seconds` includes; all three empty when the round was not evaluated)
    //  Clients: run,trial,strategy,round,site,client,available,selected,groups,training_tokens,steps,
    //           skipped_steps,train_loss,feature_seconds,selection_seconds,training_seconds,bytes_down,bytes_up,
    //           selection_bytes,cost,status
    // Errors: NotFound (runId is not 0 and no such run), Io (the stream failed).
    Result<void> exportCsv(int64_t runId, std::ostream &out, CsvKind kind);

    struct State; // internal: the connection and workspace folder, shared with journals

private:
    explicit RunStore(std::shared_ptr<State> state);
    std::shared_ptr<State> m_state;
};

} // namespace fp::storage
