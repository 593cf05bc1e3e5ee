// The site messages' encoding: every field survives a round trip, and damaged bytes are rejected with an
// error naming the message and field (a broken peer must not crash the coordinator or a site).
#include "../support/ResultChecks.h"

#include "fedpilot/engine/Site.h"

#include <QTest>

#include <cstring>

using namespace fp;
using namespace fp::engine;

class TestSiteMessages : public QObject {
    Q_OBJECT

    static PrepareReply sampleReply() {
        PrepareReply reply;
        reply.available = 430;
        reply.groups = 3;
        reply.centers = {{0, {1.5f, -2.f, 0.f, 1.f}}, {1, {3.25f, 4.f, 2.f, 2.f}}, {2, {-7.f, 0.125f, 5.f, 6.f}}};
        reply.featureSeconds = 1.25;
        reply.selectionSeconds = 0.5;
        reply.note = "client x: fell back";
        return reply;
    }

private Q_SLOTS:
    void prepareRequestRoundTrips() {
        PrepareRequest request;
        request.round = 7;
        request.client = "subtask003 client";
        request.strategy = SelectionStrategy::Random;
        request.extractFeatures = false;
        request.clustering.minClusterSize = 9;
        request.clustering.perplexity = 12.5;
        request.clustering.seed = 0xFFFFFFFFFFFFFFF1ULL;
        request.featureTokens = 77;
        request.globalAdapter = {std::byte{1}, std::byte{2}, std::byte{255}};
        auto decoded = decodePrepareRequest(encode(request), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->round, 7);
        QCOMPARE(decoded->client, request.client);
        QCOMPARE(decoded->strategy, SelectionStrategy::Random);
        QCOMPARE(decoded->extractFeatures, false);
        QCOMPARE(decoded->clustering.minClusterSize, 9);
        QCOMPARE(decoded->clustering.perplexity, 12.5);
        QCOMPARE(decoded->clustering.seed, request.clustering.seed);
        QCOMPARE(decoded->featureTokens, 77);
        QVERIFY(decoded->globalAdapter == request.globalAdapter);
    }

    void prepareReplyRoundTripsAndCentersAreSmall() {
        const auto reply = sampleReply();
        const auto bytes = encode(reply);
        auto decoded = decodePrepareReply(bytes, "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->centers.size(), size_t(3));
        QCOMPARE(decoded->centers[1].coordinates, std::vector<float>({3.25f, 4.f, 2.f, 2.f}));
        QCOMPARE(decoded->centers[2].clusterId, 2);
        QCOMPARE(decoded->note, reply.note);
        PrepareReply none = reply;
        none.centers.clear();
        QCOMPARE(bytes.size() - encode(none).size(), size_t(3 * 21)); // id, dimension and 4 floats per center
    }

    void trainMessagesRoundTrip() {
        TrainRequest request;
        request.client = "c";
        request.chosenClusters = {4, 0, 2};
        request.count = 3;
        request.learningRate = 3e-5f;
        auto decoded = decodeTrainRequest(encode(request), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->chosenClusters, request.chosenClusters);
        QCOMPARE(decoded->learningRate, 3e-5f);
        TrainReply reply;
        reply.selected = 3;
        reply.trainLoss = 1.75;
        reply.status = "trained";
        reply.adapter = Bytes(1000, std::byte{7});
        auto back = decodeTrainReply(encode(reply), "test");
        FP_VERIFY_OK(back);
        QCOMPARE(back->trainLoss, 1.75);
        QCOMPARE(back->adapter.size(), size_t(1000));
    }

    void damagedBytesAreRejected_data() {
        QTest::addColumn<int>("cut");
        QTest::addColumn<QString>("needle");
        QTest::addRow("empty") << 0 << QStringLiteral("tag");
        QTest::addRow("tag only") << 4 << QStringLiteral("available");
        QTest::addRow("inside the centers") << 30 << QStringLiteral("centers");
        QTest::addRow("last byte missing") << -1 << QStringLiteral("note");
    }
    void damagedBytesAreRejected() {
        QFETCH(int, cut);
        QFETCH(QString, needle);
        auto bytes = encode(sampleReply());
        bytes.resize(cut >= 0 ? size_t(cut) : bytes.size() - 1);
        const auto decoded = decodePrepareReply(bytes, "site tokyo");
        const auto problem = test::errorMismatch(decoded, ErrorCode::BadFormat, needle.toStdString());
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(decoded.error().message.find("site tokyo") != std::string::npos);
    }

    void wrongMessageAndTrailingBytesAreRejected() {
        const auto train = encode(TrainRequest{});
        QCOMPARE(decodePrepareReply(train, "x").error().code, ErrorCode::BadFormat);
        auto bytes = encode(sampleReply());
        bytes.push_back(std::byte{0});
        const auto decoded = decodePrepareReply(bytes, "x");
        QVERIFY(!decoded);
        QVERIFY(decoded.error().message.find("trailing") != std::string::npos);
    }

    void hugeCountsDoNotAllocate() {
        auto bytes = encode(sampleReply());
        // The centers count sits after the tag (4), available (8) and groups (4): claim 2^31 centers.
        const uint32_t huge = 0x80000000u;
        std::memcpy(bytes.data() + 16, &huge, 4);
        const auto decoded = decodePrepareReply(bytes, "x");
        QVERIFY(!decoded);
        QVERIFY(decoded.error().message.find("do not fit") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSiteMessages)
#include "TestSiteMessages.moc"
