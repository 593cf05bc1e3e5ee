// Looking at a workspace before opening it changes nothing: missing folders stay missing, an older schema stays
// older until the caller migrates it, a newer one and a non-database are recognised; the backup copy holds the
// database as it was.
#include "fedpilot/storage/RunStore.h"
#include "fedpilot/storage/Workspace.h"
#include "fedpilot/storage/WorkspaceInspection.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "support/SqlRows.h"

#include <sqlite3.h>

#include <memory>

using namespace fp;
using fp::storage::WorkspaceState;

namespace {

QByteArray sha256Of(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

std::string rowsOf(const std::string &path, const char *sql) {
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    std::string rows = test::sqlRows(db, sql);
    sqlite3_close_v2(db);
    return rows;
}

} // namespace

class TestWorkspaceInspection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void missingFolderIsMissingAndNotCreated() {
        const QString dir = m_dir->filePath(QStringLiteral("nowhere"));
        auto info = storage::inspectWorkspace(dir.toStdString());
        QVERIFY2(info, info ? "" : info.error().message.c_str());
        QCOMPARE(info->state, WorkspaceState::Missing);
        QCOMPARE(info->schemaVersion, 0);
        QCOMPARE(info->currentVersion, storage::Workspace::currentSchemaVersion());
        QCOMPARE(QString::fromStdString(info->databasePath), dir + QStringLiteral("/workspace.sqlite"));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void emptyFolderIsMissingAndStaysEmpty() {
        const QString dir = m_dir->filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(dir));
        auto info = storage::inspectWorkspace(dir.toStdString());
        QVERIFY(info);
        QCOMPARE(info->state, WorkspaceState::Missing);
        QCOMPARE(QDir(dir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
    }

    void currentWorkspaceIsCurrent() {
        const QString dir = m_dir->filePath(QStringLiteral("ws"));
        QVERIFY(storage::RunStore::open(dir.toStdString()));
        auto info = storage::inspectWorkspace(dir.toStdString());
        QVERIFY2(info, info ? "" : info.error().message.c_str());
        QCOMPARE(info->state, WorkspaceState::Current);
        QCOMPARE(info->schemaVersion, storage::Workspace::currentSchemaVersion());
    }

    void olderWorkspaceIsOlderAndUntouched() {
        const QString path = copyFixture(QStringLiteral("workspace-v1.sqlite"));
        const QByteArray before = sha256Of(path);
        auto info = storage::inspectWorkspace(m_dir->filePath(QStringLiteral("ws")).toStdString());
        QVERIFY2(info, info ? "" : info.error().message.c_str());
        QCOMPARE(info->state, WorkspaceState::Older);
        QCOMPARE(info->schemaVersion, 1);
        QCOMPARE(sha256Of(path), before);
        QCOMPARE(rowsOf(path.toStdString(), "PRAGMA user_version"), std::string("1\n"));
    }

    void newerWorkspaceIsNewer() {
        const QString path = copyFixture(QStringLiteral("workspace-v1.sqlite"));
        setUserVersion(path, storage::Workspace::currentSchemaVersion() + 5);
        auto info = storage::inspectWorkspace(m_dir->filePath(QStringLiteral("ws")).toStdString());
        QVERIFY(info);
        QCOMPARE(info->state, WorkspaceState::Newer);
        QCOMPARE(info->schemaVersion, storage::Workspace::currentSchemaVersion() + 5);
    }

    void otherFilesAreNotWorkspaces() {
        const QString dir = m_dir->filePath(QStringLiteral("ws"));
        QVERIFY(QDir().mkpath(dir));
        QFile text(dir + QStringLiteral("/workspace.sqlite"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("name,value\nthis is a spreadsheet, not a database\n");
        text.close();
        auto info = storage::inspectWorkspace(dir.toStdString());
        QVERIFY2(info, info ? "" : info.error().message.c_str());
        QCOMPARE(info->state, WorkspaceState::NotAWorkspace);

        // Someone else's SQLite database (tables, no schema version).
        QVERIFY(QFile::remove(text.fileName()));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(text.fileName().toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE photos (id INTEGER)", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        info = storage::inspectWorkspace(dir.toStdString());
        QVERIFY(info);
        QCOMPARE(info->state, WorkspaceState::NotAWorkspace);
    }

    // The backup is the database as it was (rows and schema version), next to it, and survives the migration.
    void backupKeepsTheOlderDatabase() {
        const QString path = copyFixture(QStringLiteral("workspace-v1.sqlite"));
        const std::string dir = m_dir->filePath(QStringLiteral("ws")).toStdString();
        auto backup = storage::backupWorkspaceDatabase(dir);
        QVERIFY2(backup, backup ? "" : backup.error().message.c_str());
        const QFileInfo file(QString::fromStdString(*backup));
        QCOMPARE(file.absolutePath(), QFileInfo(path).absolutePath());
        QVERIFY2(file.fileName().startsWith(QStringLiteral("workspace-v1-backup-")), qPrintable(file.fileName()));
        QVERIFY(file.fileName().endsWith(QStringLiteral(".sqlite")));

        QVERIFY(storage::RunStore::open(dir)); // migrates the workspace, not the copy
        QCOMPARE(rowsOf(*backup, "PRAGMA user_version"), std::string("1\n"));
        QCOMPARE(rowsOf(*backup, "SELECT name FROM trials"), std::string("pilot-v1\n"));
        QCOMPARE(rowsOf(*backup, "SELECT count(*) FROM sqlite_master WHERE name = 'runs'"), std::string("0\n"));
        QCOMPARE(rowsOf(path.toStdString(), "PRAGMA user_version"),
                 std::to_string(storage::Workspace::currentSchemaVersion()) + "\n");

        // A second backup in the same second gets its own name.
        auto again = storage::backupWorkspaceDatabase(dir);
        QVERIFY(again);
        QVERIFY(*again != *backup);
    }

    void backupOfNothingIsAnError() {
        auto backup = storage::backupWorkspaceDatabase(m_dir->filePath(QStringLiteral("none")).toStdString());
        QVERIFY(!backup);
        QCOMPARE(backup.error().code, ErrorCode::NotFound);
        QVERIFY2(backup.error().message.find("workspace.sqlite") != std::string::npos, backup.error().message.c_str());
    }

private:
    // Copies a fixture to <tmp>/ws/workspace.sqlite, writable, and returns that path.
    QString copyFixture(const QString &name) {
        const QString source =
            qEnvironmentVariable("FP_SOURCE_DIR") + QStringLiteral("/tests/fixtures/storage/") + name;
        const QString target = m_dir->filePath(QStringLiteral("ws/workspace.sqlite"));
        [&] {
            QVERIFY2(QFile::exists(source), qPrintable(source));
            QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("ws"))));
            QVERIFY(QFile::copy(source, target));
            QVERIFY(QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner));
        }();
        return target;
    }

    static void setUserVersion(const QString &path, int version) {
        sqlite3 *db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        const std::string sql = "PRAGMA user_version = " + std::to_string(version);
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_APPLESS_MAIN(TestWorkspaceInspection)
#include "TestWorkspaceInspection.moc"
