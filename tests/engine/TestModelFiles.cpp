#include "fedpilot/engine/ModelFiles.h"
#include "fedpilot/engine/PeftAdapter.h"
#include "support/ModelFixtures.h"
#include "support/ResultChecks.h"
#include "support/SharedData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

using namespace fp;
using namespace fp::engine;
using namespace fp::test;

Q_DECLARE_METATYPE(fp::ErrorCode)

namespace {

const char *kStoriesModel = "models/stories260K/stories260K.bin";

std::string firstDifference(const TensorMap &a, const TensorMap &b) {
    if (a.size() != b.size())
        return "tensor counts differ: " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    for (const auto &[name, t] : a) {
        const auto it = b.find(name);
        if (it == b.end())
            return "missing " + name;
        if (!(it->second == t))
            return "differs: " + name;
    }
    return {};
}

#define FP_VERIFY_SAME_TENSORS(a, b)                                                                                   \
    do {                                                                                                               \
        const std::string fpDifference = firstDifference(a, b);                                                        \
        QVERIFY2(fpDifference.empty(), fpDifference.c_str());                                                          \
    } while (false)

// One head-pair of RoPE at position pos: interleaved pairs (llama2.c) or halves (Hugging Face).
void applyRope(std::vector<float> &v, std::size_t offset, int headDim, int pos, bool interleaved) {
    for (int i = 0; i < headDim / 2; ++i) {
        const double angle = pos * std::pow(10000.0, -2.0 * i / headDim);
        const std::size_t a = offset + (interleaved ? 2 * i : i);
        const std::size_t b = offset + (interleaved ? 2 * i + 1 : i + headDim / 2);
        const float x = v[a], y = v[b];
        v[a] = static_cast<float>(x * std::cos(angle) - y * std::sin(angle));
        v[b] = static_cast<float>(x * std::sin(angle) + y * std::cos(angle));
    }
}

std::vector<float> matVec(const RawTensor &w, const std::vector<float> &x) {
    const auto values = w.toFloat32();
    std::vector<float> out(static_cast<std::size_t>(w.shape[0]));
    for (std::size_t r = 0; r < out.size(); ++r)
        for (std::size_t c = 0; c < x.size(); ++c)
            out[r] += values[r * x.size() + c] * x[c];
    return out;
}

// Attention logits q(pos 5) . k(pos 2) for every query head, with grouped kv heads.
std::vector<float> ropeScores(const RawTensor &wq, const RawTensor &wk, const LlamaConfig &c, bool interleaved) {
    std::vector<float> x(static_cast<std::size_t>(c.dim)), y(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = std::sin(0.7f * static_cast<float>(i));
        y[i] = std::cos(0.3f * static_cast<float>(i));
    }
    auto q = matVec(wq, x), k = matVec(wk, y);
    const int hd = c.headDim();
    for (int h = 0; h < c.nHeads; ++h)
        applyRope(q, static_cast<std::size_t>(h * hd), hd, 5, interleaved);
    for (int h = 0; h < c.nKvHeads; ++h)
        applyRope(k, static_cast<std::size_t>(h * hd), hd, 2, interleaved);
    std::vector<float> scores;
    for (int h = 0; h < c.nHeads; ++h) {
        const int kvHead = h / (c.nHeads / c.nKvHeads);
        float s = 0;
        for (int d = 0; d < hd; ++d)
            s += q[static_cast<std::size_t>(h * hd + d)] * k[static_cast<std::size_t>(kvHead * hd + d)];
        scores.push_back(s);
    }
    return scores;
}

} // namespace

