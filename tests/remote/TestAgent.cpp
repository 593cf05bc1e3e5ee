#include "fedpilot/remote/Agent.h"

#include <QTest>

using namespace fp;
using namespace fp::remote;

class TestAgent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handshakeOverLoopback() {
        AgentOptions options;
        options.siteName = "plant-osaka";
        options.modelSha256 = "abc123";
        options.security.insecure = true;
        auto server = AgentServer::start(options);
        QVERIFY2(server.has_value(), server ? "" : server.error().message.c_str());
        QVERIFY((*server)->port() > 0);
        const std::string address = "127.0.0.1:" + std::to_string((*server)->port());

        ChannelSecurity loopback;
        loopback.insecure = true;
        auto same = handshake(address, loopback, HandshakeExpectations{"abc123", "", ""});
        QVERIFY2(same.has_value(), same ? "" : same.error().message.c_str());
        QCOMPARE(same->siteName, std::string("plant-osaka"));
        QCOMPARE(same->agentVersion, std::string(FP_VERSION));

        // A different base model is refused, and the message names both hashes.
        auto other = handshake(address, loopback, HandshakeExpectations{"different-model", "", ""});
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(other.error().message.find("different-model") != std::string::npos, other.error().message.c_str());
        QVERIFY2(other.error().message.find("abc123") != std::string::npos, other.error().message.c_str());
    }

    void unreachableAgentIsANetworkErrorNamingThePeer() {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        ChannelSecurity loopback;
        loopback.insecure = true;
        auto result = handshake("127.0.0.1:1", loopback, {}, std::chrono::milliseconds(1500));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY(result.error().message.find("127.0.0.1:1") != std::string::npos);
    }

    void busyPortIsReported() {
        AgentOptions loopback;
        loopback.security.insecure = true;
        auto first = AgentServer::start(loopback);
        QVERIFY(first);
        AgentOptions clash = loopback;
        clash.listenAddress = "127.0.0.1:" + std::to_string((*first)->port());
        auto second = AgentServer::start(clash);
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::Network);
        QVERIFY(second.error().message.find(clash.listenAddress) != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestAgent)
#include "TestAgent.moc"
