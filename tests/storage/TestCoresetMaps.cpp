// The coreset inspector's records (schema v4): a client round's map points and centers go in with the round and come
// back exactly; a remote site's client rounds are told apart; the bounds are enforced and a refused round leaves
// nothing; deleting a run deletes its maps.
#include "fedpilot/storage/RunStore.h"

#include <QTemporaryDir>
#include <QTest>

#include "support/SqlRows.h"

#include <limits>

using namespace fp;
using fp::storage::RunStore;

namespace {

engine::ClientRoundRecord clientWithMap(const std::string &site, const std::string &client, int points) {
    engine::ClientRoundRecord c;
    c.site = site;
    c.client = client;
    c.available = points;
    c.groups = 2;
    c.status = "trained";
    for (int i = 0; i < points; ++i) {
        // Values with many significant digits, negative and tiny ones: REAL columns must give them back bit for bit.
        const double x = (i % 2 ? -1.0 : 1.0) * (i / 3.0 + 1e-12);
        const double y = std::numeric_limits<double>::min() * (i + 1) + 0.1 * i;
        const int group = i % 5 == 4 ? -1 : i % 2;
        const bool selected = i == 0 || i == 3;
        c.map.push_back({int64_t(7 * i + 1), x, y, group, selected});
    }
    c.selected = points >= 4 ? 2 : 0;
    c.centers = {{0, {0.1f, -0.25f, 3.4028235e38f, 1e-7f}, true},
                 {1, {-1.5f, 0.333333343f, 0.f, -0.f}, true},
                 {1, {2.f, 2.f, 2.f, 2.f}, false}}; // a cluster id twice: nothing on the wire forbids it
    return c;
}

engine::RoundRecord roundOf(int round, std::vector<engine::ClientRoundRecord> clients) {
    engine::RoundRecord r;
    r.round = round;
    r.clients = std::move(clients);
    r.globalAdapter = {engine::LoraConfig{}, {}};
    return r;
}

#define VERIFY_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto &verifyOkResult = (expr);                                                                           \
        QVERIFY2(verifyOkResult.has_value(), verifyOkResult ? "" : verifyOkResult.error().message.c_str());            \
    } while (false)

} // namespace