class TestModelFiles : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    std::string tmpPath(const QString &name) const { return m_tmp.filePath(name).toStdString(); }

    // A fresh valid HF directory of the tiny model; returns its path.
    std::string makeHfDir(const QString &name, const Checkpoint &cp) {
        const std::string dir = tmpPath(name);
        const auto saved = saveHfCheckpoint(cp, dir);
        return saved ? dir : std::string();
    }

    static void editConfig(const std::string &dir, const std::function<void(QJsonObject &)> &edit) {
        const std::string path = dir + "/config.json";
        QJsonObject config = QJsonDocument::fromJson(readFile(path)).object();
        edit(config);
        writeFile(path, QJsonDocument(config).toJson());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void rawTensorConvertsHalfPrecision() {
        const uint16_t halves[] = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x8000};
        RawTensor f16{DType::F16, {6}, std::vector<std::byte>(sizeof halves)};
        std::memcpy(f16.bytes.mutableData(), halves, sizeof halves);
        const auto f = f16.toFloat32();
        QCOMPARE(f[0], 1.f);
        QCOMPARE(f[1], -2.f);
        QCOMPARE(f[2], 65504.f);
        QCOMPARE(f[3], std::ldexp(1.f, -24));
        QVERIFY(std::isinf(f[4]));
        QVERIFY(std::signbit(f[5]) && f[5] == 0.f);

        const uint16_t bf[] = {0x3F80, 0x4049};
        RawTensor bf16{DType::BF16, {2}, std::vector<std::byte>(sizeof bf)};
        std::memcpy(bf16.bytes.mutableData(), bf, sizeof bf);
        QCOMPARE(bf16.toFloat32(), (std::vector<float>{1.f, 3.140625f}));

        const float values[] = {0.5f, -3.f, 7.25f};
        const RawTensor t = RawTensor::fromFloat32({3}, values);
        QVERIFY(t.hasConsistentSize());
        QCOMPARE(t.numel(), int64_t{3});
        QCOMPARE(t.toFloat32(), (std::vector<float>{0.5f, -3.f, 7.25f}));
    }

    void ropePermutationMovesRowsToHalves() {
        // 2 heads of size 4, one input column holding the row index.
        const float rows[] = {0, 1, 2, 3, 4, 5, 6, 7};
        const auto hf = permuteRopeInterleavedToHalves(RawTensor::fromFloat32({8, 1}, rows), 2);
        FP_VERIFY_OK(hf);
        QCOMPARE(hf->toFloat32(), (std::vector<float>{0, 2, 1, 3, 4, 6, 5, 7}));
    }

    void ropePermutationInverts_data() {
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("headDim");
        QTest::addColumn<int>("columns");
        QTest::addRow("1 head of 2") << 1 << 2 << 3;
        QTest::addRow("8 heads of 8") << 8 << 8 << 64;
        QTest::addRow("4 heads of 6") << 4 << 6 << 5;
    }
    void ropePermutationInverts() {
        QFETCH(int, heads);
        QFETCH(int, headDim);
        QFETCH(int, columns);
        std::mt19937 rng(7);
        const RawTensor w = randomTensor({heads * headDim, columns}, rng);
        const auto hf = permuteRopeInterleavedToHalves(w, heads);
        FP_VERIFY_OK(hf);
        QVERIFY(headDim == 2 || !(*hf == w));
        const auto back = permuteRopeHalvesToInterleaved(*hf, heads);
        FP_VERIFY_OK(back);
        QVERIFY(*back == w);
        const auto other = permuteRopeInterleavedToHalves(*permuteRopeHalvesToInterleaved(w, heads), heads);
        QVERIFY(*other == w);
    }

    // The reason for the permutation: interleaved RoPE with llama2.c weights and rotate_half RoPE
    // with the permuted weights give the same attention logits.
    void ropePermutationPreservesAttentionScores() {
        const LlamaConfig c = tinyConfig(true);
        std::mt19937 rng(3);
        const RawTensor wq = randomTensor({c.dim, c.dim}, rng), wk = randomTensor({c.kvDim(), c.dim}, rng);
        const auto reference = ropeScores(wq, wk, c, true);
        const auto hf = ropeScores(*permuteRopeInterleavedToHalves(wq, c.nHeads),
                                   *permuteRopeInterleavedToHalves(wk, c.nKvHeads), c, false);
        const auto unpermuted = ropeScores(wq, wk, c, false);
        double maxDiff = 0, unpermutedDiff = 0;
        for (std::size_t i = 0; i < reference.size(); ++i) {
            maxDiff = std::max(maxDiff, double(std::abs(reference[i] - hf[i])));
            unpermutedDiff = std::max(unpermutedDiff, double(std::abs(reference[i] - unpermuted[i])));
        }
        QVERIFY2(maxDiff < 1e-4, qPrintable(QString::number(maxDiff)));
        QVERIFY(unpermutedDiff > 1e-2); // the check can fail: without the permutation scores differ
    }

    void ropePermutationRejectsBadShapes() {
        const float v[6] = {};
        QCOMPARE(permuteRopeInterleavedToHalves(RawTensor::fromFloat32({6}, v), 1).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(permuteRopeInterleavedToHalves(RawTensor::fromFloat32({6, 1}, v), 4).error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(permuteRopeInterleavedToHalves(RawTensor::fromFloat32({6, 1}, v), 2).error().code,
                 ErrorCode::InvalidArgument); // head size 3
    }

    void safetensorsRoundTrip() {
        std::mt19937 rng(1);
        TensorMap tensors;
        tensors["b.f32"] = randomTensor({3, 5}, rng);
        tensors["a.scalar"] = randomTensor({}, rng);
        tensors["c.empty"] = randomTensor({0, 4}, rng);
        tensors["d.i64"] = RawTensor{DType::I64, {2}, std::vector<std::byte>(16, std::byte{0x11})};
        tensors["e.bf16"] = RawTensor{DType::BF16, {3}, std::vector<std::byte>(6, std::byte{0x3f})};
        tensors["f.bool"] = RawTensor{DType::Bool, {1}, std::vector<std::byte>{std::byte{1}}};
        const StringMap metadata{{"format", "pt"}, {"note", "x"}};
        const std::string path = tmpPath(QStringLiteral("round.safetensors"));
        FP_VERIFY_OK(writeSafetensors(path, tensors, metadata));
        QVERIFY(!std::filesystem::exists(path + ".tmp"));

        StringMap readMetadata;
        const auto read = readSafetensors(path, &readMetadata);
        FP_VERIFY_OK(read);
        FP_VERIFY_SAME_TENSORS(*read, tensors);
        QVERIFY(readMetadata == metadata);

        const QByteArray bytes = readFile(path);
        uint64_t headerBytes = 0;
        std::memcpy(&headerBytes, bytes.constData(), 8);
        QCOMPARE(headerBytes % 8, uint64_t{0});
        QVERIFY(bytes.mid(8).startsWith("{\"__metadata__\":{\"format\":\"pt\""));
        QVERIFY(bytes.indexOf("\"a.scalar\"") < bytes.indexOf("\"b.f32\""));
    }

    // Read tensors are views of the mapped file; writing one copies it first and leaves the file as it was.
    void safetensorsAreMappedViews() {
        std::mt19937 rng(2);
        const TensorMap tensors{{"w", randomTensor({4, 4}, rng)}};
        const std::string path = tmpPath(QStringLiteral("mapped.safetensors"));
        FP_VERIFY_OK(writeSafetensors(path, tensors));
        auto read = readSafetensors(path);
        FP_VERIFY_OK(read);
        RawTensor &w = read->at("w");
        QVERIFY(w.bytes.isView());
        QVERIFY(w.bytes.keepAlive() != nullptr);
        const QByteArray file = readFile(path);
        QVERIFY(file.contains(QByteArray(reinterpret_cast<const char *>(w.bytes.data()), 64)));
        w.bytes.mutableData()[0] = std::byte{0x7f};
        QVERIFY(!w.bytes.isView());
        QCOMPARE(readFile(path), file);
        read->clear(); // the mapping goes with its last view
        auto again = readSafetensors(path);
        FP_VERIFY_OK(again);
        FP_VERIFY_SAME_TENSORS(*again, tensors);
    }

    void safetensorsWriteFailsCleanly() {
        const float v[2] = {1, 2};
        RawTensor bad = RawTensor::fromFloat32({2}, v);
        bad.shape = {3};
        const std::string path = tmpPath(QStringLiteral("bad.safetensors"));
        auto result = writeSafetensors(path, {{"w", bad}});
        FP_VERIFY_ERROR(result, ErrorCode::InvalidArgument, "'w'");
        QVERIFY(!std::filesystem::exists(path) && !std::filesystem::exists(path + ".tmp"));
        result = writeSafetensors(tmpPath(QStringLiteral("no/such/dir/x.safetensors")), {});
        QCOMPARE(result.error().code, ErrorCode::Io);
        QCOMPARE(readSafetensors(tmpPath(QStringLiteral("absent.safetensors"))).error().code, ErrorCode::NotFound);
    }

    // config.json and adapter_config.json are capped at 4 MiB (their DOM at most ~28x that), checked before reading.
    void oversizedConfigFilesAreRefused() {
        const std::string config = tmpPath(QStringLiteral("huge-config.json"));
        writeFile(config, QByteArray((4 << 20) + 1, ' '));
        FP_VERIFY_ERROR(readHfConfig(config), ErrorCode::BadFormat,
                        "config file " + config + ": 4194305 bytes, more than the 4194304-byte limit");
        const std::string adapter = tmpPath(QStringLiteral("huge-adapter"));
        QVERIFY(QDir().mkpath(QString::fromStdString(adapter)));
        writeFile(adapter + "/adapter_config.json", QByteArray((4 << 20) + 1, ' '));
        FP_VERIFY_ERROR(readPeftAdapter(adapter), ErrorCode::BadFormat,
                        adapter +
                            "/adapter_config.json: 4194305 bytes, more than 4194304 (the limit for config files)");
    }

    void safetensorsMalformed_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("needle");
        const QByteArray four(4, '\0'), eight(8, '\0'), twelve(12, '\0');
        auto st = [](const char *header, const QByteArray &data) { return safetensorsBytes(QByteArray(header), data); };
        const auto bad = ErrorCode::BadFormat;
        QTest::addRow("empty file") << QByteArray() << bad << QStringLiteral("8-byte header length");
        QTest::addRow("short header") << QByteArray(5, 'x') << bad << QStringLiteral("found a file of 5 bytes");
        QTest::addRow("header beyond file")
            << Bytes().put(uint64_t{1000}).data() + "{}" << bad << QStringLiteral("runs past the end of the file");
        QTest::addRow("header over the DOM cap") // 16 MiB: the format's 100 MB would need ~2.8 GB of DOM
            << Bytes().put(uint64_t{(16u << 20) + 1}).data() + "{}" << bad
            << QStringLiteral("header length 16777217 exceeds the limit of 16777216 bytes");
        static const std::string deep = "{\"w\":" + std::string(70, '[') + "1" + std::string(70, ']') + "}";
        QTest::addRow("header nested too deep")
            << st(deep.c_str(), {}) << bad << QStringLiteral("header: nested deeper than 64 levels");
        QTest::addRow("absurd header length")
            << Bytes().put(uint64_t{1} << 60).data() + "{}" << bad << QStringLiteral("exceeds the limit");
        QTest::addRow("invalid json") << st("{\"w\":", {}) << bad << QStringLiteral("not valid JSON");
        QTest::addRow("header not an object")
            << st("[1,2]", {}) << bad << QStringLiteral("header: expected an object, found array");
        QTest::addRow("offsets past data") << st(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", four)
                                           << bad << QStringLiteral("run past the end of the data region (4 bytes)");
        QTest::addRow("offsets reversed") << st(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", eight)
                                          << bad << QStringLiteral("begin is after end");
        QTest::addRow("size mismatches dtype*shape")
            << st(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", eight) << bad
            << QStringLiteral("F32 [3] needs 12");
        QTest::addRow("overlapping tensors") << st(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                                   R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                                                   twelve)
                                             << bad << QStringLiteral("overlap");
        QTest::addRow("unknown dtype") << st(R"({"w":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}})", four)
                                       << ErrorCode::Unsupported << QStringLiteral("'F8_E4M3'");
        QTest::addRow("missing dtype") << st(R"({"w":{"shape":[1],"data_offsets":[0,4]}})", four) << bad
                                       << QStringLiteral("header: 'w'.dtype: required field missing");
        QTest::addRow("negative dimension")
            << st(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", four) << bad
            << QStringLiteral("'w'.shape[0]: -1 is out of range, expected an integer >= 0");
        QTest::addRow("fractional offset")
            << st(R"({"w":{"dtype":"U8","shape":[4],"data_offsets":[0.5,4]}})", four) << bad
            << QStringLiteral("'w'.data_offsets[0]: expected an integer, found number 0.5");
        QTest::addRow("overflowing shape")
            << st(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}})", four) << bad
            << QStringLiteral("needs too many");
        // The format forbids two tensors of one name; JSON parsers would silently keep one of them.
        QTest::addRow("duplicate tensor name") << st(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                                     R"("w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                                     eight)
                                               << bad << QStringLiteral("names tensor 'w' more than once");
        // The tensors must tile the data region: no hole at the start, between tensors or at the end.
        QTest::addRow("gap at the start")
            << st(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eight) << bad
            << QStringLiteral("bytes [0, 4) of the data region belong to no tensor");
        QTest::addRow("gap between tensors") << st(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                                                   R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                                                   twelve)
                                             << bad
                                             << QStringLiteral("bytes [4, 8) of the data region belong to no "
                                                               "tensor (a gap before tensor 'b')");
        QTest::addRow("unused bytes at the end")
            << st(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", eight) << bad
            << QStringLiteral("bytes [4, 8) at the end of the data region belong to no tensor");
        QTest::addRow("overlap beside an empty tensor")
            << st(R"({"e":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},)"
                  R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                  R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                  eight)
            << bad << QStringLiteral("tensors 'a' [0, 8] and 'b' [4, 8] overlap");
        // Untrusted values are described by type and a short prefix, never dumped whole.
        QTest::addRow("long dtype string")
            << st(QByteArray(R"({"w":{"dtype":")" + QByteArray(5000, 'Z') + R"(","shape":[1],"data_offsets":[0,4]}})")
                      .constData(),
                  four)
            << ErrorCode::Unsupported
            << QStringLiteral("'w'.dtype: '") + QString(40, QLatin1Char('Z')) +
                   QStringLiteral("'... (5000 bytes), expected");
        QTest::addRow("object for a size")
            << st(R"({"w":{"dtype":"F32","shape":[{"k":"v","l":"w"}],"data_offsets":[0,4]}})", four) << bad
            << QStringLiteral("'w'.shape[0]: expected an integer, found object with 2 fields");
        QTest::addRow("metadata not strings") << st(R"({"__metadata__":{"n":1}})", {}) << bad
                                              << QStringLiteral("__metadata__.'n': expected a string, found number 1");
    }
    void safetensorsMalformed() {
        QFETCH(QByteArray, file);
        QFETCH(ErrorCode, code);
        QFETCH(QString, needle);
        const std::string path = tmpPath(QStringLiteral("malformed.safetensors"));
        writeFile(path, file);
        const auto result = readSafetensors(path);
        FP_VERIFY_ERROR(result, code, needle.toStdString());
        QVERIFY(result.error().message.find(path) != std::string::npos);
    }

    void hfConfigRoundTrip() {
        LlamaConfig c = tinyConfig(false);
        c.normEps = 1e-5f;
        c.ropeTheta = 500000.f;
        const std::string path = tmpPath(QStringLiteral("config.json"));
        FP_VERIFY_OK(writeHfConfig(c, path));
        const auto read = readHfConfig(path);
        FP_VERIFY_OK(read);
        QVERIFY(*read == c);
        const QJsonObject json = QJsonDocument::fromJson(readFile(path)).object();
        QCOMPARE(json[QStringLiteral("architectures")].toArray().at(0).toString(), QStringLiteral("LlamaForCausalLM"));
        QCOMPARE(json[QStringLiteral("torch_dtype")].toString(), QStringLiteral("float32"));
        QCOMPARE(json[QStringLiteral("hidden_act")].toString(), QStringLiteral("silu"));
        QCOMPARE(json[QStringLiteral("rms_norm_eps")].toDouble(), 1e-5);
        QVERIFY(json[QStringLiteral("rope_scaling")].isNull());
        c.nKvHeads = 3;
        QCOMPARE(writeHfConfig(c, path).error().code, ErrorCode::InvalidArgument);
    }

    void hfConfigDefaults() {
        const auto c = parseHfConfig(R"({"model_type":"llama","hidden_size":32,"intermediate_size":64,
            "num_hidden_layers":1,"num_attention_heads":4,"vocab_size":100,"eos_token_id":[7,9]})",
                                     "inline");
        FP_VERIFY_OK(c);
        QCOMPARE(c->nKvHeads, 4);
        QCOMPARE(c->maxSeqLen, 2048);
        QCOMPARE(c->tiedEmbeddings, false);
        QCOMPARE(c->eosId, 7);
        QCOMPARE(c->normEps, 1e-6f);
    }

    void stories260KLoads() {
        FP_REQUIRE_SHARED_FILE(path, kStoriesModel);
        const auto cp = loadLlama2cCheckpoint(path);
        FP_VERIFY_OK(cp);
        const LlamaConfig &c = cp->config;
        QCOMPARE(c.dim, 64);
        QCOMPARE(c.hiddenDim, 172);
        QCOMPARE(c.nLayers, 5);
        QCOMPARE(c.nHeads, 8);
        QCOMPARE(c.nKvHeads, 4);
        QCOMPARE(c.vocabSize, 512);
        QCOMPARE(c.maxSeqLen, 512);
        QVERIFY(c.tiedEmbeddings);
        QCOMPARE(cp->tensors.size(), std::size_t{1 + 9 * 5 + 1});
        QVERIFY(!cp->tensors.contains("lm_head.weight"));
        int64_t params = 0;
        for (const auto &[name, t] : cp->tensors)
            params += t.numel();
        QCOMPARE(params, int64_t{260032}); // the published parameter count

        // The embedding comes straight after the header; layer 0's wq after the 5 attention norms.
        const QByteArray file = readFile(path);
        const RawTensor &embed = cp->tensors.at("model.embed_tokens.weight");
        QVERIFY(std::memcmp(file.constData() + 28, embed.bytes.data(), embed.bytes.size()) == 0);
        // Mapped: the embedding is a view of the file; q/k are permuted copies.
        QVERIFY(embed.bytes.isView());
        QVERIFY(!cp->tensors.at(layer(0, "self_attn.q_proj.weight")).bytes.isView());
        const auto wq = permuteRopeHalvesToInterleaved(cp->tensors.at(layer(0, "self_attn.q_proj.weight")), 8);
        QVERIFY(std::memcmp(file.constData() + 28 + (512 * 64 + 5 * 64) * 4, wq->bytes.data(), 64 * 64 * 4) == 0);
        // Writing it back gives the original file, freq_cis tables aside.
        const qsizetype freqStart = 28 + 260032 * 4;
        const QByteArray rewritten = llama2cBytes(*cp, 0);
        QCOMPARE(rewritten.size(), file.size());
        QCOMPARE(rewritten.left(freqStart), file.left(freqStart));
    }

    void stories260KHfRoundTrip() {
        FP_REQUIRE_SHARED_FILE(path, kStoriesModel);
        const auto cp = loadCheckpoint(path);
        FP_VERIFY_OK(cp);
        QVERIFY(cp->sourceDescription.find("llama2.c legacy") != std::string::npos);
        const std::string dir = tmpPath(QStringLiteral("stories-hf"));
        FP_VERIFY_OK(saveHfCheckpoint(*cp, dir));
        QVERIFY(std::filesystem::exists(dir + "/generation_config.json"));
        const auto hf = loadHfCheckpoint(dir);
        FP_VERIFY_OK(hf);
        QVERIFY(hf->config == cp->config);
        FP_VERIFY_SAME_TENSORS(hf->tensors, cp->tensors);
        const auto viaDispatch = loadCheckpoint(dir + "/config.json");
        FP_VERIFY_OK(viaDispatch);
        FP_VERIFY_SAME_TENSORS(viaDispatch->tensors, cp->tensors);
    }

    void stories260KV1MatchesLegacy() {
        FP_REQUIRE_SHARED_FILE(path, kStoriesModel);
        const auto legacy = loadLlama2cCheckpoint(path);
        FP_VERIFY_OK(legacy);
        const std::string v1Path = tmpPath(QStringLiteral("stories260K-v1.bin"));
        writeFile(v1Path, llama2cBytes(*legacy, 1));
        const auto v1 = loadLlama2cCheckpoint(v1Path);
        FP_VERIFY_OK(v1);
        QVERIFY(v1->sourceDescription.find("llama2.c v1") != std::string::npos);
        QVERIFY(v1->config == legacy->config);
        FP_VERIFY_SAME_TENSORS(v1->tensors, legacy->tensors);
    }

    void synthesizedLlama2cLoads_data() {
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("tied");
        QTest::addRow("legacy tied") << 0 << true;
        QTest::addRow("legacy untied") << 0 << false;
        QTest::addRow("v1 tied") << 1 << true;
        QTest::addRow("v1 untied") << 1 << false;
    }
    void synthesizedLlama2cLoads() {
        QFETCH(int, version);
        QFETCH(bool, tied);
        const Checkpoint cp = randomCheckpoint(tinyConfig(tied), 11);
        const std::string path = tmpPath(QStringLiteral("synth-%1-%2.bin").arg(version).arg(tied));
        writeFile(path, llama2cBytes(cp, version));
        const auto loaded = loadLlama2cCheckpoint(path);
        FP_VERIFY_OK(loaded);
        QVERIFY(loaded->config == cp.config);
        FP_VERIFY_SAME_TENSORS(loaded->tensors, cp.tensors);
        QCOMPARE(loaded->tensors.contains("lm_head.weight"), !tied);
    }

    void llama2cMalformed_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("needle");
        const QByteArray legacy = llama2cBytes(randomCheckpoint(tinyConfig(true), 5), 0);
        const QByteArray v1 = llama2cBytes(randomCheckpoint(tinyConfig(false), 5), 1);
        const qsizetype legacyWeights = legacy.size() - 28, v1Weights = v1.size() - 256;
        const auto bad = ErrorCode::BadFormat;
        auto weightsText = [](qsizetype expected, qsizetype actual) {
            return QStringLiteral("expects %1 bytes of weights, file has %2").arg(expected).arg(actual);
        };
        QTest::addRow("tiny file") << legacy.left(12) << bad << QStringLiteral("expected 7 int32 header fields");
        QTest::addRow("legacy truncated")
            << legacy.left(legacy.size() - 4) << bad << weightsText(legacyWeights, legacyWeights - 4);
        QTest::addRow("legacy extra bytes")
            << legacy + QByteArray(4, 'x') << bad << weightsText(legacyWeights, legacyWeights + 4);
        QTest::addRow("legacy untied flag without classifier")
            << withInt32At(legacy, 20, -32) << bad << QStringLiteral("(separate classifier)");
        QTest::addRow("v1 truncated") << v1.left(v1.size() - 100) << bad << weightsText(v1Weights, v1Weights - 100);
        QTest::addRow("v1 short header") << v1.left(100) << bad << QStringLiteral("needs 256 bytes");
        QTest::addRow("v1 int8 version") << withInt32At(v1, 4, 2) << ErrorCode::Unsupported
                                         << QStringLiteral("version 2 (int8 quantized)");
        QTest::addRow("unknown version") << withInt32At(v1, 4, 7) << ErrorCode::Unsupported
                                         << QStringLiteral("version 7");
        QTest::addRow("v1 bad shared flag")
            << v1.left(36) + QByteArray(1, '\x07') + v1.mid(37) << bad << QStringLiteral("shared_classifier=7");
        QTest::addRow("zero dim") << withInt32At(legacy, 0, 0) << bad << QStringLiteral("dim=0, expected a positive");
        QTest::addRow("negative layers") << withInt32At(legacy, 8, -3) << bad << QStringLiteral("n_layers=-3");
        QTest::addRow("dim not a multiple of heads")
            << withInt32At(legacy, 12, 3) << bad << QStringLiteral("dim must be a multiple of n_heads");
        QTest::addRow("heads not a multiple of kv heads")
            << withInt32At(legacy, 16, 3) << bad << QStringLiteral("n_heads must be a multiple of n_kv_heads");
        QTest::addRow("odd head size") << withInt32At(withInt32At(legacy, 0, 12), 12, 4) << bad
                                       << QStringLiteral("head size 3 must be even");
        QTest::addRow("huge dim") << withInt32At(legacy, 0, 1 << 30) << bad
                                  << QStringLiteral("exceeds the supported maximum");
        // Largest dims the header may claim: must be answered from the size check, not an allocation.
        QByteArray huge = legacy;
        const std::pair<int, int32_t> maxima[] = {{0, 1 << 16},  {4, 1 << 20},  {8, 1 << 10}, {12, 1 << 12},
                                                  {16, 1 << 12}, {20, 1 << 24}, {24, 1 << 24}};
        for (const auto &[offset, value] : maxima)
            huge = withInt32At(huge, offset, value);
        QTest::addRow("huge valid dims") << huge << bad << QStringLiteral("bytes of weights, file has");
    }
    void llama2cMalformed() {
        QFETCH(QByteArray, file);
        QFETCH(ErrorCode, code);
        QFETCH(QString, needle);
        const std::string path = tmpPath(QStringLiteral("malformed.bin"));
        writeFile(path, file);
        const auto result = loadLlama2cCheckpoint(path);
        FP_VERIFY_ERROR(result, code, needle.toStdString());
        QVERIFY(result.error().message.find("model file " + path) != std::string::npos);
    }

    void hfDirectoryRoundTripUntied() {
        const Checkpoint cp = randomCheckpoint(tinyConfig(false), 21);
        const std::string dir = makeHfDir(QStringLiteral("untied-hf"), cp);
        QVERIFY(!dir.empty());
        const auto loaded = loadHfCheckpoint(dir);
        FP_VERIFY_OK(loaded);
        QVERIFY(loaded->config == cp.config);
        FP_VERIFY_SAME_TENSORS(loaded->tensors, cp.tensors);
    }

    void hfDirectoryKeepsHalfPrecision() {
        Checkpoint cp = randomCheckpoint(tinyConfig(true), 23);
        for (auto &[name, t] : cp.tensors) { // truncate to bfloat16: the upper half of each float
            RawTensor bf{DType::BF16, t.shape, std::vector<std::byte>(t.bytes.size() / 2)};
            for (std::size_t i = 0; i < bf.bytes.size() / 2; ++i)
                std::memcpy(bf.bytes.mutableData() + 2 * i, &t.bytes[4 * i + 2], 2);
            t = bf;
        }
        const std::string dir = makeHfDir(QStringLiteral("bf16-hf"), cp);
        QVERIFY(!dir.empty());
        const auto loaded = loadHfCheckpoint(dir);
        FP_VERIFY_OK(loaded);
        QCOMPARE(loaded->tensors.at("model.norm.weight").dtype, DType::BF16);
        FP_VERIFY_SAME_TENSORS(loaded->tensors, cp.tensors);
    }

    void shardedHfDirectoryLoadsIdentically() {
        const Checkpoint cp = randomCheckpoint(tinyConfig(false), 31);
        const std::string dir = makeHfDir(QStringLiteral("sharded-hf"), cp);
        QVERIFY(!dir.empty());
        std::filesystem::remove(dir + "/model.safetensors");
        TensorMap shards[2];
        QJsonObject weightMap;
        int i = 0;
        for (const auto &[name, t] : cp.tensors) {
            const int shard = i++ % 2;
            shards[shard][name] = t;
            weightMap[QString::fromStdString(name)] =
                QStringLiteral("model-0000%1-of-00002.safetensors").arg(shard + 1);
        }
        FP_VERIFY_OK(writeSafetensors(dir + "/model-00001-of-00002.safetensors", shards[0]));
        FP_VERIFY_OK(writeSafetensors(dir + "/model-00002-of-00002.safetensors", shards[1]));
        const QJsonObject index{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("total_size"), 0}}},
                                {QStringLiteral("weight_map"), weightMap}};
        writeFile(dir + "/model.safetensors.index.json", QJsonDocument(index).toJson());
        const auto loaded = loadHfCheckpoint(dir);
        FP_VERIFY_OK(loaded);
        FP_VERIFY_SAME_TENSORS(loaded->tensors, cp.tensors);
    }

    void hfDirectoryMalformed_data() {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("needle");
        const auto row = [](const char *name, ErrorCode code, const char *needle) {
            QTest::newRow(name) << QString::fromLatin1(name) << code << QString::fromLatin1(needle);
        };
        row("missing tensor", ErrorCode::NotFound, "missing tensor 'model.layers.1.mlp.up_proj.weight'");
        row("wrong shape", ErrorCode::BadFormat, "'model.norm.weight' has shape [15], the config implies [16]");
        row("integer dtype", ErrorCode::Unsupported, "dtype I32");
        row("unexpected bias", ErrorCode::Unsupported, "unexpected tensor 'model.layers.0.self_attn.q_proj.bias'");
        row("truncated weights", ErrorCode::BadFormat, "model.safetensors");
        row("no weights", ErrorCode::NotFound, "no model.safetensors");
        row("no config", ErrorCode::NotFound, "config.json");
        row("config not json", ErrorCode::BadFormat, "not valid JSON");
        row("missing config field", ErrorCode::BadFormat, "hidden_size: required field missing");
        row("mistyped config field", ErrorCode::BadFormat, "num_hidden_layers: expected an integer, found string");
        row("inconsistent heads", ErrorCode::BadFormat, "n_heads must be a multiple of n_kv_heads");
        row("rope scaling", ErrorCode::Unsupported, "rope_scaling: object with");
        row("other model type", ErrorCode::Unsupported, "model_type: string 'mistral', only 'llama'");
        row("attention bias", ErrorCode::Unsupported, "attention_bias: true; biases are not supported");
        row("index names a missing shard", ErrorCode::NotFound,
            "'model-00002-of-00002.safetensors', which does not exist");
        row("index leaves the directory", ErrorCode::BadFormat, "same directory");
        row("index misplaces a tensor", ErrorCode::NotFound, "which does not contain it");
        row("no directory", ErrorCode::NotFound, "no such directory");
    }
    void hfDirectoryMalformed() {
        QFETCH(QString, mutation);
        QFETCH(ErrorCode, code);
        QFETCH(QString, needle);
        Checkpoint cp = randomCheckpoint(tinyConfig(true), 41);
        std::mt19937 rng(2);
        if (mutation == QStringLiteral("missing tensor"))
            cp.tensors.erase(layer(1, "mlp.up_proj.weight"));
        if (mutation == QStringLiteral("wrong shape"))
            cp.tensors["model.norm.weight"] = randomTensor({15}, rng);
        if (mutation == QStringLiteral("integer dtype"))
            cp.tensors["model.norm.weight"].dtype = DType::I32;
        if (mutation == QStringLiteral("unexpected bias"))
            cp.tensors[layer(0, "self_attn.q_proj.bias")] = randomTensor({16}, rng);
        const std::string dir = tmpPath(QStringLiteral("bad-hf-") + QString::fromLatin1(QTest::currentDataTag()));
        FP_VERIFY_OK(saveHfCheckpoint(randomCheckpoint(tinyConfig(true), 41), dir));
        FP_VERIFY_OK(writeSafetensors(dir + "/model.safetensors", cp.tensors));
        mutateHfDirectory(dir, mutation);
        const auto result = loadHfCheckpoint(mutation == QStringLiteral("no directory") ? dir + "/absent" : dir);
        FP_VERIFY_ERROR(result, code, needle.toStdString());
    }

    void saveRejectsInconsistentCheckpoints() {
        Checkpoint cp = randomCheckpoint(tinyConfig(true), 51);
        cp.tensors.erase("model.norm.weight");
        const auto result = saveHfCheckpoint(cp, tmpPath(QStringLiteral("rejected")));
        FP_VERIFY_ERROR(result, ErrorCode::InvalidArgument, "model.norm.weight");
        QVERIFY(!std::filesystem::exists(tmpPath(QStringLiteral("rejected/model.safetensors"))));
    }

    void loadCheckpointDispatches() {
        const Checkpoint cp = randomCheckpoint(tinyConfig(true), 61);
        const std::string file = tmpPath(QStringLiteral("dispatch.bin"));
        writeFile(file, llama2cBytes(cp, 1));
        const auto fromFile = loadCheckpoint(file);
        FP_VERIFY_OK(fromFile);
        QVERIFY(fromFile->sourceDescription.find("llama2.c v1") != std::string::npos);
        const std::string dir = makeHfDir(QStringLiteral("dispatch-hf"), cp);
        const auto fromDir = loadCheckpoint(dir);
        FP_VERIFY_OK(fromDir);
        QVERIFY(fromDir->sourceDescription.find("Hugging Face") != std::string::npos);
        QCOMPARE(loadCheckpoint(tmpPath(QStringLiteral("nothing-here"))).error().code, ErrorCode::NotFound);
    }

