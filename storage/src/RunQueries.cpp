// RunStore reports for the CLI and the UI: run summaries and one run in detail.
#include "fedpilot/storage/RunStore.h"

#include "RunStoreState.h"
#include "Statement.h"

#include "fedpilot/engine/Selection.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>

namespace fp::storage {
namespace {

// ?1 = 0: every run; else that run. Client totals and round seconds are aggregated in subqueries so that a run
// without rounds still has its row.
constexpr const char *kSummarySql = R"sql(
    SELECT r.id, r.trial_id, t.name, r.strategy, r.status, r.pid, r.host, r.planned_rounds, r.completed_rounds,
           r.seed, r.started_at, coalesce(r.finished_at, ''), r.message,
           (SELECT e.rouge_l FROM evaluations e JOIN rounds rd ON rd.id = e.round_id
             WHERE rd.run_id = r.id AND e.scope = ?2 ORDER BY rd.round DESC, e.id DESC LIMIT 1),
           coalesce(c.available, 0), coalesce(c.selected, 0), coalesce(c.training_tokens, 0),
           coalesce(c.bytes_down, 0), coalesce(c.bytes_up, 0), coalesce(c.selection_bytes, 0),
           coalesce(c.cost, 0), coalesce(s.seconds, 0),
           EXISTS (SELECT 1 FROM evaluations e JOIN rounds rd ON rd.id = e.round_id
                    WHERE rd.run_id = r.id AND e.scope = ?2),
           r.pid_start,
           -- A variant entry of the trial's strategies names its method; a plain entry is the method itself.
           (SELECT json_extract(j.value, '$.method')
              FROM json_each(CASE WHEN json_valid(t.spec_json) THEN t.spec_json ELSE '{}' END, '$.strategies') j
             WHERE j.type = 'object'
               AND CASE WHEN j.type = 'object' THEN json_extract(j.value, '$.name') END = r.strategy LIMIT 1)
      FROM runs r
      JOIN trials t ON t.id = r.trial_id
      LEFT JOIN (SELECT rd.run_id, sum(cr.available) AS available, sum(cr.selected) AS selected,
                        sum(cr.training_tokens) AS training_tokens, sum(cr.bytes_down) AS bytes_down,
                        sum(cr.bytes_up) AS bytes_up, sum(cr.selection_bytes) AS selection_bytes,
                        total(cr.cost) AS cost
                   FROM client_rounds cr JOIN rounds rd ON rd.id = cr.round_id
                  GROUP BY rd.run_id) c ON c.run_id = r.id
      LEFT JOIN (SELECT run_id, total(seconds) AS seconds FROM rounds GROUP BY run_id) s ON s.run_id = r.id
     WHERE ?1 = 0 OR r.id = ?1
     ORDER BY r.id DESC
)sql";

RunSummary summaryFromRow(const Statement &row) {
    RunSummary s;
    s.id = row.columnInt(0);
    s.trialId = row.columnInt(1);
    s.trial = row.columnText(2);
    s.strategy = row.columnText(3);
    s.owner = detail::liveOwner(!row.columnIsNull(5), row.columnInt(5), row.columnText(6),
                                row.columnIsNull(23) ? std::nullopt : std::optional<int64_t>(row.columnInt(23)));
    s.status = detail::effectiveStatus(row.columnText(4), s.owner, row.columnText(12));
    s.plannedRounds = int(row.columnInt(7));
    s.completedRounds = int(row.columnInt(8));
    s.seed = uint64_t(row.columnInt(9));
    s.startedAt = row.columnText(10);
    s.finishedAt = row.columnText(11);
    s.message = row.columnText(12);
    if (row.columnInt(22) != 0) {
        s.lastRougeL = row.columnReal(13); // NaN when the evaluation itself recorded NaN
    }
    s.available = row.columnInt(14);
    s.selected = row.columnInt(15);
    s.trainingTokens = row.columnInt(16);
    s.bytesDown = row.columnInt(17);
    s.bytesUp = row.columnInt(18);
    s.selectionBytes = row.columnInt(19);
    s.cost = row.columnDouble(20);
    s.seconds = row.columnDouble(21);
    // "fedit" is the full-data method's other name; a name no method has (a renamed variant) stays empty.
    const auto method = engine::parseSelectionStrategy(row.columnIsNull(24) ? s.strategy : row.columnText(24));
    s.method = method ? engine::selectionStrategyName(*method) : "";
    return s;
}

Result<std::vector<RunSummary>> querySummaries(sqlite3 *db, int64_t runId) {
    auto stmt = Statement::prepare(db, kSummarySql);
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    stmt->bind(2, std::string(kCentralScope));
    std::vector<RunSummary> runs;
    auto rows = stmt->forEachRow([&] { runs.push_back(summaryFromRow(*stmt)); });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return runs;
}

Result<std::vector<SiteClients>> querySites(sqlite3 *db, int64_t runId) {
    auto stmt = Statement::prepare(db, "SELECT s.id, s.name, s.agent, s.price_per_compute_hour, s.price_per_gb, "
                                       "c.name, c.samples FROM sites s LEFT JOIN clients c ON c.site_id = s.id "
                                       "WHERE s.run_id = ?1 ORDER BY s.id, c.id");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    std::vector<SiteClients> sites;
    int64_t lastSite = 0;
    auto rows = stmt->forEachRow([&] {
        if (sites.empty() || stmt->columnInt(0) != lastSite) {
            lastSite = stmt->columnInt(0);
            sites.push_back({stmt->columnText(1),
                             stmt->columnText(2),
                             engine::CostModel{stmt->columnDouble(3), stmt->columnDouble(4)},
                             {}});
        }
        if (!stmt->columnIsNull(5)) {
            sites.back().clients.emplace_back(stmt->columnText(5), stmt->columnInt(6));
        }
    });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return sites;
}

// The run's rounds with their checkpoints, keyed by rounds.id so that records can be attached.
Result<std::map<int64_t, RoundDetail>> queryRounds(sqlite3 *db, int64_t runId) {
    auto stmt = Statement::prepare(db, "SELECT r.id, r.round, r.seconds, r.global_clusters, r.completed_at, "
                                       "coalesce(c.path, ''), coalesce(c.sha256, ''), coalesce(c.bytes, 0) "
                                       "FROM rounds r LEFT JOIN checkpoints c ON c.round_id = r.id "
                                       "WHERE r.run_id = ?1");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    std::map<int64_t, RoundDetail> rounds;
    auto rows = stmt->forEachRow([&] {
        RoundDetail &r = rounds[stmt->columnInt(0)];
        r.round = int(stmt->columnInt(1));
        r.seconds = stmt->columnReal(2);
        r.globalClusters = int(stmt->columnInt(3));
        r.completedAt = stmt->columnText(4);
        r.checkpoint = CheckpointInfo{stmt->columnText(5), stmt->columnText(6), stmt->columnInt(7)};
    });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return rounds;
}

engine::ClientRoundRecord clientFromRow(const Statement &row) {
    engine::ClientRoundRecord c;
    c.site = row.columnText(1);
    c.client = row.columnText(2);
    c.available = row.columnInt(3);
    c.selected = row.columnInt(4);
    c.groups = int(row.columnInt(5));
    c.trainingTokens = row.columnInt(6);
    c.steps = row.columnInt(7);
    c.skippedSteps = row.columnInt(8);
    c.trainLoss = row.columnReal(9);
    c.featureSeconds = row.columnReal(10);
    c.selectionSeconds = row.columnReal(11);
    c.trainingSeconds = row.columnReal(12);
    c.bytesDown = row.columnInt(13);
    c.bytesUp = row.columnInt(14);
    c.selectionBytes = row.columnInt(15);
    c.cost = row.columnReal(16);
    c.status = row.columnText(17);
    return c;
}

Result<void> attachClients(sqlite3 *db, int64_t runId, std::map<int64_t, RoundDetail> &rounds) {
    auto stmt = Statement::prepare(
        db, "SELECT cr.round_id, s.name, c.name, cr.available, cr.selected, cr.groups, cr.training_tokens, cr.steps, "
            "cr.skipped_steps, cr.train_loss, cr.feature_seconds, cr.selection_seconds, cr.training_seconds, "
            "cr.bytes_down, cr.bytes_up, cr.selection_bytes, cr.cost, cr.status "
            "FROM client_rounds cr JOIN rounds r ON r.id = cr.round_id JOIN clients c ON c.id = cr.client_id "
            "JOIN sites s ON s.id = c.site_id WHERE r.run_id = ?1 ORDER BY cr.id");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    return stmt->forEachRow([&] {
        RoundDetail &r = rounds[stmt->columnInt(0)];
        r.clients.push_back(clientFromRow(*stmt));
        const auto &c = r.clients.back();
        r.available += c.available;
        r.selected += c.selected;
        r.trainingTokens += c.trainingTokens;
        r.bytesDown += c.bytesDown;
        r.bytesUp += c.bytesUp;
        r.selectionBytes += c.selectionBytes;
        r.cost += c.cost;
    });
}

Result<void> attachEvaluations(sqlite3 *db, int64_t runId, std::map<int64_t, RoundDetail> &rounds) {
    auto stmt = Statement::prepare(db, "SELECT e.round_id, e.scope, e.samples, e.rouge_l, e.loss, e.seconds "
                                       "FROM evaluations e JOIN rounds r ON r.id = e.round_id "
                                       "WHERE r.run_id = ?1 ORDER BY e.id");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    return stmt->forEachRow([&] {
        rounds[stmt->columnInt(0)].evaluations.push_back(engine::EvaluationRecord{
            stmt->columnText(1), stmt->columnInt(2), stmt->columnReal(3), stmt->columnReal(4), stmt->columnReal(5)});
    });
}

Result<std::vector<StoredEvent>> queryEvents(sqlite3 *db, int64_t runId) {
    auto stmt =
        Statement::prepare(db, "SELECT id, created_at, kind, message FROM events WHERE run_id = ?1 ORDER BY id");
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    std::vector<StoredEvent> events;
    auto rows = stmt->forEachRow([&] {
        events.push_back({stmt->columnInt(0), stmt->columnText(1), stmt->columnText(2), stmt->columnText(3)});
    });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return events;
}

} // namespace

