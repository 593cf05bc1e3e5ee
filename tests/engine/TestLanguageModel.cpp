// The Llama decoder on the real stories260K model: loading, generation, logits and features.
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Lora.h"
#include "fedpilot/engine/Safetensors.h"
#include "support/ResultChecks.h"
#include "support/SharedData.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace fp;
using namespace fp::engine;

namespace {

constexpr const char *kStories = "models/stories260K/stories260K.bin";
constexpr const char *kPublishedOpening =
    "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw "
    "a big, red ball. She wanted to play with it, but it was too high.";

float maxAbsDiff(const std::vector<float> &a, const std::vector<float> &b) {
    float worst = a.size() == b.size() ? 0.f : INFINITY;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        worst = std::max(worst, std::abs(a[i] - b[i]));
    }
    return worst;
}

} // namespace

class TestLanguageModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void greedyFromBosReproducesThePublishedStory() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        QCOMPARE(model->config().nLayers, 5);
        QCOMPARE(model->parameterCount(), int64_t(260032)); // SOURCE.md; the tied head is counted once
        GenerationOptions options;
        options.maxNewTokens = 80;
        auto text = model->generate("", options);
        FP_VERIFY_OK(text);
        QVERIFY2(text->rfind(kPublishedOpening, 0) == 0, text->c_str());
    }

    void streamingCallbackSeesEveryTokenAndCanStop() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        std::string streamed;
        GenerationOptions options;
        options.maxNewTokens = 50;
        int calls = 0;
        auto text = model->generate("", options, [&](int, const std::string &piece) {
            streamed += piece;
            return ++calls < 10;
        });
        FP_VERIFY_OK(text);
        QCOMPARE(calls, 10);
        QCOMPARE(*text, streamed);
        QVERIFY(streamed.rfind("Once upon a time", 0) == 0);
    }

    void convertedHuggingFaceCopyGivesEqualLogits() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        QTemporaryDir dir;
        FP_VERIFY_OK(convertToHuggingFace(path, "", dir.path().toStdString()));
        for (const char *file : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"}) {
            QVERIFY2(QFile::exists(dir.filePath(QLatin1String(file))), file);
        }
        auto original = LanguageModel::load(path);
        auto converted = LanguageModel::load(dir.path().toStdString());
        FP_VERIFY_OK(original);
        FP_VERIFY_OK(converted);
        const auto tokens = original->tokenizer().encode("Lily and Ben went to the park to fly a kite.", true);
        QCOMPARE(converted->tokenizer().encode("Lily and Ben went to the park to fly a kite.", true), tokens);
        auto a = original->logits(tokens);
        auto b = converted->logits(tokens);
        FP_VERIFY_OK(a);
        FP_VERIFY_OK(b);
        QCOMPARE(a->size(), tokens.size() * 512);
        QVERIFY2(maxAbsDiff(*a, *b) <= 1e-5f, std::to_string(maxAbsDiff(*a, *b)).c_str());
    }

    void kvCacheDecodingMatchesFullForward() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        const auto prompt = model->tokenizer().encode("The little dog", true);
        GenerationOptions options;
        options.maxNewTokens = 24;
        options.stopAtEos = false;
        auto generated = model->generateTokens(prompt, options);
        FP_VERIFY_OK(generated);
        QCOMPARE(generated->size(), size_t(24));
        auto all = prompt;
        all.insert(all.end(), generated->begin(), generated->end());
        auto logits = model->logits(all);
        FP_VERIFY_OK(logits);
        for (size_t i = 0; i < generated->size(); ++i) {
            const float *row = logits->data() + (prompt.size() - 1 + i) * 512;
            QCOMPARE(int(std::max_element(row, row + 512) - row), (*generated)[i]);
        }
    }

    void fastCpuDecoderAgreesWithTheTorchPath() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        GenerationOptions options;
        options.maxNewTokens = 120;
        options.stopAtEos = false;
        const auto prompt = model->tokenizer().encode("Tim and Sue", true);
        auto fast = model->generateTokens(prompt, options);
        options.backend = GenerationOptions::Backend::Torch;
        auto reference = model->generateTokens(prompt, options);
        FP_VERIFY_OK(fast);
        FP_VERIFY_OK(reference);
        QCOMPARE(*fast, *reference);
    }

    void samplingIsSeededAndRespectsTopP() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        GenerationOptions options;
        options.maxNewTokens = 30;
        options.temperature = 1.0f;
        options.topP = 0.9f;
        options.seed = 7;
        auto first = model->generate("", options);
        auto again = model->generate("", options);
        options.seed = 8;
        auto other = model->generate("", options);
        FP_VERIFY_OK(first);
        QCOMPARE(*again, *first);
        QVERIFY(*other != *first);
        options.topP = 1e-6f; // only the most likely token survives: greedy
        options.temperature = 0.7f;
        GenerationOptions greedy;
        greedy.maxNewTokens = 30;
        QCOMPARE(*model->generate("", options), *model->generate("", greedy));
    }

    void featuresHaveOneHiddenStatePerLayerAndIgnorePadding() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        const auto shortSeq = model->tokenizer().encode("A cat.", true);
        const auto longSeq = model->tokenizer().encode("Tom had a big red truck and he loved it very much.", true);
        auto batched = model->lastTokenFeatures({shortSeq, longSeq}, 2);
        auto single = model->lastTokenFeatures({shortSeq}, 1);
        FP_VERIFY_OK(batched);
        FP_VERIFY_OK(single);
        QCOMPARE(batched->size(), size_t(2));
        QCOMPARE((*batched)[0].size(), size_t((5 + 1) * 64));
        QVERIFY(maxAbsDiff((*batched)[0], (*single)[0]) <= 1e-5f);
        // The first block is the embedding of the last token; the last block is the final-normed state.
        QVERIFY(maxAbsDiff((*batched)[0], (*batched)[1]) > 1e-3f);
    }

    // The CPU extractor (LoRA merged, equal-length batches, last layer on the last token) against LibTorch's
    // forward over padded batches, with trained-like adapters on every module: mixed lengths (1, 2, repeated
    // ones, the batch limit crossed), original order kept. fp32 rounding only: within 2e-5 of the features'
    // largest magnitude.
    void cpuFeatureExtractorAgreesWithTheTorchPath() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        FP_VERIFY_OK(model->attachLora(LoraConfig{}, 3));
        auto adapter = model->adapterTensors();
        int k = 0;
        for (auto &[name, tensor] : adapter) { // B starts at zero: give every B deterministic values
            auto values = tensor.toFloat32();
            for (auto &v : values) {
                v = name.find("lora_B") != std::string::npos ? 0.05f * float(std::sin(0.37 * ++k)) : v;
            }
            tensor = RawTensor::fromFloat32(tensor.shape, values.data());
        }
        FP_VERIFY_OK(model->setAdapterTensors(adapter));
        const auto &tok = model->tokenizer();
        const auto story = tok.encode(kPublishedOpening, true);
        std::vector<std::vector<int>> sequences = {
            tok.encode("A cat.", true), {1}, std::vector<int>(story.begin(), story.begin() + 2)};
        for (size_t n : {40, 17, 40, 40, 40, 40, 17, 40}) {
            sequences.emplace_back(story.begin(), story.begin() + long(n));
            sequences.back().back() = int(100 + sequences.size()); // distinct sequences of the same length
        }
        auto fast = model->lastTokenFeatures(sequences, 3);
        auto reference = model->lastTokenFeatures(sequences, 3, FeatureBackend::Torch);
        FP_VERIFY_OK(fast);
        FP_VERIFY_OK(reference);
        QCOMPARE(fast->size(), sequences.size());
        float scale = 0.f, worst = 0.f;
        for (size_t i = 0; i < sequences.size(); ++i) {
            QCOMPARE((*fast)[i].size(), size_t((5 + 1) * 64));
            for (float v : (*reference)[i]) {
                scale = std::max(scale, std::abs(v));
            }
            worst = std::max(worst, maxAbsDiff((*fast)[i], (*reference)[i]));
        }
        QVERIFY2(worst <= 2e-5f * scale, qPrintable(QStringLiteral("max |diff| %1, scale %2").arg(worst).arg(scale)));
        QVERIFY(maxAbsDiff((*fast)[3], (*fast)[5]) > 1e-3f); // rows are not mixed up within a batch
        model->detachLora();
        auto plain = model->lastTokenFeatures(sequences, 3);
        FP_VERIFY_OK(plain);
        QVERIFY(maxAbsDiff((*plain)[3], (*fast)[3]) > 1e-3f); // the adapters do matter
    }

    void featuresRejectBadSequences() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        for (auto backend : {FeatureBackend::Auto, FeatureBackend::Torch}) {
            FP_VERIFY_ERROR(model->lastTokenFeatures({{1, 2}, {}}, 2, backend), ErrorCode::InvalidArgument,
                            "sequence 1 is empty");
            FP_VERIFY_ERROR(model->lastTokenFeatures({{1, 512}}, 2, backend), ErrorCode::InvalidArgument, "512");
            FP_VERIFY_ERROR(model->lastTokenFeatures({std::vector<int>(513, 1)}, 2, backend),
                            ErrorCode::InvalidArgument, "context 512");
            FP_VERIFY_ERROR(model->lastTokenFeatures({{1}}, 0, backend), ErrorCode::InvalidArgument, "batch size");
        }
    }

    void rejectsBadRequests() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        GenerationOptions options;
        options.maxNewTokens = 600;
        FP_VERIFY_ERROR(model->generateTokens({1}, options), ErrorCode::InvalidArgument, "context of 512");
        options.maxNewTokens = 4;
        FP_VERIFY_ERROR(model->generateTokens({1, 9999}, options), ErrorCode::InvalidArgument, "9999");
        FP_VERIFY_ERROR(model->generateTokens({}, options), ErrorCode::InvalidArgument, "no tokens");
        FP_VERIFY_ERROR(model->logits({}), ErrorCode::InvalidArgument, "no tokens");
    }

    void missingOrMismatchedFilesAreReported() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        FP_VERIFY_ERROR(LanguageModel::load("/nonexistent/model.bin"), ErrorCode::NotFound, "/nonexistent/model.bin");
        QTemporaryDir dir;
        FP_VERIFY_OK(convertToHuggingFace(path, "", dir.path().toStdString()));
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("tokenizer.json"))));
        FP_VERIFY_ERROR(LanguageModel::load(dir.path().toStdString()), ErrorCode::NotFound, "tokenizer.json");
        // A lone checkpoint without any tokenizer beside it.
        QTemporaryDir lone;
        QVERIFY(QFile::copy(QString::fromStdString(path), lone.filePath(QStringLiteral("model.bin"))));
        FP_VERIFY_ERROR(LanguageModel::load(lone.filePath(QStringLiteral("model.bin")).toStdString()),
                        ErrorCode::NotFound, "--tokenizer");
    }
};

QTEST_APPLESS_MAIN(TestLanguageModel)
#include "TestLanguageModel.moc"
