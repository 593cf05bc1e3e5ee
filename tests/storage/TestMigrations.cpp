// Older workspaces open and migrate: a fixture database of every older schema version (made by the script next
// to it) is copied, opened, and checked for the current schema with the user's rows intact.
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"
#include "fedpilot/storage/WorkspaceInspection.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "support/SqlRows.h"

#include <sqlite3.h>

#include <memory>

using namespace fp;
using fp::storage::RunStore;
using fp::storage::Workspace;

namespace {

struct Db {
    sqlite3 *handle = nullptr;
    explicit Db(const std::string &path) { sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr); }
    ~Db() { sqlite3_close_v2(handle); }
    Db(const Db &) = delete;
    Db &operator=(const Db &) = delete;

    // Every row of a query, columns joined with '|', rows with '\n'.
    std::string rows(const char *sql) const { return test::sqlRows(handle, sql); }
};

// The schema as SQLite understands it (not the CREATE text, whose spacing differs between the fixture script and
// the migrations): objects, columns with types, constraints and defaults, foreign keys, indexed columns.
std::string schemaOf(const Db &db) {
    return db.rows("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                   "ORDER BY type, name") +
           db.rows("SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_master m "
                   "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid") +
           db.rows("SELECT m.name, f.\"table\", f.\"from\", f.\"to\", f.on_delete FROM sqlite_master m "
                   "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq") +
           db.rows("SELECT m.name, i.seqno, i.name FROM sqlite_master m JOIN pragma_index_info(m.name) i "
                   "WHERE m.type = 'index' ORDER BY m.name, i.seqno");
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void migratesTheV1FixtureKeepingItsRows() {
        const std::string path = copyFixture(QStringLiteral("workspace-v1.sqlite"));
        {
            Db before(path);
            QCOMPARE(before.rows("PRAGMA user_version"), std::string("1\n"));
        }
        {
            auto ws = Workspace::open(path);
            QVERIFY2(ws, ws ? "" : ws.error().message.c_str());
            QCOMPARE(ws->schemaVersion(), Workspace::currentSchemaVersion());
            QCOMPARE(ws->integrityCheck().value_or("failed"), std::string("ok"));
            QCOMPARE(ws->eventCount().value_or(-1), 1LL);
        }
        Db db(path);
        QCOMPARE(db.rows("SELECT id, name, spec_json, created_at FROM trials"),
                 std::string("1|pilot-v1|{\"name\": \"pilot-v1\", \"schedule\": {\"rounds\": 3}}|"
                             "2024-05-01T09:00:00.000Z\n"));
        QCOMPARE(db.rows("SELECT id, created_at, kind, message, run_id FROM events"),
                 std::string("1|2024-05-01T09:00:01.000Z|trial-saved|saved trial pilot-v1 with 'quotes'|NULL\n"));
        QCOMPARE(db.rows("SELECT value FROM workspace_info WHERE key = 'created_by'"), std::string("fedpilot 0.1.0\n"));
        QCOMPARE(db.rows("PRAGMA foreign_key_check"), std::string());
        QCOMPARE(schemaOf(db), freshSchema());
    }

    // The migrated trial is usable by the run store: saving the same trial again finds the old row.
    void runStoreUsesTheMigratedTrial() {
        copyFixture(QStringLiteral("workspace-v1.sqlite"));
        auto store = RunStore::open(workspaceDir());
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        engine::TrialSpec trial;
        trial.name = "pilot-v1";
        trial.sourceJson = R"({"name": "pilot-v1", "schedule": {"rounds": 3}})";
        QCOMPARE(store->saveTrial(trial).value_or(-1), int64_t(1));
        auto run = store->createRun(1, "fedit", 3, 7, {});
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        auto runs = store->listRuns();
        QVERIFY(runs);
        QCOMPARE(runs->size(), size_t(1));
        QCOMPARE(runs->front().trial, std::string("pilot-v1"));
    }

    // A step that fails rolls back as a whole: the database stays at version 1 with nothing of version 2.
    void failedMigrationLeavesVersion1Intact() {
        const std::string path = copyFixture(QStringLiteral("workspace-v1.sqlite"));
        {
            Db db(path);
            QCOMPARE(db.rows("CREATE TABLE checkpoints (note TEXT)"), std::string());
        }
        auto ws = Workspace::open(path);
        QVERIFY(!ws);
        QVERIFY2(ws.error().message.find("migrating to schema 2") != std::string::npos, ws.error().message.c_str());
        QVERIFY2(ws.error().message.find(path) != std::string::npos, ws.error().message.c_str());
        Db db(path);
        QCOMPARE(db.rows("PRAGMA user_version"), std::string("1\n"));
        QCOMPARE(db.rows("SELECT count(*) FROM sqlite_master WHERE name IN ('runs', 'sites', 'rounds')"),
                 std::string("0\n"));
        QCOMPARE(db.rows("SELECT count(*) FROM trials"), std::string("1\n"));
    }

    // v2 -> v3 rebuilds the runs table (its status CHECK gains 'queued'): every run keeps its columns, every row
    // that refers to a run (sites, clients, rounds, records, checkpoints, events) survives, and a deleted run's id
    // is not handed out again.
    void migratesTheV2FixtureKeepingRunsAndWhatRefersToThem() {
        const std::string path = copyFixture(QStringLiteral("workspace-v2.sqlite"));
        const char *runsSql = "SELECT id, trial_id, strategy, status, planned_rounds, completed_rounds, seed, pid, "
                              "host, started_at, finished_at, message FROM runs ORDER BY id";
        const char *referringSql =
            "SELECT (SELECT count(*) FROM sites WHERE run_id = 1), (SELECT count(*) FROM clients), "
            "(SELECT count(*) FROM rounds WHERE run_id = 1), (SELECT count(*) FROM client_rounds), "
            "(SELECT count(*) FROM evaluations), (SELECT count(*) FROM checkpoints), "
            "(SELECT group_concat(run_id) FROM events)";
        std::string runsBefore, referringBefore;
        {
            Db before(path);
            QCOMPARE(before.rows("PRAGMA user_version"), std::string("2\n"));
            runsBefore = before.rows(runsSql);
            referringBefore = before.rows(referringSql);
        }
        QCOMPARE(referringBefore, std::string("1|1|1|1|1|1|1\n"));
        {
            auto ws = Workspace::open(path);
            QVERIFY2(ws, ws ? "" : ws.error().message.c_str());
            QCOMPARE(ws->schemaVersion(), Workspace::currentSchemaVersion());
            QCOMPARE(ws->integrityCheck().value_or("failed"), std::string("ok"));
        }
        Db db(path);
        QCOMPARE(db.rows(runsSql), runsBefore);
        QCOMPARE(QString::fromStdString(db.rows(referringSql)), QString::fromStdString(referringBefore));
        QCOMPARE(QString::fromStdString(db.rows(runsSql)), QString::fromStdString(runsBefore));
        QCOMPARE(db.rows("SELECT count(*) FROM runs WHERE pid_start IS NOT NULL"), std::string("0\n"));
        QCOMPARE(db.rows("PRAGMA foreign_key_check"), std::string());
        QCOMPARE(schemaOf(db), freshSchema());

        auto store = RunStore::open(workspaceDir());
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        auto runs = store->listRuns();
        QVERIFY(runs);
        QCOMPARE(runs->size(), size_t(3));
        QCOMPARE(runs->back().seed, uint64_t(-7)); // bit pattern kept
        // Run 2's holder is on another host: it cannot be checked, so it still reads as running and held.
        QCOMPARE((*runs)[1].status, std::string("running"));
        QVERIFY((*runs)[1].owner && (*runs)[1].owner->host == "host-that-is-gone");
        QVERIFY(!storage::isResumable((*runs)[1].status, (*runs)[1].owner));
        QVERIFY(storage::isResumable(runs->front().status, runs->front().owner)); // run 3, interrupted
        auto queued = store->queueRuns(1, {"fedit"}, 3, 1, {});
        QVERIFY(!queued); // run 2's holder may still be running this trial
        QVERIFY2(queued.error().message.find("host-that-is-gone") != std::string::npos, queued.error().message.c_str());
        QCOMPARE(db.rows("UPDATE runs SET status = 'interrupted', pid = NULL WHERE id = 2"), std::string());
        queued = store->queueRuns(1, {"fedit"}, 3, 1, {});
        QVERIFY2(queued, queued ? "" : queued.error().message.c_str());
        QCOMPARE(queued->front(), int64_t(5)); // run 4 was deleted before the migration: its id stays retired
        QCOMPARE(db.rows("SELECT status FROM runs WHERE id = 5"), std::string("queued\n"));
    }

    // A v2 -> v3 step that fails rolls back as a whole: version 2 with its runs, foreign keys enforced again.
    void failedRunsRebuildLeavesVersion2Intact() {
        const std::string path = copyFixture(QStringLiteral("workspace-v2.sqlite"));
        {
            Db db(path);
            QCOMPARE(db.rows("CREATE TABLE runs_v3 (note TEXT)"), std::string());
        }
        auto ws = Workspace::open(path);
        QVERIFY(!ws);
        QVERIFY2(ws.error().message.find("migrating to schema 3") != std::string::npos, ws.error().message.c_str());
        Db db(path);
        QCOMPARE(db.rows("PRAGMA user_version"), std::string("2\n"));
        QCOMPARE(db.rows("SELECT count(*) FROM runs"), std::string("3\n"));
        QCOMPARE(db.rows("SELECT count(*) FROM sites"), std::string("1\n"));
    }

    // v3 -> v4 adds the coreset inspector's tables: every row of every v3 table is kept, the new tables start empty
    // (older rounds have no map), a backup taken first still holds v3, and a round recorded afterwards stores its
    // map points and centers next to the migrated rows.
    void migratesTheV3FixtureAddingTheCoresetTables() {
        const std::string path = copyFixture(QStringLiteral("workspace-v3.sqlite"));
        const char *everyRowSql =
            "SELECT 'run', id, strategy, status, seed, pid, host, pid_start, message FROM runs UNION ALL "
            "SELECT 'site', id, run_id, name, agent, price_per_compute_hour, price_per_gb, '', '' FROM sites UNION ALL "
            "SELECT 'client', id, site_id, name, samples, '', '', '', '' FROM clients UNION ALL "
            "SELECT 'round', id, run_id, round, seconds, global_clusters, completed_at, '', '' FROM rounds UNION ALL "
            "SELECT 'client_round', id, client_id, available, selected, groups, train_loss, status, cost "
            "FROM client_rounds UNION ALL "
            "SELECT 'evaluation', id, round_id, scope, samples, rouge_l, loss, seconds, '' FROM evaluations UNION ALL "
            "SELECT 'checkpoint', id, round_id, path, sha256, bytes, '', '', '' FROM checkpoints UNION ALL "
            "SELECT 'event', id, created_at, kind, message, run_id, '', '', '' FROM events UNION ALL "
            "SELECT 'trial', id, name, spec_json, created_at, base_dir, '', '', '' FROM trials";
        std::string before;
        {
            Db v3(path);
            QCOMPARE(v3.rows("PRAGMA user_version"), std::string("3\n"));
            before = v3.rows(everyRowSql);
        }
        QVERIFY(before.find("client_round|2|2|25|2|2|NULL|trained") != std::string::npos);
        auto backup = storage::backupWorkspaceDatabase(workspaceDir());
        QVERIFY2(backup, backup ? "" : backup.error().message.c_str());
        QVERIFY2(backup->find("workspace-v3-backup-") != std::string::npos, backup->c_str());
        {
            auto ws = Workspace::open(path);
            QVERIFY2(ws, ws ? "" : ws.error().message.c_str());
            QCOMPARE(ws->schemaVersion(), 4);
            QCOMPARE(ws->schemaVersion(), Workspace::currentSchemaVersion());
            QCOMPARE(ws->integrityCheck().value_or("failed"), std::string("ok"));
        }
        Db db(path);
        QCOMPARE(QString::fromStdString(db.rows(everyRowSql)), QString::fromStdString(before));
        QCOMPARE(db.rows("SELECT (SELECT count(*) FROM client_round_points), (SELECT count(*) FROM "
                         "client_round_centers)"),
                 std::string("0|0\n"));
        QCOMPARE(db.rows("PRAGMA foreign_key_check"), std::string());
        QCOMPARE(schemaOf(db), freshSchema());
        QCOMPARE(Db(*backup).rows("PRAGMA user_version"), std::string("3\n"));
        QCOMPARE(Db(*backup).rows(everyRowSql), before);

        // The migrated run store lists the old client rounds with nothing to show, and records a new run's map.
        auto store = RunStore::open(workspaceDir());
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        auto old = store->coresetClients(1);
        QVERIFY2(old, old ? "" : old.error().message.c_str());
        QCOMPARE(old->size(), size_t(2));
        QCOMPARE(old->back().client, std::string("north-1"));
        QCOMPARE(old->back().points + old->back().centers, int64_t(0));
        QCOMPARE(db.rows("UPDATE runs SET status = 'interrupted', pid = NULL"), std::string());
        auto run = store->createRun(1, "fedhds", 1, 3, {{"north", "", {}, {{"north-0", 4}}}});
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        engine::RoundRecord round;
        round.round = 1;
        engine::ClientRoundRecord client;
        client.site = "north";
        client.client = "north-0";
        client.available = 4;
        client.selected = 1;
        client.groups = 1;
        client.status = "trained";
        client.map = {{0, 1.5, -2.0, 0, true}, {1, 1.25, -2.5, 0, false}, {3, 9.0, 9.0, -1, false}};
        client.centers = {{0, {1.375f, -2.25f}, true}};
        round.clients = {client};
        round.globalAdapter = {engine::LoraConfig{}, {}};
        auto journal = store->journal(*run);
        auto recorded = journal->roundCompleted(round);
        QVERIFY2(recorded, recorded ? "" : recorded.error().message.c_str());
        auto map = store->coresetMap(*run, 1, "north", "north-0");
        QVERIFY2(map, map ? "" : map.error().message.c_str());
        QCOMPARE(map->points.size(), size_t(3));
        QCOMPARE(map->centers.size(), size_t(1));
        QCOMPARE(map->centers[0].coordinates, (std::vector<float>{1.375f, -2.25f}));
    }

    // A v3 -> v4 step that fails rolls back as a whole: version 3, none of the new tables, every run kept.
    void failedCoresetStepLeavesVersion3Intact() {
        const std::string path = copyFixture(QStringLiteral("workspace-v3.sqlite"));
        {
            Db db(path);
            QCOMPARE(db.rows("CREATE TABLE client_round_centers (note TEXT)"), std::string());
        }
        auto ws = Workspace::open(path);
        QVERIFY(!ws);
        QVERIFY2(ws.error().message.find("migrating to schema 4") != std::string::npos, ws.error().message.c_str());
        Db db(path);
        QCOMPARE(db.rows("PRAGMA user_version"), std::string("3\n"));
        QCOMPARE(db.rows("SELECT count(*) FROM sqlite_master WHERE name = 'client_round_points'"), std::string("0\n"));
        QCOMPARE(db.rows("SELECT count(*) FROM runs"), std::string("4\n"));
    }

private:
    std::string workspaceDir() const { return m_dir->filePath(QStringLiteral("ws")).toStdString(); }

    // Copies a fixture to <tmp>/ws/workspace.sqlite, writable, and returns that path.
    std::string copyFixture(const QString &name) {
        const QString source =
            qEnvironmentVariable("FP_SOURCE_DIR") + QStringLiteral("/tests/fixtures/storage/") + name;
        const QString target = m_dir->filePath(QStringLiteral("ws/workspace.sqlite"));
        [&] {
            QVERIFY2(QFile::exists(source), qPrintable(source));
            QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("ws"))));
            QVERIFY(QFile::copy(source, target));
            QVERIFY(QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner));
        }();
        return target.toStdString();
    }

    // The schema a new workspace gets, to compare with a migrated one.
    std::string freshSchema() const {
        const std::string path = m_dir->filePath(QStringLiteral("fresh.sqlite")).toStdString();
        { auto ws = Workspace::open(path); }
        return schemaOf(Db(path));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_APPLESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
