// RunStore::exportCsv: rounds or client-rounds as RFC 4180 CSV for spreadsheets and analysis scripts.
#include "fedpilot/storage/RunStore.h"

#include "RunStoreState.h"
#include "Statement.h"

#include <sqlite3.h>

#include <cmath>
#include <cstdio>

namespace fp::storage {
namespace {

// ?1 = 0: every run. rouge_l and eval_loss come from the round's central evaluation, eval_seconds sums all of the
// round's evaluations (NULL when not evaluated).
constexpr const char *kRoundsSql = R"sql(
    SELECT r.id, t.name, r.strategy, rd.round, count(cr.id), coalesce(sum(cr.available), 0),
           coalesce(sum(cr.selected), 0), coalesce(sum(cr.training_tokens), 0), coalesce(sum(cr.bytes_down), 0),
           coalesce(sum(cr.bytes_up), 0), coalesce(sum(cr.selection_bytes), 0), rd.seconds, total(cr.cost),
           (SELECT e.rouge_l FROM evaluations e WHERE e.round_id = rd.id AND e.scope = ?2 ORDER BY e.id LIMIT 1),
           (SELECT e.loss FROM evaluations e WHERE e.round_id = rd.id AND e.scope = ?2 ORDER BY e.id LIMIT 1),
           (SELECT sum(e.seconds) FROM evaluations e WHERE e.round_id = rd.id)
      FROM rounds rd
      JOIN runs r ON r.id = rd.run_id
      JOIN trials t ON t.id = r.trial_id
      LEFT JOIN client_rounds cr ON cr.round_id = rd.id
     WHERE ?1 = 0 OR r.id = ?1
     GROUP BY rd.id
     ORDER BY r.id, rd.round
)sql";

constexpr const char *kClientsSql = R"sql(
    SELECT r.id, t.name, r.strategy, rd.round, s.name, c.name, cr.available, cr.selected, cr.groups,
           cr.training_tokens, cr.steps, cr.skipped_steps, cr.train_loss, cr.feature_seconds, cr.selection_seconds,
           cr.training_seconds, cr.bytes_down, cr.bytes_up, cr.selection_bytes, cr.cost, cr.status
      FROM client_rounds cr
      JOIN rounds rd ON rd.id = cr.round_id
      JOIN runs r ON r.id = rd.run_id
      JOIN trials t ON t.id = r.trial_id
      JOIN clients c ON c.id = cr.client_id
      JOIN sites s ON s.id = c.site_id
     WHERE ?1 = 0 OR r.id = ?1
     ORDER BY r.id, rd.round, cr.id
)sql";

constexpr const char *kRoundsHeader = "run,trial,strategy,round,clients,available,selected,data_fraction,"
                                      "training_tokens,bytes_down,bytes_up,selection_bytes,seconds,cost,rouge_l,"
                                      "eval_loss,eval_seconds";
constexpr const char *kClientsHeader = "run,trial,strategy,round,site,client,available,selected,groups,"
                                       "training_tokens,steps,skipped_steps,train_loss,feature_seconds,"
                                       "selection_seconds,training_seconds,bytes_down,bytes_up,selection_bytes,cost,"
                                       "status";

// Builds one CSV record field by field.
class CsvRow {
public:
    void text(const std::string &value) {
        separate();
        if (value.find_first_of(",\"\r\n") == std::string::npos) {
            m_line += value;
            return;
        }
        m_line += '"';
        for (char c : value) {
            m_line += c;
            if (c == '"') {
                m_line += '"';
            }
        }
        m_line += '"';
    }
    void integer(long long value) {
        separate();
        m_line += std::to_string(value);
    }
    // %.17g reads back as the same double; NaN (also a NULL column) is an empty field.
    void real(double value) {
        separate();
        if (std::isnan(value)) {
            return;
        }
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
        m_line += buffer;
    }
    void writeTo(std::ostream &out) {
        out << m_line << "\r\n";
        m_line.clear();
        m_first = true;
    }

private:
    void separate() {
        if (!m_first) {
            m_line += ',';
        }
        m_first = false;
    }
    std::string m_line;
    bool m_first = true;
};

void roundsRow(const Statement &row, CsvRow &csv) {
    csv.integer(row.columnInt(0));
    csv.text(row.columnText(1));
    csv.text(row.columnText(2));
    for (int column = 3; column <= 6; ++column) {
        csv.integer(row.columnInt(column));
    }
    const long long available = row.columnInt(5);
    csv.real(available > 0 ? double(row.columnInt(6)) / double(available) : std::nan(""));
    for (int column = 7; column <= 10; ++column) {
        csv.integer(row.columnInt(column));
    }
    for (int column = 11; column <= 15; ++column) {
        csv.real(row.columnReal(column));
    }
}

void clientsRow(const Statement &row, CsvRow &csv) {
    csv.integer(row.columnInt(0));
    csv.text(row.columnText(1));
    csv.text(row.columnText(2));
    csv.integer(row.columnInt(3));
    csv.text(row.columnText(4));
    csv.text(row.columnText(5));
    for (int column = 6; column <= 11; ++column) {
        csv.integer(row.columnInt(column));
    }
    for (int column = 12; column <= 15; ++column) {
        csv.real(row.columnReal(column));
    }
    for (int column = 16; column <= 18; ++column) {
        csv.integer(row.columnInt(column));
    }
    csv.real(row.columnReal(19));
    csv.text(row.columnText(20));
}

Result<void> checkRunExists(const RunStore::State &state, int64_t runId) {
    if (runId == 0) {
        return {};
    }
    auto progress = detail::runProgress(state, runId);
    if (!progress) {
        return std::unexpected(progress.error());
    }
    return {};
}

} // namespace

Result<void> RunStore::exportCsv(int64_t runId, std::ostream &out, CsvKind kind) {
    const std::string context =
        runId == 0 ? std::string("export CSV of every run") : "export CSV of run " + std::to_string(runId);
    if (auto ok = checkRunExists(*m_state, runId); !ok) {
        return std::unexpected(ok.error().withContext(context));
    }
    const bool rounds = kind == CsvKind::Rounds;
    auto stmt = Statement::prepare(m_state->db.get(), rounds ? kRoundsSql : kClientsSql);
    if (!stmt) {
        return std::unexpected(stmt.error().withContext(context));
    }
    stmt->bind(1, runId);
    if (rounds) {
        stmt->bind(2, std::string(kCentralScope));
    }
    out << (rounds ? kRoundsHeader : kClientsHeader) << "\r\n";
    CsvRow csv;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return std::unexpected(row.error().withContext(context));
        }
        if (!*row) {
            break;
        }
        (rounds ? roundsRow : clientsRow)(*stmt, csv);
        csv.writeTo(out);
    }
    out.flush();
    if (!out) {
        return fail(ErrorCode::Io, context + ": the output stream failed (disk full or closed?)");
    }
    return {};
}

} // namespace fp::storage
