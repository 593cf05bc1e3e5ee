// The site messages (protobuf, proto/fedpilot/v1/site.proto): every field survives a round trip, and damaged or
// out-of-range messages are rejected with an error naming the message, the field and the sender (a broken or
// hostile peer must not crash or mislead the coordinator or a site).
#include "../support/ResultChecks.h"

#include "fedpilot/engine/Site.h"

#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace fp;
using namespace fp::engine;

Q_DECLARE_METATYPE(std::function<fp::Result<void>()>)

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
    static PrepareRequest sampleRequest() {
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
        return request;
    }
    static TrainRequest sampleTrain() {
        TrainRequest request;
        request.round = 2;
        request.client = "c";
        request.chosenClusters = {4, 0, 2};
        request.count = 3;
        request.learningRate = 3e-5f;
        return request;
    }

private Q_SLOTS:
    void prepareRequestRoundTrips() {
        const auto request = sampleRequest();
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

    void prepareReplyRoundTrips() {
        const auto reply = sampleReply();
        auto decoded = decodePrepareReply(encode(reply), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->centers.size(), size_t(3));
        QCOMPARE(decoded->centers[1].coordinates, std::vector<float>({3.25f, 4.f, 2.f, 2.f}));
        QCOMPARE(decoded->centers[2].clusterId, 2);
        QCOMPARE(decoded->note, reply.note);
        QCOMPARE(decoded->featureSeconds, 1.25);
    }

    void trainMessagesRoundTrip() {
        const auto request = sampleTrain();
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
        TrainReply untrained;
        untrained.status = "skipped: empty coreset";
        auto none = decodeTrainReply(encode(untrained), "test");
        FP_VERIFY_OK(none);
        QVERIFY(none->adapter.empty());
    }

    void inventoryAndEvaluationRoundTrip() {
        SiteInventory inventory;
        inventory.clients = {{"task001", 12}, {"task002", 0}};
        inventory.heldOutSamples = 40;
        auto decoded = decodeInventory(encode(inventory), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->clients.size(), size_t(2));
        QCOMPARE(decoded->clients[0].name, std::string("task001"));
        QCOMPARE(decoded->clients[0].samples, int64_t(12));
        QCOMPARE(decoded->heldOutSamples, int64_t(40));
        EvaluateReply reply{20, 0.25, 1.5, 0.75};
        auto back = decodeEvaluateReply(encode(reply), "test");
        FP_VERIFY_OK(back);
        QCOMPARE(back->rougeL, 0.25);
    }

    void truncatedBytesAreRejected_data() {
        QTest::addColumn<int>("cut");
        QTest::addRow("one byte") << 1;
        QTest::addRow("inside the centers") << 12;
        QTest::addRow("last byte missing") << -1;
    }
    void truncatedBytesAreRejected() {
        QFETCH(int, cut);
        auto bytes = encode(sampleReply());
        bytes.resize(cut >= 0 ? size_t(cut) : bytes.size() - 1);
        const auto decoded = decodePrepareReply(bytes, "site tokyo");
        const auto problem = test::errorMismatch(decoded, ErrorCode::BadFormat, "prepare reply from site tokyo");
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void corruptedAdapterIsRejected() {
        auto request = sampleRequest();
        request.globalAdapter = Bytes(300, std::byte{9});
        auto bytes = encode(request);
        // The adapter bytes sit inside the message: flip one of them and keep the length.
        for (size_t i = 0; i + 3 < bytes.size(); ++i) {
            if (bytes[i] == std::byte{9} && bytes[i + 1] == std::byte{9} && bytes[i + 2] == std::byte{9}) {
                bytes[i + 1] = std::byte{10};
                break;
            }
        }
        const auto decoded = decodePrepareRequest(bytes, "the coordinator");
        const auto problem = test::errorMismatch(decoded, ErrorCode::BadFormat, "global_adapter");
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(decoded.error().message.find("SHA-256") != std::string::npos);
    }

    // Every numeric field a site relies on is range-checked where it is decoded (batch size 0 would loop
    // forever, a non-positive token count would index out of bounds).
    void outOfRangeRequestsAreRejected_data() {
        using Check = std::function<Result<void>()>;
        QTest::addColumn<QString>("field");
        QTest::addColumn<Check>("decode");
        // Each helper encodes a valid request with one change and decodes it as the site would.
        const auto prepare = [](std::function<void(PrepareRequest &)> change) -> Check {
            return [change]() -> Result<void> {
                auto r = sampleRequest();
                change(r);
                auto d = decodePrepareRequest(encode(r), "the coordinator");
                return d ? Result<void>() : std::unexpected(d.error());
            };
        };
        const auto train = [](std::function<void(TrainRequest &)> change) -> Check {
            return [change]() -> Result<void> {
                auto r = sampleTrain();
                change(r);
                auto d = decodeTrainRequest(encode(r), "the coordinator");
                return d ? Result<void>() : std::unexpected(d.error());
            };
        };
        const auto evaluate = [](std::function<void(EvaluateRequest &)> change) -> Check {
            return [change]() -> Result<void> {
                EvaluateRequest r;
                r.round = 1;
                change(r);
                auto d = decodeEvaluateRequest(encode(r), "the coordinator");
                return d ? Result<void>() : std::unexpected(d.error());
            };
        };
        QTest::addRow("prepare round 0") << "round" << prepare([](auto &r) { r.round = 0; });
        QTest::addRow("prepare empty client") << "client" << prepare([](auto &r) { r.client.clear(); });
        QTest::addRow("prepare long client") << "client" << prepare([](auto &r) { r.client = std::string(300, 'x'); });
        QTest::addRow("min_cluster_size 1") << "clustering.min_cluster_size"
                                            << prepare([](auto &r) { r.clustering.minClusterSize = 1; });
        QTest::addRow("min_samples -1") << "clustering.min_samples"
                                        << prepare([](auto &r) { r.clustering.minSamples = -1; });
        QTest::addRow("perplexity NaN") << "clustering.perplexity"
                                        << prepare([](auto &r) { r.clustering.perplexity = std::nan(""); });
        QTest::addRow("tsne_iterations 0") << "clustering.tsne_iterations"
                                           << prepare([](auto &r) { r.clustering.tsneIterations = 0; });
        QTest::addRow("dp_sigma -1") << "clustering.dp_sigma" << prepare([](auto &r) { r.clustering.dpSigma = -1; });
        QTest::addRow("center_dims 65") << "clustering.center_dims"
                                        << prepare([](auto &r) { r.clustering.centerDims = 65; });
        QTest::addRow("threads -2") << "clustering.threads" << prepare([](auto &r) { r.clustering.threads = -2; });
        QTest::addRow("feature_tokens 0") << "feature_tokens" << prepare([](auto &r) { r.featureTokens = 0; });
        QTest::addRow("feature_tokens -5") << "feature_tokens" << prepare([](auto &r) { r.featureTokens = -5; });
        QTest::addRow("train round -1") << "round" << train([](auto &r) { r.round = -1; });
        QTest::addRow("chosen cluster -1") << "chosen_clusters" << train([](auto &r) { r.chosenClusters = {1, -1}; });
        QTest::addRow("count -1") << "count" << train([](auto &r) { r.count = -1; });
        QTest::addRow("local_epochs 0") << "local_epochs" << train([](auto &r) { r.localEpochs = 0; });
        QTest::addRow("learning_rate 0") << "learning_rate" << train([](auto &r) { r.learningRate = 0; });
        QTest::addRow("learning_rate inf")
            << "learning_rate" << train([](auto &r) { r.learningRate = std::numeric_limits<float>::infinity(); });
        QTest::addRow("batch_size 0") << "batch_size" << train([](auto &r) { r.batchSize = 0; });
        QTest::addRow("batch_size 5000") << "batch_size" << train([](auto &r) { r.batchSize = 5000; });
        QTest::addRow("max_tokens 1") << "max_tokens" << train([](auto &r) { r.maxTokens = 1; });
        QTest::addRow("evaluate round 0") << "round" << evaluate([](auto &r) { r.round = 0; });
        QTest::addRow("max_samples_per_task -1") << "max_samples_per_task"
                                                 << evaluate([](auto &r) { r.maxSamplesPerTask = -1; });
        QTest::addRow("max_new_tokens 0") << "max_new_tokens" << evaluate([](auto &r) { r.maxNewTokens = 0; });
        QTest::addRow("evaluate max_tokens 0") << "max_tokens" << evaluate([](auto &r) { r.maxTokens = 0; });
    }
    void outOfRangeRequestsAreRejected() {
        using Check = std::function<Result<void>()>;
        QFETCH(QString, field);
        QFETCH(Check, decode);
        const auto outcome = decode();
        QVERIFY2(!outcome, "an out-of-range request was accepted");
        QCOMPARE(outcome.error().code, ErrorCode::BadFormat);
        const std::string message = outcome.error().message;
        QVERIFY2(message.find(field.toStdString() + ":") != std::string::npos, message.c_str());
        QVERIFY2(message.find("from the coordinator") != std::string::npos, message.c_str());
    }

    void centersOfMixedDimensionsAreRejected() {
        auto reply = sampleReply();
        reply.centers[1].coordinates = {1.f, 2.f};
        const auto decoded = decodePrepareReply(encode(reply), "site a");
        const auto problem = test::errorMismatch(decoded, ErrorCode::BadFormat, "centers[1]");
        QVERIFY2(problem.empty(), problem.c_str());
        reply = sampleReply();
        reply.centers[0].coordinates.clear();
        const auto empty = decodePrepareReply(encode(reply), "site a");
        QVERIFY(!empty);
        QVERIFY(empty.error().message.find("centers.coordinates") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSiteMessages)
#include "TestSiteMessages.moc"
