#include "fedpilot/storage/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;
using fp::storage::Workspace;

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void createsSchemaAtCurrentVersion() {
        const auto path = m_dir.filePath(QStringLiteral("new.sqlite")).toStdString();
        auto ws = Workspace::open(path);
        QVERIFY2(ws.has_value(), ws ? "" : ws.error().message.c_str());
        QCOMPARE(ws->schemaVersion(), Workspace::currentSchemaVersion());
        QCOMPARE(ws->integrityCheck().value_or("failed"), std::string("ok"));
    }

    void keepsEventsAcrossReopen() {
        const auto path = m_dir.filePath(QStringLiteral("events.sqlite")).toStdString();
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            QVERIFY(ws->recordEvent("test", "first"));
            QVERIFY(ws->recordEvent("test", "second with 'quotes' and ; semicolons"));
        }
        auto again = Workspace::open(path);
        QVERIFY(again);
        QCOMPARE(again->eventCount().value_or(-1), 2LL);
    }

    void rejectsAFileThatIsNotADatabase() {
        const QString path = m_dir.filePath(QStringLiteral("notes.sqlite"));
        const QByteArray content = QByteArrayLiteral("these are my notes, not a database\n").repeated(200);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        auto ws = Workspace::open(path.toStdString());
        QVERIFY(!ws);
        QCOMPARE(ws.error().code, ErrorCode::BadFormat);
        QVERIFY(ws.error().message.find(path.toStdString()) != std::string::npos);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content); // nothing the user had is lost
    }

    void refusesANewerSchema() {
        const auto path = m_dir.filePath(QStringLiteral("future.sqlite")).toStdString();
        {
            auto ws = Workspace::open(path);
            QVERIFY(ws);
            QVERIFY(ws->recordEvent("test", "kept"));
        }
        setUserVersion(path, 999);
        auto ws = Workspace::open(path);
        QVERIFY(!ws);
        QCOMPARE(ws.error().code, ErrorCode::BadFormat);
        QVERIFY(ws.error().message.find("newer") != std::string::npos);
        setUserVersion(path, Workspace::currentSchemaVersion());
        auto back = Workspace::open(path);
        QVERIFY(back);
        QCOMPARE(back->eventCount().value_or(-1), 1LL);
    }

    void reportsAnUnwritableLocation() {
        auto ws = Workspace::open("/proc/fedpilot-cannot-write-here/ws.sqlite");
        QVERIFY(!ws);
        QCOMPARE(ws.error().code, ErrorCode::Io);
        QVERIFY(ws.error().message.find("/proc/fedpilot-cannot-write-here") != std::string::npos);
    }

private:
    // Edits the header field that holds PRAGMA user_version (big-endian int at offset 60), as another
    // program version would leave it.
    static void setUserVersion(const std::string &path, quint32 version) {
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(60));
        const char bytes[4] = {char(version >> 24), char(version >> 16), char(version >> 8), char(version)};
        QCOMPARE(f.write(bytes, 4), qint64(4));
    }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestWorkspace)
#include "TestWorkspace.moc"
