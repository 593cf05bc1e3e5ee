// Remote security: TLS, mutual TLS and bearer tokens between a console and an in-process AgentServer, the rules
// on listen addresses, and the agent program refusing what it must refuse.
#include "fedpilot/remote/Agent.h"
#include "fedpilot/remote/Security.h"
#include "support/Programs.h"

#include "../support/TestCertificates.h"
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <QTest>

using namespace fp;
using namespace fp::remote;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace

class TestSecurity : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string file(const char *name) const {
        return (m_dir.path() + QLatin1Char('/') + QLatin1String(name)).toStdString();
    }

    ServerSecurity tlsWithToken() const {
        ServerSecurity security;
        security.certFile = file("server.pem");
        security.keyFile = file("server.key");
        security.tokenFile = file("token");
        return security;
    }

    ChannelSecurity consoleWithToken() const {
        ChannelSecurity security;
        security.caFile = file("ca.pem");
        security.tokenFile = file("token");
        return security;
    }

    // An agent on a free loopback port; its address goes to `address`.
    std::unique_ptr<AgentServer> startAgent(const ServerSecurity &security, std::string &address) {
        AgentOptions options;
        options.siteName = "plant-osaka";
        options.modelSha256 = "abc123";
        options.security = security;
        auto server = AgentServer::start(options);
        if (!server) {
            qWarning("%s", server.error().message.c_str());
            return nullptr;
        }
        address = "127.0.0.1:" + std::to_string((*server)->port());
        return std::move(*server);
    }

    Result<AgentIdentity> handshakeWith(const ServerSecurity &server, const ChannelSecurity &console,
                                        std::string &address) {
        auto agent = startAgent(server, address);
        if (!agent) {
            return fail(ErrorCode::Runtime, "the agent did not start");
        }
        return handshake(address, console, HandshakeExpectations{"abc123", "", "plant-osaka"});
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString problem = fp::test::makeTestCertificates(m_dir.path());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(QFileInfo::exists(m_dir.path() + QStringLiteral("/server.pem")));
    }

    void tlsWithTokenHandshakeSucceeds() {
        std::string address;
        auto identity = handshakeWith(tlsWithToken(), consoleWithToken(), address);
        QVERIFY2(identity.has_value(), identity ? "" : identity.error().message.c_str());
        QCOMPARE(identity->siteName, std::string("plant-osaka"));
        QCOMPARE(identity->modelSha256, std::string("abc123"));
    }

    void tlsNameOverrideIsVerified() {
        // The certificate names localhost; asking for another name must fail, asking for localhost must pass.
        auto console = consoleWithToken();
        console.serverName = "localhost";
        std::string address;
        auto named = handshakeWith(tlsWithToken(), console, address);
        QVERIFY2(named.has_value(), named ? "" : named.error().message.c_str());
        console.serverName = "agent.example.org";
        auto misnamed = handshakeWith(tlsWithToken(), console, address);
        QVERIFY(!misnamed);
        QCOMPARE(misnamed.error().code, ErrorCode::Network);
    }

    void consoleAlsoComparesTheModel() {
        std::string address;
        auto agent = startAgent(tlsWithToken(), address);
        QVERIFY(agent);
        auto other = handshake(address, consoleWithToken(), HandshakeExpectations{"different-model", "", ""});
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(contains(other.error().message, "different-model") && contains(other.error().message, "abc123"),
                 other.error().message.c_str());
        auto site = handshake(address, consoleWithToken(), HandshakeExpectations{"", "", "plant-kyoto"});
        QVERIFY(!site);
        QVERIFY2(contains(site.error().message, "plant-kyoto"), site.error().message.c_str());
    }

    void missingTokenIsUnauthenticated() {
        auto console = consoleWithToken();
        console.tokenFile.clear();
        std::string address;
        auto result = handshakeWith(tlsWithToken(), console, address);
        QVERIFY(!result);
        QVERIFY2(contains(result.error().message, "missing or wrong token"), result.error().message.c_str());
        QVERIFY2(contains(result.error().message, address), result.error().message.c_str());
    }

    void wrongTokenIsUnauthenticated() {
        auto console = consoleWithToken();
        console.tokenFile = file("other.token");
        std::string address;
        auto result = handshakeWith(tlsWithToken(), console, address);
        QVERIFY(!result);
        QVERIFY2(contains(result.error().message, "missing or wrong token"), result.error().message.c_str());
    }

    void wrongCaOnTheConsoleFailsNamingTheAddress() {
        auto console = consoleWithToken();
        console.caFile = file("other-ca.pem");
        std::string address;
        auto result = handshakeWith(tlsWithToken(), console, address);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(contains(result.error().message, address), result.error().message.c_str());
        QVERIFY2(contains(result.error().message, "other-ca.pem"), result.error().message.c_str());
    }

    void plaintextConsoleToTlsAgentFails() {
        ChannelSecurity console;
        console.insecure = true;
        console.tokenFile = file("token");
        std::string address;
        auto result = handshakeWith(tlsWithToken(), console, address);
        QVERIFY(!result);
        QVERIFY2(contains(result.error().message, address), result.error().message.c_str());
    }

    void mutualTlsRequiresTheClientCertificate() {
        auto server = tlsWithToken();
        server.tokenFile.clear();
        server.clientCaFile = file("ca.pem");
        auto console = consoleWithToken();
        console.tokenFile.clear();
        std::string address;
        auto without = handshakeWith(server, console, address);
        QVERIFY(!without);
        QVERIFY2(contains(without.error().message, address), without.error().message.c_str());

        console.clientCertFile = file("client.pem");
        console.clientKeyFile = file("client.key");
        auto with = handshakeWith(server, console, address);
        QVERIFY2(with.has_value(), with ? "" : with.error().message.c_str());
    }

    void insecureLoopbackAgentAcceptsAToken() {
        ServerSecurity server;
        server.insecure = true;
        server.tokenFile = file("token");
        ChannelSecurity console;
        console.insecure = true;
        std::string address;
        QVERIFY(!handshakeWith(server, console, address)); // no token
        console.tokenFile = file("token");
        auto result = handshakeWith(server, console, address);
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
    }

    void listenAddresses_data() {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("loopback v4") << "127.0.0.1:0" << true << true;
        QTest::addRow("loopback v4 /8") << "127.1.2.3:50051" << true << true;
        QTest::addRow("loopback v6") << "[::1]:50051" << true << true;
        QTest::addRow("localhost") << "LocalHost:50051" << true << true;
        QTest::addRow("all v4 insecure") << "0.0.0.0:50051" << true << false;
        QTest::addRow("all v6 insecure") << "[::]:50051" << true << false;
        QTest::addRow("lan insecure") << "192.168.1.5:50051" << true << false;
        QTest::addRow("empty host insecure") << ":50051" << true << false;
        QTest::addRow("all v4 tls") << "0.0.0.0:50051" << false << true;
        QTest::addRow("no port") << "127.0.0.1" << false << false;
        QTest::addRow("bad port") << "127.0.0.1:99999" << false << false;
    }

    void listenAddresses() {
        QFETCH(QString, address);
        QFETCH(bool, insecure);
        QFETCH(bool, allowed);
        auto result = checkListenAddress(address.toStdString(), insecure);
        QCOMPARE(result.has_value(), allowed);
        if (!result) {
            QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
            QVERIFY2(contains(result.error().message, address.toStdString()), result.error().message.c_str());
        }
    }

    void agentPolicyNamesWhatIsMissing() {
        auto none = checkServerSecurity(ServerSecurity{}, "127.0.0.1:0");
        QVERIFY(!none);
        QVERIFY2(contains(none.error().message, "--tls-cert") && contains(none.error().message, "--insecure"),
                 none.error().message.c_str());
        auto noAuth = tlsWithToken();
        noAuth.tokenFile.clear();
        auto refused = checkServerSecurity(noAuth, "0.0.0.0:0");
        QVERIFY(!refused);
        QVERIFY2(contains(refused.error().message, "no authentication configured"), refused.error().message.c_str());
        auto mixed = tlsWithToken();
        mixed.insecure = true;
        QVERIFY(!checkServerSecurity(mixed, "127.0.0.1:0"));
    }

    void unreadableFilesNameTheFileAndFlag() {
        auto security = tlsWithToken();
        security.certFile = file("absent.pem");
        AgentOptions options;
        options.security = security;
        auto server = AgentServer::start(options);
        QVERIFY(!server);
        QCOMPARE(server.error().code, ErrorCode::NotFound);
        QVERIFY2(contains(server.error().message, "--tls-cert") && contains(server.error().message, "absent.pem"),
                 server.error().message.c_str());

        auto console = consoleWithToken();
        console.tokenFile = file("absent.token");
        auto result = handshake("127.0.0.1:1", console, {});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::NotFound);
        QVERIFY2(contains(result.error().message, "absent.token"), result.error().message.c_str());
    }

    void tokenFilesAreTrimmedAndMustNotBeEmpty() {
        QFile padded(m_dir.path() + QStringLiteral("/padded.token"));
        QVERIFY(padded.open(QIODevice::WriteOnly));
        padded.write("s3cret \r\n\n");
        padded.close();
        QCOMPARE(readTokenFile(file("padded.token"), "--token-file").value_or(""), std::string("s3cret"));
        QFile empty(m_dir.path() + QStringLiteral("/empty.token"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.write("\n");
        empty.close();
        auto result = readTokenFile(file("empty.token"), "--token-file");
        QVERIFY(!result);
        QVERIFY2(contains(result.error().message, "empty.token") && contains(result.error().message, "--token-file"),
                 result.error().message.c_str());
    }

    void insecureConsoleOnlyToLoopback() {
        ChannelSecurity console;
        console.insecure = true;
        auto result = handshake("192.0.2.10:50051", console, {}, std::chrono::milliseconds(500));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    }

    void demoCertificatesServeTls() {
        QTemporaryDir demo;
        const std::string dir = demo.path().toStdString() + "/tls";
        auto made = generateDemoCertificates(dir);
        QVERIFY2(made.has_value(), made ? "" : made.error().message.c_str());
        QCOMPARE(QFileInfo(QString::fromStdString(dir + "/server.key")).permissions() & QFile::ReadOther,
                 QFileDevice::Permissions());
        const auto before = QFileInfo(QString::fromStdString(dir + "/ca.pem")).lastModified();
        QVERIFY(generateDemoCertificates(dir)); // everything there: nothing is remade
        QCOMPARE(QFileInfo(QString::fromStdString(dir + "/ca.pem")).lastModified(), before);

        ServerSecurity server{dir + "/server.pem", dir + "/server.key", dir + "/ca.pem", dir + "/token", false};
        ChannelSecurity console{dir + "/ca.pem",     "localhost",         dir + "/token",
                                dir + "/client.pem", dir + "/client.key", false};
        std::string address;
        auto result = handshakeWith(server, console, address);
        QVERIFY2(result.has_value(), result ? "" : result.error().message.c_str());
    }

    void agentProgramRefusesInsecureOnAllInterfaces() {
        auto r = test::runProgram(
            test::program(QStringLiteral("fedpilot-agent")),
            {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"), QStringLiteral("--insecure")}, 30000);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("0.0.0.0:0")), qPrintable(r.err));
    }

    void agentProgramRefusesTlsWithoutAuthentication() {
        auto r = test::runProgram(test::program(QStringLiteral("fedpilot-agent")),
                                  {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--tls-cert"), QString::fromStdString(file("server.pem")),
                                   QStringLiteral("--tls-key"), QString::fromStdString(file("server.key"))},
                                  30000);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no authentication configured: --token-file or --client-ca")),
                 qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestSecurity)
#include "TestSecurity.moc"