class TestCoresetMaps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto store = RunStore::open(m_dir->path().toStdString());
        VERIFY_OK(store);
        m_store = std::make_unique<RunStore>(std::move(*store));
        engine::TrialSpec trial;
        trial.name = "maps";
        trial.sourceJson = "{}";
        auto trialId = m_store->saveTrial(trial);
        VERIFY_OK(trialId);
        auto run = m_store->createRun(
            *trialId, "fedhds", 2, 1,
            {{"tokyo", "", {}, {{"t-0", 30}, {"t-1", 12}}}, {"osaka", "127.0.0.1:7000", {}, {{"o-0", 40}}}});
        VERIFY_OK(run);
        m_run = *run;
    }

    void mapsAndCentersReadBackExactly() {
        auto local = clientWithMap("tokyo", "t-0", 30);
        engine::ClientRoundRecord remote; // an agent's client: centers only
        remote.site = "osaka";
        remote.client = "o-0";
        remote.available = 40;
        remote.selected = 1;
        remote.groups = 2;
        remote.status = "trained";
        remote.centers = {{0, {0.5f, 0.5f}, false}, {1, {-0.75f, 2.f}, true}};
        auto journal = m_store->journal(m_run);
        VERIFY_OK(journal->roundCompleted(roundOf(1, {local, remote})));
        VERIFY_OK(journal->roundCompleted(roundOf(2, {clientWithMap("tokyo", "t-1", 12)})));

        auto map = m_store->coresetMap(m_run, 1, "tokyo", "t-0");
        VERIFY_OK(map);
        QCOMPARE(map->points.size(), local.map.size());
        for (size_t i = 0; i < local.map.size(); ++i) {
            const auto &a = map->points[i], &b = local.map[i];
            QCOMPARE(a.sample, b.sample);
            QCOMPARE(a.x, b.x); // exact: REAL is a double
            QCOMPARE(a.y, b.y);
            QCOMPARE(a.group, b.group);
            QCOMPARE(a.selected, b.selected);
        }
        QCOMPARE(map->centers.size(), local.centers.size());
        for (size_t i = 0; i < local.centers.size(); ++i) {
            QCOMPARE(map->centers[i].group, local.centers[i].group);
            QCOMPARE(map->centers[i].coordinates, local.centers[i].coordinates); // floats through text, exactly
            QCOMPARE(map->centers[i].chosen, local.centers[i].chosen);
        }

        auto remoteMap = m_store->coresetMap(m_run, 1, "osaka", "o-0");
        VERIFY_OK(remoteMap);
        QVERIFY(remoteMap->points.empty());
        QCOMPARE(remoteMap->centers.size(), size_t(2));
        QVERIFY(remoteMap->centers[1].chosen && !remoteMap->centers[0].chosen);

        auto clients = m_store->coresetClients(m_run);
        VERIFY_OK(clients);
        QCOMPARE(clients->size(), size_t(3));
        const auto &first = (*clients)[0], &second = (*clients)[1], &third = (*clients)[2];
        QCOMPARE(first.round, 1);
        QCOMPARE(first.client, std::string("t-0"));
        QVERIFY(!first.remote);
        QCOMPARE(first.points, int64_t(30));
        QCOMPARE(first.selectedPoints, int64_t(2));
        QCOMPARE(first.centers, int64_t(3));
        QCOMPARE(first.chosenCenters, int64_t(2));
        QCOMPARE(first.available, int64_t(30));
        QCOMPARE(first.status, std::string("trained"));
        QCOMPARE(second.site, std::string("osaka"));
        QVERIFY(second.remote);
        QCOMPARE(second.points, int64_t(0));
        QCOMPARE(second.chosenCenters, int64_t(1));
        QCOMPARE(third.round, 2);
        QCOMPARE(third.points, int64_t(12));

        auto missing = m_store->coresetMap(m_run, 3, "tokyo", "t-0");
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY2(missing.error().message.find("round 3 client 't-0' of site 'tokyo'") != std::string::npos,
                 missing.error().message.c_str());
        QCOMPARE(m_store->coresetClients(m_run + 100).error().code, ErrorCode::NotFound);
    }

    // Beyond the bound, the round is refused with a message naming the client, and nothing of it is recorded.
    void moreThanTheBoundIsRefusedAndLeavesNothing() {
        auto tooMany = clientWithMap("tokyo", "t-0", int(engine::kMaxMapPointsPerClientRound) + 1);
        auto journal = m_store->journal(m_run);
        auto refused = journal->roundCompleted(roundOf(1, {tooMany}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.find("client 't-0' of site 'tokyo'") != std::string::npos &&
                     refused.error().message.find("at most 2000") != std::string::npos,
                 refused.error().message.c_str());
        QCOMPARE(rows("SELECT (SELECT count(*) FROM rounds), (SELECT count(*) FROM client_rounds), "
                      "(SELECT count(*) FROM client_round_points), (SELECT count(*) FROM client_round_centers)"),
                 std::string("0|0|0|0\n"));
        tooMany.map.resize(engine::kMaxMapPointsPerClientRound); // exactly the bound is kept
        VERIFY_OK(journal->roundCompleted(roundOf(1, {tooMany})));
        QCOMPARE(rows("SELECT count(*) FROM client_round_points"), std::string("2000\n"));
    }

    void deletingTheRunDeletesItsMaps() {
        auto journal = m_store->journal(m_run);
        VERIFY_OK(journal->roundCompleted(roundOf(1, {clientWithMap("tokyo", "t-0", 10)})));
        QCOMPARE(rows("SELECT count(*) FROM client_round_points"), std::string("10\n"));
        QCOMPARE(rows("PRAGMA foreign_keys = ON; DELETE FROM runs"), std::string());
        QCOMPARE(rows("SELECT (SELECT count(*) FROM client_round_points), (SELECT count(*) FROM "
                      "client_round_centers)"),
                 std::string("0|0\n"));
    }

private:
    std::string rows(const std::string &sql) const {
        return test::sqlRowsAt(m_dir->filePath(QStringLiteral("workspace.sqlite")).toStdString(), sql);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunStore> m_store;
    int64_t m_run = 0;
};

QTEST_APPLESS_MAIN(TestCoresetMaps)
#include "TestCoresetMaps.moc"