private:
    void mutateHfDirectory(const std::string &dir, const QString &mutation) {
        namespace fs = std::filesystem;
        const std::string weights = dir + "/model.safetensors";
        if (mutation == QStringLiteral("truncated weights"))
            writeFile(weights, readFile(weights).left(200));
        if (mutation == QStringLiteral("no weights"))
            fs::remove(weights);
        if (mutation == QStringLiteral("no config"))
            fs::remove(dir + "/config.json");
        if (mutation == QStringLiteral("config not json"))
            writeFile(dir + "/config.json", "{\"model_type\": \"llama\",");
        const std::map<QString, std::function<void(QJsonObject &)>> configEdits{
            {QStringLiteral("missing config field"), [](QJsonObject &c) { c.remove(QStringLiteral("hidden_size")); }},
            {QStringLiteral("mistyped config field"),
             [](QJsonObject &c) { c[QStringLiteral("num_hidden_layers")] = QStringLiteral("2"); }},
            {QStringLiteral("inconsistent heads"),
             [](QJsonObject &c) { c[QStringLiteral("num_key_value_heads")] = 3; }},
            {QStringLiteral("rope scaling"),
             [](QJsonObject &c) {
                 c[QStringLiteral("rope_scaling")] =
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("linear")}, {QStringLiteral("factor"), 2}};
             }},
            {QStringLiteral("other model type"),
             [](QJsonObject &c) { c[QStringLiteral("model_type")] = QStringLiteral("mistral"); }},
            {QStringLiteral("attention bias"), [](QJsonObject &c) { c[QStringLiteral("attention_bias")] = true; }},
        };
        if (const auto it = configEdits.find(mutation); it != configEdits.end())
            editConfig(dir, it->second);
        const std::map<QString, std::pair<QString, QString>> indexes{
            {QStringLiteral("index names a missing shard"),
             {QStringLiteral("model.norm.weight"), QStringLiteral("model-00002-of-00002.safetensors")}},
            {QStringLiteral("index leaves the directory"),
             {QStringLiteral("model.norm.weight"), QStringLiteral("../model.safetensors")}},
            {QStringLiteral("index misplaces a tensor"),
             {QStringLiteral("not.in.the.shard"), QStringLiteral("shard.safetensors")}},
        };
        if (const auto it = indexes.find(mutation); it != indexes.end()) {
            fs::rename(weights, dir + "/shard.safetensors");
            QJsonObject weightMap{{QStringLiteral("model.embed_tokens.weight"), QStringLiteral("shard.safetensors")},
                                  {it->second.first, it->second.second}};
            writeFile(dir + "/model.safetensors.index.json",
                      QJsonDocument(QJsonObject{{QStringLiteral("weight_map"), weightMap}}).toJson());
        }
    }
};

QTEST_APPLESS_MAIN(TestModelFiles)
#include "TestModelFiles.moc"
