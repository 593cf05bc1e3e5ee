// The SQLite run journal: each completed round becomes a durable checkpoint folder plus one transaction of rows,
// or nothing at all.
#include "fedpilot/storage/RunStore.h"

#include "RunStoreState.h"
#include "Statement.h"
#include "fedpilot/engine/Sha256.h"
#include "fedpilot/storage/FaultPoint.h"

#include "fedpilot/engine/PeftAdapter.h"

#include <sqlite3.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace fp::storage {
namespace {

namespace fs = std::filesystem;
using engine::FileDigest;

// fsync a file or folder so that its content (a folder: its entries, i.e. renames) survives a power cut.
Result<void> syncPath(const std::string &path, bool directory) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0) {
        return fail(ErrorCode::Io, "opening " + path + " to sync it: " + std::strerror(errno));
    }
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) {
        return fail(ErrorCode::Io, "syncing " + path + ": " + std::strerror(error));
    }
    return {};
}

Result<void> removeAll(const std::string &path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) {
        return fail(ErrorCode::Io, "removing " + path + ": " + ec.message());
    }
    return {};
}

// Writes the round's adapter to round-<r>.partial/, syncs it, and renames it to round-<r>/. Returns its digest.
Result<FileDigest> writeCheckpoint(const std::string &workspaceDir, const std::string &relativeDir,
                                   const engine::PeftAdapter &adapter, const std::string &baseModel) {
    const std::string finalDir = workspaceDir + "/" + relativeDir;
    const std::string partialDir = finalDir + ".partial";
    const std::string runDir = fs::path(finalDir).parent_path().string();
    std::error_code ec;
    fs::create_directories(runDir, ec);
    if (ec) {
        return fail(ErrorCode::Io, "creating " + runDir + ": " + ec.message());
    }
    // Leftovers of a crashed attempt at this round: the database does not know this round yet, so they are garbage.
    for (const auto &stale : {partialDir, finalDir}) {
        if (auto ok = removeAll(stale); !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (auto ok = engine::writePeftAdapter(partialDir, adapter, baseModel); !ok) {
        return std::unexpected(ok.error());
    }
    for (const char *file : {"/adapter_model.safetensors", "/adapter_config.json"}) {
        if (auto ok = syncPath(partialDir + file, false); !ok) {
            return std::unexpected(ok.error());
        }
    }
    if (auto ok = syncPath(partialDir, true); !ok) {
        return std::unexpected(ok.error());
    }
    fs::rename(partialDir, finalDir, ec);
    if (ec) {
        return fail(ErrorCode::Io, "renaming " + partialDir + " to " + finalDir + ": " + ec.message());
    }
    // The rename, and the run folder itself when this is its first round, live in the parent folders' entries.
    for (const auto &dir : {runDir, workspaceDir + "/artifacts", workspaceDir}) {
        if (auto ok = syncPath(dir, true); !ok) {
            return std::unexpected(ok.error());
        }
    }
    return engine::sha256File(finalDir + "/adapter_model.safetensors");
}

class SqliteRunJournal final : public engine::RunJournal {
public:
    SqliteRunJournal(std::shared_ptr<RunStore::State> state, int64_t runId, std::string baseModel)
        : m_state(std::move(state)), m_runId(runId), m_baseModel(std::move(baseModel)) {}

    Result<void> roundCompleted(const engine::RoundRecord &round) override;
    Result<void> event(const engine::RunEvent &event) override;

private:
    Result<void> checkNextRound(int round) const;
    Result<void> insertRound(const engine::RoundRecord &round, const std::string &relativeDir,
                             const FileDigest &digest) const;
    Result<void> insertClientRounds(int64_t roundId, const engine::RoundRecord &round) const;
    Result<void> insertEvaluations(int64_t roundId, const engine::RoundRecord &round) const;
    Result<void> insertEvent(const engine::RunEvent &event) const;
    sqlite3 *db() const { return m_state->db.get(); }

    std::shared_ptr<RunStore::State> m_state;
    int64_t m_runId;
    std::string m_baseModel;
};

Result<void> SqliteRunJournal::checkNextRound(int round) const {
    auto progress = detail::runProgress(*m_state, m_runId);
    if (!progress) {
        return std::unexpected(progress.error());
    }
    if (progress->status != kRunRunning) {
        return fail(ErrorCode::InvalidArgument,
                    "the run is " + progress->status + "; mark it running (resume) before recording rounds");
    }
    if (round != progress->completedRounds + 1) {
        return fail(ErrorCode::InvalidArgument,
                    "round " + std::to_string(round) + " arrives after " + std::to_string(progress->completedRounds) +
                        " completed rounds; expected round " + std::to_string(progress->completedRounds + 1));
    }
    return {};
}

} // namespace

// The default crash-injection hook does nothing (FaultPoint.h). It is weak: only the test program
// fedpilot-cli-faults links a strong definition (app/cli/FaultHook.cpp) that honours FP_FAULT_KILL_AT, so an
// environment variable cannot kill an installed program.
__attribute__((weak)) void faultPoint(const char *, int) {}

namespace {

Result<void> SqliteRunJournal::roundCompleted(const engine::RoundRecord &round) {
    const std::string context = "run " + std::to_string(m_runId);
    const std::string roundName = "round " + std::to_string(round.round);
    if (auto ok = checkNextRound(round.round); !ok) {
        return std::unexpected(ok.error().withContext(context));
    }
    const std::string relativeDir = detail::checkpointRelativePath(m_runId, round.round);
    const std::string finalDir = m_state->dir + "/" + relativeDir;
    auto digest = writeCheckpoint(m_state->dir, relativeDir, round.globalAdapter, m_baseModel);
    if (!digest) {
        (void)removeAll(finalDir + ".partial");
        (void)removeAll(finalDir);
        return std::unexpected(digest.error().withContext(context + ": checkpoint " + roundName));
    }
    faultPoint("checkpoint-written", round.round);
    auto recorded = inTransaction(db(), [&]() -> Result<void> {
        // Again inside the transaction: another connection may have recorded this round meanwhile.
        if (auto ok = checkNextRound(round.round); !ok) {
            return ok;
        }
        auto inserted = insertRound(round, relativeDir, *digest);
        faultPoint("before-commit", round.round);
        return inserted;
    });
    if (!recorded) {
        (void)removeAll(finalDir);
        return std::unexpected(recorded.error().withContext(context + ": recording " + roundName));
    }
    faultPoint("round-committed", round.round);
    return {};
}

Result<void> SqliteRunJournal::insertRound(const engine::RoundRecord &round, const std::string &relativeDir,
                                           const FileDigest &digest) const {
    auto row = Statement::prepare(db(), "INSERT INTO rounds(run_id, round, seconds, global_clusters) "
                                        "VALUES (?1, ?2, ?3, ?4)");
    if (!row) {
        return std::unexpected(row.error());
    }
    row->bind(1, m_runId);
    row->bind(2, round.round);
    row->bind(3, round.seconds);
    row->bind(4, round.globalClusters);
    if (auto ok = row->run(); !ok) {
        return ok;
    }
    const int64_t roundId = lastInsertId(db());
    if (auto ok = insertClientRounds(roundId, round); !ok) {
        return ok;
    }
    if (auto ok = insertEvaluations(roundId, round); !ok) {
        return ok;
    }
    for (const auto &event : round.events) {
        if (auto ok = insertEvent(event); !ok) {
            return ok;
        }
    }
    auto checkpoint =
        Statement::prepare(db(), "INSERT INTO checkpoints(round_id, path, sha256, bytes) VALUES (?1, ?2, ?3, ?4)");
    auto progress = Statement::prepare(db(), "UPDATE runs SET completed_rounds = ?2 WHERE id = ?1");
    if (!checkpoint || !progress) {
        return std::unexpected(checkpoint ? progress.error() : checkpoint.error());
    }
    checkpoint->bind(1, roundId);
    checkpoint->bind(2, relativeDir);
    checkpoint->bind(3, digest.sha256);
    checkpoint->bind(4, digest.bytes);
    if (auto ok = checkpoint->run(); !ok) {
        return ok;
    }
    progress->bind(1, m_runId);
    progress->bind(2, round.round);
    return progress->run();
}

Result<void> SqliteRunJournal::insertClientRounds(int64_t roundId, const engine::RoundRecord &round) const {
    auto client = Statement::prepare(db(), "SELECT c.id FROM clients c JOIN sites s ON s.id = c.site_id "
                                           "WHERE s.run_id = ?1 AND s.name = ?2 AND c.name = ?3");
    auto row = Statement::prepare(
        db(), "INSERT INTO client_rounds(round_id, client_id, available, selected, groups, training_tokens, steps, "
              "skipped_steps, train_loss, feature_seconds, selection_seconds, training_seconds, bytes_down, "
              "bytes_up, selection_bytes, cost, status) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    if (!client || !row) {
        return std::unexpected(client ? row.error() : client.error());
    }
    for (const auto &c : round.clients) {
        client->bind(1, m_runId);
        client->bind(2, c.site);
        client->bind(3, c.client);
        auto found = client->step();
        if (!found) {
            return std::unexpected(found.error());
        }
        if (!*found) {
            return fail(ErrorCode::InvalidArgument, "client '" + c.client + "' of site '" + c.site +
                                                        "' is not registered with this run (createRun lists the "
                                                        "run's sites and clients)");
        }
        const int64_t clientId = client->columnInt(0);
        client->reset();
        row->bind(1, roundId);
        row->bind(2, clientId);
        row->bind(3, c.available);
        row->bind(4, c.selected);
        row->bind(5, c.groups);
        row->bind(6, c.trainingTokens);
        row->bind(7, c.steps);
        row->bind(8, c.skippedSteps);
        row->bind(9, c.trainLoss);
        row->bind(10, c.featureSeconds);
        row->bind(11, c.selectionSeconds);
        row->bind(12, c.trainingSeconds);
        row->bind(13, c.bytesDown);
        row->bind(14, c.bytesUp);
        row->bind(15, c.selectionBytes);
        row->bind(16, c.cost);
        row->bind(17, c.status);
        auto ok = row->run();
        if (ok) {
            ok = detail::insertCoresetRecords(db(), lastInsertId(db()), c);
        }
        if (!ok) {
            return std::unexpected(ok.error().withContext("client '" + c.client + "' of site '" + c.site + "'"));
        }
    }
    return {};
}

Result<void> SqliteRunJournal::insertEvaluations(int64_t roundId, const engine::RoundRecord &round) const {
    auto row = Statement::prepare(db(), "INSERT INTO evaluations(round_id, scope, samples, rouge_l, loss, seconds) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!row) {
        return std::unexpected(row.error());
    }
    for (const auto &e : round.evaluations) {
        row->bind(1, roundId);
        row->bind(2, e.scope);
        row->bind(3, e.samples);
        row->bind(4, e.rougeL);
        row->bind(5, e.loss);
        row->bind(6, e.seconds);
        if (auto ok = row->run(); !ok) {
            return std::unexpected(ok.error().withContext("evaluation '" + e.scope + "'"));
        }
    }
    return {};
}

Result<void> SqliteRunJournal::insertEvent(const engine::RunEvent &event) const {
    auto row = Statement::prepare(db(), "INSERT INTO events(kind, message, run_id) VALUES (?1, ?2, ?3)");
    if (!row) {
        return std::unexpected(row.error());
    }
    row->bind(1, event.kind);
    row->bind(2, event.message);
    row->bind(3, m_runId);
    return row->run();
}

Result<void> SqliteRunJournal::event(const engine::RunEvent &event) {
    if (auto ok = insertEvent(event); !ok) {
        return std::unexpected(ok.error().withContext("run " + std::to_string(m_runId) + ": event " + event.kind));
    }
    return {};
}

} // namespace

std::unique_ptr<engine::RunJournal> RunStore::journal(int64_t runId, const std::string &baseModel) {
    return std::make_unique<SqliteRunJournal>(m_state, runId, baseModel);
}

} // namespace fp::storage
