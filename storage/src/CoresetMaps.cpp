// The coreset inspector's records (schema v4): each client round's t-SNE map points and the centers it sent, written
// with the round by the journal and read back per run and per client round.
#include "fedpilot/storage/RunStore.h"

#include "RunStoreState.h"
#include "Statement.h"

#include <sqlite3.h>

#include <cstdio>
#include <sstream>

namespace fp::storage {
namespace {

// "0.25 -0.5 1": each float with %.9g, which reads back the same float.
std::string coordinatesText(const std::vector<float> &values) {
    std::string text;
    char buffer[32];
    for (size_t i = 0; i < values.size(); ++i) {
        std::snprintf(buffer, sizeof buffer, i ? " %.9g" : "%.9g", double(values[i]));
        text += buffer;
    }
    return text;
}

Result<std::vector<float>> parseCoordinates(const std::string &text, const std::string &where) {
    std::istringstream in(text);
    std::vector<float> values;
    double v = 0.0;
    while (in >> v) {
        values.push_back(float(v));
    }
    if (!in.eof()) {
        return fail(ErrorCode::BadFormat, where + ": coordinates '" + text.substr(0, 80) + "' are not numbers");
    }
    return values;
}

std::string clientRoundName(int64_t runId, int round, const std::string &site, const std::string &client) {
    return "run " + std::to_string(runId) + " round " + std::to_string(round) + " client '" + client + "' of site '" +
           site + "'";
}

Result<void> insertPoints(sqlite3 *db, int64_t clientRoundId, const std::vector<engine::MapPoint> &points) {
    auto row = Statement::prepare(db, "INSERT INTO client_round_points(client_round_id, sample, x, y, cluster, "
                                      "selected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!row) {
        return std::unexpected(row.error());
    }
    for (const auto &p : points) {
        row->bind(1, clientRoundId);
        row->bind(2, p.sample);
        row->bind(3, p.x);
        row->bind(4, p.y);
        row->bind(5, p.group);
        row->bind(6, p.selected ? 1 : 0);
        if (auto ok = row->run(); !ok) {
            return std::unexpected(ok.error().withContext("map point of sample " + std::to_string(p.sample)));
        }
    }
    return {};
}

Result<void> insertCenters(sqlite3 *db, int64_t clientRoundId, const std::vector<engine::SentCenter> &centers) {
    auto row = Statement::prepare(db, "INSERT INTO client_round_centers(client_round_id, ord, cluster, coordinates, "
                                      "chosen) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!row) {
        return std::unexpected(row.error());
    }
    for (size_t i = 0; i < centers.size(); ++i) {
        row->bind(1, clientRoundId);
        row->bind(2, int64_t(i));
        row->bind(3, centers[i].group);
        row->bind(4, coordinatesText(centers[i].coordinates));
        row->bind(5, centers[i].chosen ? 1 : 0);
        if (auto ok = row->run(); !ok) {
            return std::unexpected(ok.error().withContext("center of group " + std::to_string(centers[i].group)));
        }
    }
    return {};
}

// ?1 run id. Every client round of the run with what the inspector can show of it.
constexpr const char *kCoresetClientsSql = R"sql(
    SELECT rd.round, s.name, c.name, s.agent, cr.available, cr.selected, cr.groups, cr.status,
           (SELECT count(*) FROM client_round_points p WHERE p.client_round_id = cr.id),
           (SELECT count(*) FROM client_round_points p WHERE p.client_round_id = cr.id AND p.selected = 1),
           (SELECT count(*) FROM client_round_centers k WHERE k.client_round_id = cr.id),
           (SELECT count(*) FROM client_round_centers k WHERE k.client_round_id = cr.id AND k.chosen = 1)
      FROM client_rounds cr
      JOIN rounds rd ON rd.id = cr.round_id
      JOIN clients c ON c.id = cr.client_id
      JOIN sites s ON s.id = c.site_id
     WHERE rd.run_id = ?1
     ORDER BY rd.round, s.id, c.id
)sql";

// ?1 run, ?2 round, ?3 site, ?4 client: the client round's id.
constexpr const char *kClientRoundIdSql = R"sql(
    SELECT cr.id FROM client_rounds cr
      JOIN rounds rd ON rd.id = cr.round_id
      JOIN clients c ON c.id = cr.client_id
      JOIN sites s ON s.id = c.site_id
     WHERE rd.run_id = ?1 AND rd.round = ?2 AND s.name = ?3 AND c.name = ?4
)sql";

} // namespace

