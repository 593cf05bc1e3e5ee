// LoRA adapters and the training step on the real stories260K model.
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/LoraTrainer.h"
#include "support/ResultChecks.h"
#include "support/SharedData.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace fp;
using namespace fp::engine;

namespace {

constexpr const char *kStories = "models/stories260K/stories260K.bin";

InstructionSample catStory() {
    return {"Write a short story about a cat.", "", "Tom the cat liked to sleep in the sun. One day he found a fish.",
            "story"};
}

InstructionSample colorQuestion() {
    return {"What color is the ball?", "Lily has a big red ball.", "The ball is red.", "qa"};
}

LoraConfig noDropout() {
    LoraConfig config;
    config.dropout = 0.f;
    return config;
}

bool sameBytes(const TensorMap &a, const TensorMap &b) { return a == b; }

} // namespace

class TestLoraTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureThreads(0); }

    void promptIsMaskedAndResponseCarriesLoss() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        const auto encoded = encodeForTraining(model->tokenizer(), colorQuestion(), 0);
        QCOMPARE(encoded.tokens.front(), model->tokenizer().bosId());
        QCOMPARE(encoded.tokens.back(), model->tokenizer().eosId());
        QCOMPARE(encoded.labels.size(), encoded.tokens.size());
        const auto promptLength = model->tokenizer().encode(alpacaPrompt(colorQuestion()), true).size();
        QCOMPARE(encoded.labels[promptLength - 1], EncodedSample::kIgnoreLabel);
        QCOMPARE(encoded.labels[promptLength], encoded.tokens[promptLength]);
        QCOMPARE(encoded.responseTokens(), int(encoded.tokens.size() - promptLength));
        QVERIFY(alpacaPrompt(colorQuestion()).find("### Input:\nLily has a big red ball.") != std::string::npos);
        QVERIFY(alpacaPrompt(catStory()).find("### Input:") == std::string::npos);
        QCOMPARE(encodeForTraining(model->tokenizer(), colorQuestion(), 10).tokens.size(), size_t(10));
    }

    void freshAdaptersLeaveLogitsUnchanged() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        const auto tokens = model->tokenizer().encode("Once upon a time", true);
        const auto before = model->logits(tokens);
        FP_VERIFY_OK(model->attachLora(LoraConfig{}, 1));
        QCOMPARE(model->loraParameterCount(), int64_t(5 * 8 * (128 + 96 + 96 + 128 + 236 + 236 + 236)));
        // B = 0: the adapter adds exact zeros; only the summation order of the fused matmuls may differ.
        const auto after = *model->logits(tokens);
        QCOMPARE(after.size(), before->size());
        for (size_t i = 0; i < after.size(); ++i) {
            QVERIFY2(std::abs(after[i] - (*before)[i]) <= 1e-5f, qPrintable(QString::number(after[i] - (*before)[i])));
        }
    }

    void fewStepsOnOneSampleCutItsLossSharply() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        const auto sample = encodeForTraining(model->tokenizer(), catStory(), 0);
        const auto baseLogits = model->logits(sample.tokens);
        FP_VERIFY_OK(model->attachLora(LoraConfig{}, 1));
        TrainOptions options;
        options.learningRate = 1e-2f;
        auto trainer = LoraTrainer::create(*model, options);
        FP_VERIFY_OK(trainer);
        auto first = trainer->step({sample});
        FP_VERIFY_OK(first);
        StepStats last = *first;
        for (int i = 0; i < 30; ++i) {
            auto s = trainer->step({sample});
            FP_VERIFY_OK(s);
            last = *s;
        }
        qInfo("loss %.3f -> %.3f after %lld steps", first->loss, last.loss, (long long)trainer->stepsTaken());
        QVERIFY(first->lossTokens == sample.responseTokens());
        QVERIFY2(last.loss < 0.25 * first->loss, qPrintable(QString::number(last.loss)));
        // Only the adapters changed: without them the model computes what it did before.
        QVERIFY(*model->logits(sample.tokens) != *baseLogits);
        model->detachLora();
        QCOMPARE(*model->logits(sample.tokens), *baseLogits);
    }

    void paddedBatchLossIsTheTokenWeightedMean() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        const auto a = encodeForTraining(model->tokenizer(), catStory(), 0);
        const auto b = encodeForTraining(model->tokenizer(), colorQuestion(), 0);
        const double la = *model->loss({a.tokens}, {a.labels});
        const double lb = *model->loss({b.tokens}, {b.labels});
        const double both = *model->loss({a.tokens, b.tokens}, {a.labels, b.labels});
        const double expected =
            (la * a.responseTokens() + lb * b.responseTokens()) / (a.responseTokens() + b.responseTokens());
        QVERIFY2(std::abs(both - expected) < 1e-4, qPrintable(QString::number(both - expected)));
        FP_VERIFY_OK(model->attachLora(noDropout(), 3));
        auto trainer = LoraTrainer::create(*model, {});
        auto stats = trainer->step({a, b});
        FP_VERIFY_OK(stats);
        QVERIFY(std::abs(stats->loss - expected) < 1e-4);
        QCOMPARE(stats->inputTokens, int64_t(a.tokens.size() + b.tokens.size()));
    }

    void peftSaveThenLoadReproducesLogitsExactly() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        FP_VERIFY_OK(model->attachLora(LoraConfig{}, 5));
        TrainOptions fastLearning;
        fastLearning.learningRate = 1e-2f;
        auto trainer = LoraTrainer::create(*model, fastLearning);
        const auto sample = encodeForTraining(model->tokenizer(), catStory(), 0);
        for (int i = 0; i < 10; ++i) {
            FP_VERIFY_OK(trainer->step({sample}));
        }
        QTemporaryDir dir;
        FP_VERIFY_OK(model->saveAdapter(dir.path().toStdString()));
        QFile configFile(dir.filePath(QStringLiteral("adapter_config.json")));
        QVERIFY(configFile.open(QIODevice::ReadOnly));
        const auto config = QJsonDocument::fromJson(configFile.readAll()).object();
        QCOMPARE(config.value(QStringLiteral("peft_type")).toString(), QStringLiteral("LORA"));
        QCOMPARE(config.value(QStringLiteral("r")).toInt(), 8);
        QCOMPARE(config.value(QStringLiteral("lora_alpha")).toDouble(), 16.0);
        const auto tensors = readSafetensors(dir.filePath(QStringLiteral("adapter_model.safetensors")).toStdString());
        FP_VERIFY_OK(tensors);
        QVERIFY(tensors->contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"));
        QVERIFY(tensors->contains("base_model.model.model.layers.4.mlp.down_proj.lora_B.weight"));
        QCOMPARE(tensors->at("base_model.model.model.layers.0.self_attn.k_proj.lora_B.weight").shape,
                 (std::vector<int64_t>{32, 8}));

        auto reloaded = LanguageModel::load(path);
        FP_VERIFY_OK(reloaded);
        FP_VERIFY_OK(reloaded->loadAdapter(dir.path().toStdString()));
        QCOMPARE(reloaded->loraConfig(), model->loraConfig());
        QCOMPARE(*reloaded->logits(sample.tokens), *model->logits(sample.tokens));

        // Generation merges the adapters into the weights on the fast CPU path: same tokens as LibTorch.
        GenerationOptions options;
        options.maxNewTokens = 40;
        options.stopAtEos = false;
        const auto prompt = model->tokenizer().encode(alpacaPrompt(catStory()), true);
        auto fast = reloaded->generateTokens(prompt, options);
        options.backend = GenerationOptions::Backend::Torch;
        auto reference = reloaded->generateTokens(prompt, options);
        FP_VERIFY_OK(fast);
        QCOMPARE(*fast, *reference);
        model->detachLora();
        QVERIFY(*model->generateTokens(prompt, options) != *reference); // the adapters do matter
    }

    void badAdapterFilesAreRejectedAndCurrentAdaptersKept() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        FP_VERIFY_OK(model->attachLora(LoraConfig{}, 5));
        auto trainer = LoraTrainer::create(*model, {});
        FP_VERIFY_OK(trainer->step({encodeForTraining(model->tokenizer(), catStory(), 0)}));
        const auto tensorsBefore = model->adapterTensors();
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        FP_VERIFY_OK(model->saveAdapter(d));
        const auto rewriteConfig = [&](const QByteArray &from, const QByteArray &to) {
            QFile f(dir.filePath(QStringLiteral("adapter_config.json")));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray text = f.readAll();
            f.close();
            QVERIFY(text.contains(from));
            text.replace(from, to);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        };
        rewriteConfig("\"r\": 8", "\"r\": 4");
        FP_VERIFY_ERROR(model->loadAdapter(d), ErrorCode::BadFormat, "shape");
        rewriteConfig("\"r\": 4", "\"r\": 8");
        rewriteConfig("\"use_dora\": false", "\"use_dora\": true");
        FP_VERIFY_ERROR(model->loadAdapter(d), ErrorCode::Unsupported, "use_dora");
        rewriteConfig("\"use_dora\": true", "\"use_dora\": false");
        rewriteConfig("\"LORA\"", "\"IA3\"");
        FP_VERIFY_ERROR(model->loadAdapter(d), ErrorCode::Unsupported, "IA3");
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("adapter_model.safetensors"))));
        FP_VERIFY_ERROR(model->loadAdapter(d), ErrorCode::Unsupported, "IA3");
        rewriteConfig("\"IA3\"", "\"LORA\"");
        FP_VERIFY_ERROR(model->loadAdapter(d), ErrorCode::NotFound, "adapter_model.safetensors");
        QVERIFY(sameBytes(model->adapterTensors(), tensorsBefore));
    }

    void nonFiniteLossSkipsTheUpdate() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        FP_VERIFY_OK(model->attachLora(noDropout(), 5));
        auto tensors = model->adapterTensors();
        auto &a = tensors.at("base_model.model.model.layers.2.mlp.up_proj.lora_A.weight");
        auto values = a.toFloat32();
        values[0] = NAN;
        a = RawTensor::fromFloat32(a.shape, values.data());
        auto &b = tensors.at("base_model.model.model.layers.2.mlp.up_proj.lora_B.weight");
        std::vector<float> ones(size_t(b.numel()), 1.f);
        b = RawTensor::fromFloat32(b.shape, ones.data());
        FP_VERIFY_OK(model->setAdapterTensors(tensors));
        auto trainer = LoraTrainer::create(*model, {});
        auto stats = trainer->step({encodeForTraining(model->tokenizer(), catStory(), 0)});
        FP_VERIFY_OK(stats);
        QVERIFY(stats->skipped);
        QVERIFY(std::isnan(stats->loss));
        QVERIFY(sameBytes(model->adapterTensors(), tensors));
    }

    void trainingIsReproducibleFromTheSeed() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        TensorMap results[2];
        for (auto &result : results) {
            auto model = LanguageModel::load(path);
            FP_VERIFY_OK(model);
            FP_VERIFY_OK(model->attachLora(LoraConfig{}, 11)); // dropout 0.05: masks come from the seed
            TrainOptions options;
            options.seed = 4;
            options.clipGradNorm = 1.f;
            auto trainer = LoraTrainer::create(*model, options);
            for (int i = 0; i < 3; ++i) {
                FP_VERIFY_OK(trainer->step({encodeForTraining(model->tokenizer(), colorQuestion(), 0)}));
            }
            result = model->adapterTensors();
        }
        QVERIFY(sameBytes(results[0], results[1]));
    }

    void rejectsBadTrainingInput() {
        FP_REQUIRE_SHARED_FILE(path, kStories);
        auto model = LanguageModel::load(path);
        FP_VERIFY_OK(model);
        FP_VERIFY_ERROR(LoraTrainer::create(*model, {}), ErrorCode::InvalidArgument, "attach LoRA");
        LoraConfig bad;
        bad.targetModules = {"q_proj", "qkv_proj"};
        FP_VERIFY_ERROR(model->attachLora(bad, 1), ErrorCode::InvalidArgument, "qkv_proj");
        FP_VERIFY_OK(model->attachLora(LoraConfig{}, 1));
        TrainOptions negative;
        negative.learningRate = -1.f;
        FP_VERIFY_ERROR(LoraTrainer::create(*model, negative), ErrorCode::InvalidArgument, "learning rate");
        auto trainer = LoraTrainer::create(*model, {});
        FP_VERIFY_ERROR(trainer->step({}), ErrorCode::InvalidArgument, "empty batch");
        EncodedSample promptOnly = encodeForTraining(model->tokenizer(), catStory(), 0);
        std::fill(promptOnly.labels.begin(), promptOnly.labels.end(), EncodedSample::kIgnoreLabel);
        FP_VERIFY_ERROR(trainer->step({promptOnly}), ErrorCode::InvalidArgument, "no sample has response");
        EncodedSample tooLong;
        tooLong.tokens.assign(600, 5);
        tooLong.labels.assign(600, 5);
        FP_VERIFY_ERROR(trainer->step({tooLong}), ErrorCode::InvalidArgument, "context of 512");
    }
};

QTEST_APPLESS_MAIN(TestLoraTraining)
#include "TestLoraTraining.moc"
