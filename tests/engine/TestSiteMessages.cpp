// The site messages (protobuf, proto/fedpilot/v1/site.proto): every field survives a round trip, and damaged or
// out-of-range messages are rejected with an error naming the message, the field and the sender (a broken or
// hostile peer must not crash or mislead the coordinator or a site).
#include "../support/ResultChecks.h"

#include "fedpilot/engine/CenterCodes.h"
#include "fedpilot/engine/Site.h"
#include "fedpilot/v1/site.pb.h"

#include <QTest>

#include <cmath>
#include <functional>
#include <limits>
#include <random>

using namespace fp;
using namespace fp::engine;

Q_DECLARE_METATYPE(std::function<fp::Result<void>()>)
Q_DECLARE_METATYPE(std::function<void(fedpilot::v1::PrepareReply &)>)

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
        request.truncation = Truncation::Reference;
        request.promptTemplate = PromptTemplate::ReferencePlain;
        request.clustering.hdbscanSemantics = HdbscanSemantics::PythonHdbscan;
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
        request.truncation = Truncation::Reference;
        request.promptTemplate = PromptTemplate::Reference;
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
        QCOMPARE(decoded->truncation, Truncation::Reference);
        QCOMPARE(decoded->promptTemplate, PromptTemplate::ReferencePlain);
        QCOMPARE(decoded->clustering.hdbscanSemantics, HdbscanSemantics::PythonHdbscan);
        QVERIFY(decoded->globalAdapter == request.globalAdapter);
    }

    void prepareReplyRoundTrips() {
        const auto reply = sampleReply();
        auto decoded = decodePrepareReply(encode(reply), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->centers.size(), size_t(3));
        // Coordinates come back as 8-bit codes of the set's scale (7, the largest |coordinate|): within 7 / 254.
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(decoded->centers[i].clusterId, int32_t(i));
            QCOMPARE(decoded->centers[i].coordinates.size(), size_t(4));
            for (size_t k = 0; k < 4; ++k) {
                QVERIFY(std::abs(decoded->centers[i].coordinates[k] - reply.centers[i].coordinates[k]) <= 7.f / 254);
            }
        }
        QCOMPARE(decoded->centers[2].coordinates[0], -7.f); // the largest |coordinate| is exact
        QCOMPARE(decoded->note, reply.note);
        QCOMPARE(decoded->featureSeconds, 1.25);
        // Decoding what was decoded changes nothing: the coordinator and a site see the same values.
        auto again = decodePrepareReply(encode(*decoded), "test");
        FP_VERIFY_OK(again);
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(again->centers[i].coordinates, decoded->centers[i].coordinates);
        }
    }

    // The stated bound: every decoded coordinate is within scale / 254 of the sent one (half a code step), for
    // t-SNE maps (tens), projected unit-scale centers and DP-noised ones alike.
    void quantisationErrorIsHalfAStep_data() {
        QTest::addColumn<int>("dims");
        QTest::addColumn<float>("spread");
        QTest::addRow("t-SNE map, 2 dims") << 2 << 40.f;
        QTest::addRow("projected, 4 dims") << 4 << 0.5f;
        QTest::addRow("64 dims") << 64 << 3.f;
        QTest::addRow("tiny values") << 3 << 1e-30f;
    }
    void quantisationErrorIsHalfAStep() {
        QFETCH(int, dims);
        QFETCH(float, spread);
        std::mt19937 rng{uint32_t(dims)};
        std::normal_distribution<float> normal(0.f, spread);
        PrepareReply reply;
        reply.groups = 12;
        float scale = 0.f;
        for (int i = 0; i < reply.groups; ++i) {
            Center c{i, {}};
            for (int k = 0; k < dims; ++k) {
                c.coordinates.push_back(normal(rng));
                scale = std::max(scale, std::abs(c.coordinates.back()));
            }
            reply.centers.push_back(c);
        }
        auto decoded = decodePrepareReply(encode(reply), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->centers.size(), size_t(12));
        double worst = 0.0;
        for (size_t i = 0; i < 12; ++i) {
            for (int k = 0; k < dims; ++k) {
                worst = std::max(worst, double(std::abs(decoded->centers[i].coordinates[size_t(k)] -
                                                        reply.centers[i].coordinates[size_t(k)])));
            }
        }
        qInfo("  worst error %.3g of scale %.3g (bound scale / 254 = %.3g)", worst, double(scale), scale / 254.0);
        QVERIFY(worst <= double(scale) / 254.0 * (1.0 + 1e-5));
    }

    void idsTravelOnlyWhenTheyAreNotTheirIndex() {
        auto reply = sampleReply();
        const auto implicitSize = encode(reply).size();
        reply.centers[0].clusterId = 4;
        reply.centers[1].clusterId = 0;
        const auto explicitBytes = encode(reply);
        QCOMPARE(explicitBytes.size(), implicitSize + 5); // tag, length, three one-byte ids
        auto decoded = decodePrepareReply(explicitBytes, "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->centers[0].clusterId, 4);
        QCOMPARE(decoded->centers[1].clusterId, 0);
        QCOMPARE(decoded->centers[2].clusterId, 2);
        PrepareReply none;
        auto empty = decodePrepareReply(encode(none), "test");
        FP_VERIFY_OK(empty);
        QVERIFY(empty->centers.empty());
    }

    // What selection costs a client per round, as the coordinator counts it (prepare reply minus the reply without
    // centers, plus the chosen ids in the train request): 12 groups, a typical client on Natural Instructions. The
    // paper reports 44 to 76 bytes per client and round with 2-D t-SNE centers.
    void selectionBytesOfTwelveGroups_data() {
        QTest::addColumn<int>("dims");
        QTest::addColumn<int>("limit");
        QTest::addRow("t-SNE centers (2-D)") << 2 << 76;
        QTest::addRow("projected centers (4-D)") << 4 << 2 * 76;
    }
    void selectionBytesOfTwelveGroups() {
        QFETCH(int, dims);
        QFETCH(int, limit);
        PrepareReply reply;
        reply.available = 430;
        reply.groups = 12;
        reply.featureSeconds = 1.5;
        for (int i = 0; i < 12; ++i) {
            reply.centers.push_back({i, std::vector<float>(size_t(dims), 0.37f * float(i - 6))});
        }
        PrepareReply withoutCenters = reply;
        withoutCenters.centers.clear();
        TrainRequest train = sampleTrain();
        train.chosenClusters = {0, 3, 7, 11};
        TrainRequest withoutChoice = train;
        withoutChoice.chosenClusters.clear();
        const auto bytes = int(encode(reply).size() - encode(withoutCenters).size() + encode(train).size() -
                               encode(withoutChoice).size());
        qInfo("  %d-D centers: %d selection bytes (12 groups, 4 chosen)", dims, bytes);
        QVERIFY2(bytes <= limit, std::to_string(bytes).c_str());
    }

    void trainMessagesRoundTrip() {
        const auto request = sampleTrain();
        auto decoded = decodeTrainRequest(encode(request), "test");
        FP_VERIFY_OK(decoded);
        QCOMPARE(decoded->chosenClusters, request.chosenClusters);
        QCOMPARE(decoded->learningRate, 3e-5f);
        QCOMPARE(decoded->truncation, Truncation::Reference);
        QCOMPARE(decoded->promptTemplate, PromptTemplate::Reference);
        auto plain = sampleTrain();
        plain.truncation = Truncation::PromptStart;
        plain.promptTemplate = PromptTemplate::Alpaca;
        QCOMPARE(decodeTrainRequest(encode(plain), "test")->truncation, Truncation::PromptStart);
        QCOMPARE(decodeTrainRequest(encode(plain), "test")->promptTemplate, PromptTemplate::Alpaca);
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
        EvaluateRequest request;
        request.round = 3;
        request.rouge = RougeVariant::Pltrdy;
        request.sampling = EvaluationSampling::Reference;
        request.truncation = Truncation::Reference;
        request.promptTemplate = PromptTemplate::Reference;
        auto asked = decodeEvaluateRequest(encode(request), "test");
        FP_VERIFY_OK(asked);
        QCOMPARE(asked->promptTemplate, PromptTemplate::Reference);
        QCOMPARE(asked->rouge, RougeVariant::Pltrdy);
        QCOMPARE(asked->sampling, EvaluationSampling::Reference);
        QCOMPARE(asked->truncation, Truncation::Reference);
        EvaluateRequest plain;
        plain.round = 1;
        QCOMPARE(decodeEvaluateRequest(encode(plain), "test")->sampling, EvaluationSampling::Fixed);
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
        QTest::addRow("min_cluster_size 1")
            << "clustering.min_cluster_size" << prepare([](auto &r) { r.clustering.minClusterSize = 1; });
        QTest::addRow("min_samples -1") << "clustering.min_samples"
                                        << prepare([](auto &r) { r.clustering.minSamples = -1; });
        QTest::addRow("perplexity NaN") << "clustering.perplexity"
                                        << prepare([](auto &r) { r.clustering.perplexity = std::nan(""); });
        QTest::addRow("tsne_iterations 0")
            << "clustering.tsne_iterations" << prepare([](auto &r) { r.clustering.tsneIterations = 0; });
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
        QTest::addRow("max_samples_per_task -1")
            << "max_samples_per_task" << evaluate([](auto &r) { r.maxSamplesPerTask = -1; });
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
        const auto problem = test::errorMismatch(decoded, ErrorCode::BadFormat, "centers.codes:");
        QVERIFY2(problem.empty(), problem.c_str());
        reply = sampleReply();
        reply.centers[0].coordinates.clear();
        const auto empty = decodePrepareReply(encode(reply), "site a");
        QVERIFY(!empty);
        QVERIFY2(empty.error().message.find("centers.dims:") != std::string::npos, empty.error().message.c_str());
        reply = sampleReply();
        reply.centers[2].coordinates[1] = std::nanf("");
        const auto nan = decodePrepareReply(encode(reply), "site a");
        QVERIFY(!nan);
        QVERIFY2(nan.error().message.find("centers.scale:") != std::string::npos, nan.error().message.c_str());
    }

    // A center set built field by field, damaged one field at a time: rejected, naming the field, before any
    // center is decoded.
    void damagedCenterSetsAreRejected_data() {
        using Change = std::function<void(fedpilot::v1::PrepareReply &)>;
        QTest::addColumn<QString>("field");
        QTest::addColumn<Change>("change");
        const auto set = [](fedpilot::v1::PrepareReply &r) { return r.mutable_centers(); };
        QTest::addRow("dims 0") << "centers.dims" << Change([=](auto &r) { set(r)->set_dims(0); });
        QTest::addRow("dims 65") << "centers.dims" << Change([=](auto &r) { set(r)->set_dims(65); });
        QTest::addRow("scale NaN") << "centers.scale" << Change([=](auto &r) { set(r)->set_scale(std::nanf("")); });
        QTest::addRow("scale inf") << "centers.scale" << Change([=](auto &r) {
            set(r)->set_scale(std::numeric_limits<float>::infinity());
        });
        QTest::addRow("scale -1") << "centers.scale" << Change([=](auto &r) { set(r)->set_scale(-1.f); });
        QTest::addRow("no codes") << "centers.codes" << Change([=](auto &r) { set(r)->clear_codes(); });
        QTest::addRow("codes one short") << "centers.codes"
                                         << Change([=](auto &r) { set(r)->mutable_codes()->pop_back(); });
        QTest::addRow("codes of 4 centers")
            << "centers" << Change([=](auto &r) { set(r)->mutable_codes()->append(4, '\1'); });
        QTest::addRow("code -128") << "centers.codes"
                                   << Change([=](auto &r) { (*set(r)->mutable_codes())[5] = char(0x80); });
        QTest::addRow("ids for 2 of 3 centers") << "centers.codes" << Change([=](auto &r) {
            set(r)->add_ids(0);
            set(r)->add_ids(1);
        });
        QTest::addRow("id out of range") << "centers.ids" << Change([=](auto &r) {
            for (uint32_t id : {0u, 1u, 1u << 21}) {
                set(r)->add_ids(id);
            }
        });
        QTest::addRow("id twice") << "centers.ids" << Change([=](auto &r) {
            for (uint32_t id : {0u, 2u, 2u}) {
                set(r)->add_ids(id);
            }
        });
        QTest::addRow("more centers than groups") << "centers" << Change([](auto &r) { r.set_groups(2); });
        QTest::addRow("groups -1") << "groups" << Change([](auto &r) { r.set_groups(-1); });
    }
    void damagedCenterSetsAreRejected() {
        using Change = std::function<void(fedpilot::v1::PrepareReply &)>;
        QFETCH(QString, field);
        QFETCH(Change, change);
        const auto bytes = encode(sampleReply());
        fedpilot::v1::PrepareReply message;
        QVERIFY(message.ParseFromArray(bytes.data(), int(bytes.size())));
        QCOMPARE(message.centers().codes().size(), size_t(12));
        change(message);
        std::string damaged;
        QVERIFY(message.SerializeToString(&damaged));
        const auto decoded = decodePrepareReply(std::as_bytes(std::span(damaged.data(), damaged.size())), "site a");
        QVERIFY2(!decoded, "a damaged center set was accepted");
        QCOMPARE(decoded.error().code, ErrorCode::BadFormat);
        const std::string text = decoded.error().message;
        QVERIFY2(text.find(field.toStdString() + ":") != std::string::npos, text.c_str());
        QVERIFY2(text.find("from site a") != std::string::npos, text.c_str());
    }

    // A sampling rule this build does not know (a newer coordinator's) is refused, not read as "fixed".
    void unknownEvaluationSamplingIsRejected() {
        EvaluateRequest request;
        request.round = 1;
        const auto bytes = encode(request);
        fedpilot::v1::EvaluateRequest message;
        QVERIFY(message.ParseFromArray(bytes.data(), int(bytes.size())));
        message.set_sampling(fedpilot::v1::EvaluationSampling(2));
        std::string damaged;
        QVERIFY(message.SerializeToString(&damaged));
        const auto decoded =
            decodeEvaluateRequest(std::as_bytes(std::span(damaged.data(), damaged.size())), "the coordinator");
        FP_VERIFY_ERROR(decoded, ErrorCode::BadFormat, "sampling: 2 is out of range");
        message.set_sampling(fedpilot::v1::SAMPLING_FIXED);
        message.set_truncation(fedpilot::v1::Truncation(3));
        QVERIFY(message.SerializeToString(&damaged));
        FP_VERIFY_ERROR(
            decodeEvaluateRequest(std::as_bytes(std::span(damaged.data(), damaged.size())), "the coordinator"),
            ErrorCode::BadFormat, "truncation: 3 is out of range");
        message.set_truncation(fedpilot::v1::TRUNCATION_REFERENCE);
        message.set_prompt_template(fedpilot::v1::PromptTemplate(3)); // a template this build does not know
        QVERIFY(message.SerializeToString(&damaged));
        FP_VERIFY_ERROR(
            decodeEvaluateRequest(std::as_bytes(std::span(damaged.data(), damaged.size())), "the coordinator"),
            ErrorCode::BadFormat, "prompt_template: 3 is out of range");
    }

    void centerCodesAreSymmetricAndBounded() {
        const auto packed = quantiseCenters({{1.f, -1.f, 0.5f}, {0.f, -0.25f, 1e-9f}});
        QCOMPARE(packed.dims, uint32_t(3));
        QCOMPARE(packed.scale, 1.f);
        QCOMPARE(packed.codes, (std::vector<int8_t>{127, -127, 64, 0, -32, 0}));
        QCOMPARE(centerValue(-127, 2.f), -2.f);
        QCOMPARE(quantiseCenters({{0.f, 0.f}}).scale, 0.f);
        QVERIFY(std::isnan(quantiseCenters({{1.f, INFINITY}}).scale));
    }
};

QTEST_APPLESS_MAIN(TestSiteMessages)
#include "TestSiteMessages.moc"