namespace detail {

Result<void> insertCoresetRecords(sqlite3 *db, int64_t clientRoundId, const engine::ClientRoundRecord &record) {
    if (record.map.size() > engine::kMaxMapPointsPerClientRound) {
        return fail(ErrorCode::InvalidArgument,
                    std::to_string(record.map.size()) + " map points; the workspace keeps at most " +
                        std::to_string(engine::kMaxMapPointsPerClientRound) + " per client and round");
    }
    if (record.centers.size() > engine::kMaxCentersPerClientRound) {
        return fail(ErrorCode::InvalidArgument,
                    std::to_string(record.centers.size()) + " centers; the workspace keeps at most " +
                        std::to_string(engine::kMaxCentersPerClientRound) + " per client and round");
    }
    if (auto ok = insertPoints(db, clientRoundId, record.map); !ok) {
        return ok;
    }
    return insertCenters(db, clientRoundId, record.centers);
}

} // namespace detail

Result<std::vector<CoresetClient>> RunStore::coresetClients(int64_t runId) {
    if (auto progress = detail::runProgress(*m_state, runId); !progress) {
        return std::unexpected(progress.error());
    }
    auto stmt = Statement::prepare(m_state->db.get(), kCoresetClientsSql);
    if (!stmt) {
        return std::unexpected(stmt.error());
    }
    stmt->bind(1, runId);
    std::vector<CoresetClient> clients;
    auto rows = stmt->forEachRow([&] {
        CoresetClient c;
        c.round = int(stmt->columnInt(0));
        c.site = stmt->columnText(1);
        c.client = stmt->columnText(2);
        c.remote = !stmt->columnText(3).empty();
        c.available = stmt->columnInt(4);
        c.selected = stmt->columnInt(5);
        c.groups = int(stmt->columnInt(6));
        c.status = stmt->columnText(7);
        c.points = stmt->columnInt(8);
        c.selectedPoints = stmt->columnInt(9);
        c.centers = stmt->columnInt(10);
        c.chosenCenters = stmt->columnInt(11);
        clients.push_back(std::move(c));
    });
    if (!rows) {
        return std::unexpected(rows.error());
    }
    return clients;
}

Result<CoresetMap> RunStore::coresetMap(int64_t runId, int round, const std::string &site, const std::string &client) {
    const std::string name = clientRoundName(runId, round, site, client);
    sqlite3 *db = m_state->db.get();
    auto id = Statement::prepare(db, kClientRoundIdSql);
    auto points = Statement::prepare(db, "SELECT sample, x, y, cluster, selected FROM client_round_points "
                                         "WHERE client_round_id = ?1 ORDER BY sample");
    auto centers = Statement::prepare(db, "SELECT cluster, coordinates, chosen FROM client_round_centers "
                                          "WHERE client_round_id = ?1 ORDER BY ord");
    if (!id || !points || !centers) {
        return std::unexpected(!id ? id.error() : !points ? points.error() : centers.error());
    }
    id->bind(1, runId);
    id->bind(2, round);
    id->bind(3, site);
    id->bind(4, client);
    if (auto found = id->stepToRow(name + ": not recorded in workspace " + m_state->dir); !found) {
        return std::unexpected(found.error());
    }
    const int64_t clientRoundId = id->columnInt(0);
    CoresetMap map;
    points->bind(1, clientRoundId);
    auto pointRows = points->forEachRow([&] {
        map.points.push_back({points->columnInt(0), points->columnDouble(1), points->columnDouble(2),
                              int(points->columnInt(3)), points->columnInt(4) != 0});
    });
    if (!pointRows) {
        return std::unexpected(pointRows.error().withContext(name));
    }
    centers->bind(1, clientRoundId);
    Result<void> parsed;
    auto centerRows = centers->forEachRow([&] {
        auto values = parseCoordinates(centers->columnText(1), name);
        if (!values) {
            parsed = std::unexpected(values.error());
            return;
        }
        map.centers.push_back({int(centers->columnInt(0)), std::move(*values), centers->columnInt(2) != 0});
    });
    if (!centerRows || !parsed) {
        return std::unexpected(!centerRows ? centerRows.error().withContext(name) : parsed.error());
    }
    return map;
}

} // namespace fp::storage