Result<std::vector<RunSummary>> RunStore::listRuns() {
    auto runs = querySummaries(m_state->db.get(), 0);
    if (!runs) {
        return std::unexpected(runs.error().withContext("listing runs of workspace " + m_state->dir));
    }
    return runs;
}

Result<std::vector<RunSummary>> RunStore::heldRuns() {
    auto runs = querySummaries(m_state->db.get(), 0);
    if (!runs) {
        return std::unexpected(runs.error().withContext("listing runs of workspace " + m_state->dir));
    }
    std::vector<RunSummary> held;
    for (auto it = runs->rbegin(); it != runs->rend(); ++it) {
        if (it->owner && (it->status == kRunRunning || it->status == kRunQueued)) {
            held.push_back(std::move(*it));
        }
    }
    return held;
}

Result<std::vector<TrialSummary>> RunStore::listTrials() {
    // One statement: each trial, then its runs (a trial without runs has one row with NULL run columns).
    auto stmt = Statement::prepare(
        m_state->db.get(),
        "SELECT t.id, t.name, t.created_at, t.spec_json, t.base_dir, r.id, r.strategy, r.status, r.pid, r.host, "
        "r.completed_rounds, r.planned_rounds, r.pid_start, r.message FROM trials t LEFT JOIN runs r ON r.trial_id = "
        "t.id "
        "ORDER BY t.id DESC, r.id ASC");
    if (!stmt) {
        return std::unexpected(stmt.error().withContext("listing trials of workspace " + m_state->dir));
    }
    std::vector<TrialSummary> trials;
    auto rows = stmt->forEachRow([&] {
        if (trials.empty() || trials.back().id != stmt->columnInt(0)) {
            trials.push_back({stmt->columnInt(0),
                              stmt->columnText(1),
                              stmt->columnText(2),
                              StoredTrial{stmt->columnText(3), stmt->columnText(4)},
                              {}});
        }
        if (!stmt->columnIsNull(5)) {
            auto owner =
                detail::liveOwner(!stmt->columnIsNull(8), stmt->columnInt(8), stmt->columnText(9),
                                  stmt->columnIsNull(12) ? std::nullopt : std::optional<int64_t>(stmt->columnInt(12)));
            const std::string status = detail::effectiveStatus(stmt->columnText(7), owner, stmt->columnText(13));
            trials.back().runs.push_back(TrialRun{stmt->columnInt(5), stmt->columnText(6), status,
                                                  int(stmt->columnInt(10)), int(stmt->columnInt(11)),
                                                  std::move(owner)});
        }
    });
    if (!rows) {
        return std::unexpected(rows.error().withContext("listing trials of workspace " + m_state->dir));
    }
    return trials;
}

Result<RunDetail> RunStore::runDetail(int64_t runId) {
    sqlite3 *db = m_state->db.get();
    const std::string context = "run " + std::to_string(runId);
    // One read transaction: every part describes the same moment even while a journal writes rounds.
    if (auto ok = execute(db, "BEGIN"); !ok) {
        return std::unexpected(ok.error().withContext(context));
    }
    auto detail = [&]() -> Result<RunDetail> {
        auto summaries = querySummaries(db, runId);
        if (!summaries) {
            return std::unexpected(summaries.error());
        }
        if (summaries->empty() || runId == 0) {
            return fail(ErrorCode::NotFound, "no such run in workspace " + m_state->dir);
        }
        RunDetail result;
        result.summary = std::move(summaries->front());
        auto sites = querySites(db, runId);
        auto rounds = queryRounds(db, runId);
        if (!sites || !rounds) {
            return std::unexpected(sites ? rounds.error() : sites.error());
        }
        result.sites = std::move(*sites);
        if (auto ok = attachClients(db, runId, *rounds); !ok) {
            return std::unexpected(ok.error());
        }
        if (auto ok = attachEvaluations(db, runId, *rounds); !ok) {
            return std::unexpected(ok.error());
        }
        auto events = queryEvents(db, runId);
        if (!events) {
            return std::unexpected(events.error());
        }
        result.events = std::move(*events);
        for (auto &[id, round] : *rounds) {
            result.rounds.push_back(std::move(round));
        }
        std::ranges::sort(result.rounds, {}, &RoundDetail::round);
        return result;
    }();
    rollback(db); // read-only: ends the read transaction
    if (!detail) {
        return std::unexpected(detail.error().withContext(context));
    }
    return detail;
}

} // namespace fp::storage
