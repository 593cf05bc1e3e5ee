#include "fedpilot/engine/LanguageModel.h"

#include "fedpilot/engine/Instruction.h"
#include "model/CpuFeatures.h"

#include "fedpilot/engine/PeftAdapter.h"
#include "model/Guard.h"
#include "model/ModelState.h"

#include <algorithm>
#include <filesystem>
#include <numeric>

namespace fp::engine {

namespace detail {
torch::Tensor padBatch(const std::vector<std::vector<int>> &rows, int padId, torch::Device device) {
    size_t longest = 0;
    for (const auto &r : rows) {
        longest = std::max(longest, r.size());
    }
    auto batch = torch::full({int64_t(rows.size()), int64_t(longest)}, int64_t(padId), torch::kLong);
    auto *data = batch.data_ptr<int64_t>();
    for (size_t i = 0; i < rows.size(); ++i) {
        std::copy(rows[i].begin(), rows[i].end(), data + i * longest);
    }
    return batch.to(device);
}
} // namespace detail

LanguageModel::LanguageModel(std::unique_ptr<State> state) : m_state(std::move(state)) {}
LanguageModel::LanguageModel(LanguageModel &&) noexcept = default;
LanguageModel &LanguageModel::operator=(LanguageModel &&) noexcept = default;
LanguageModel::~LanguageModel() = default;

namespace {

// The decoder of a checkpoint, spent (moved in: its tensors are freed as they are converted) or not.
template <typename CheckpointRef>
Result<detail::LlamaModel> buildModel(CheckpointRef &&checkpoint, const Tokenizer &tokenizer,
                                      const ModelOptions &options) {
    if (tokenizer.kind() != Tokenizer::Kind::Empty && tokenizer.vocabSize() != checkpoint.config.vocabSize) {
        return fail(ErrorCode::InvalidArgument, checkpoint.sourceDescription + ": the tokenizer has " +
                                                    std::to_string(tokenizer.vocabSize()) + " tokens, the model " +
                                                    std::to_string(checkpoint.config.vocabSize));
    }
    return detail::LlamaModel::fromCheckpoint(std::forward<CheckpointRef>(checkpoint),
                                              detail::torchDevice(options.device),
                                              detail::computeDtype(options.device));
}

} // namespace

Result<LanguageModel> LanguageModel::fromCheckpoint(const Checkpoint &checkpoint, Tokenizer tokenizer,
                                                    const ModelOptions &options) {
    auto model = buildModel(checkpoint, tokenizer, options);
    if (!model) {
        return std::unexpected(model.error());
    }
    auto state = std::make_unique<State>();
    state->model = std::move(*model);
    state->tokenizer = std::move(tokenizer);
    state->source = checkpoint.sourceDescription;
    state->device = options.device;
    return LanguageModel(std::move(state));
}

Result<LanguageModel> LanguageModel::load(const std::string &path, const ModelOptions &options) {
    auto checkpoint = loadCheckpoint(path);
    if (!checkpoint) {
        return std::unexpected(checkpoint.error());
    }
    auto tokenizer = loadTokenizerFor(path, options.tokenizerPath, checkpoint->config.vocabSize);
    if (!tokenizer) {
        return std::unexpected(tokenizer.error());
    }
    const std::string source = checkpoint->sourceDescription;
    auto model = buildModel(std::move(*checkpoint), *tokenizer, options); // spent: the peak stays near one model
    if (!model) {
        return std::unexpected(model.error());
    }
    auto state = std::make_unique<State>();
    state->model = std::move(*model);
    state->tokenizer = std::move(*tokenizer);
    state->source = source;
    state->device = options.device;
    return LanguageModel(std::move(state));
}

Result<LanguageModel> LanguageModel::randomInit(const LlamaConfig &config, uint64_t seed, const ModelOptions &options) {
    if (auto ok = config.validate(); !ok) {
        return std::unexpected(ok.error());
    }
    return detail::guarded("random model", [&]() -> Result<LanguageModel> {
        torch::manual_seed(seed);
        Checkpoint checkpoint;
        checkpoint.config = config;
        checkpoint.sourceDescription = "random Llama (dim " + std::to_string(config.dim) + ", " +
                                       std::to_string(config.nLayers) + " layers, seed " + std::to_string(seed) + ")";
        for (const auto &spec : llamaTensorSpecs(config)) {
            const bool isNorm = spec.shape.size() == 1;
            auto t = isNorm ? torch::ones(spec.shape) : torch::randn(spec.shape) * 0.02;
            checkpoint.tensors[spec.name] = detail::fromTorch(t);
        }
        return fromCheckpoint(checkpoint, Tokenizer(), options);
    });
}

const LlamaConfig &LanguageModel::config() const { return m_state->model.config(); }
const Tokenizer &LanguageModel::tokenizer() const { return m_state->tokenizer; }
Device LanguageModel::device() const { return m_state->device; }
int64_t LanguageModel::parameterCount() const { return m_state->model.parameterCount(); }
const std::string &LanguageModel::sourceDescription() const { return m_state->source; }
detail::LlamaModel &LanguageModel::impl() { return m_state->model; }
const detail::LlamaModel &LanguageModel::impl() const { return m_state->model; }

Result<std::vector<float>> LanguageModel::logits(const std::vector<int> &tokens) const {
    if (tokens.empty()) {
        return fail(ErrorCode::InvalidArgument, "logits: no tokens");
    }
    return detail::guarded("logits", [&]() -> Result<std::vector<float>> {
        c10::InferenceMode inference;
        const auto batch = detail::padBatch({tokens}, 0, m_state->model.device());
        const auto out = m_state->model.forward(batch, {}).to(torch::kCPU).contiguous();
        return std::vector<float>(out.data_ptr<float>(), out.data_ptr<float>() + out.numel());
    });
}

Result<double> LanguageModel::loss(const std::vector<std::vector<int>> &tokens,
                                   const std::vector<std::vector<int>> &labels) const {
    if (tokens.empty() || tokens.size() != labels.size()) {
        return fail(ErrorCode::InvalidArgument, "loss: need as many label rows as token rows");
    }
    return detail::guarded("loss", [&]() -> Result<double> {
        c10::InferenceMode inference;
        const auto &model = m_state->model;
        const auto input = detail::padBatch(tokens, 0, model.device());
        const auto target = detail::padBatch(labels, EncodedSample::kIgnoreLabel, model.device());
        return detail::responseLoss(model, input, target, false).item<double>();
    });
}

namespace {

// Checks every sequence before any work: not empty, token ids in the vocabulary, no longer than the context.
Result<void> checkFeatureSequences(const std::vector<std::vector<int>> &sequences, const LlamaConfig &config) {
    for (size_t i = 0; i < sequences.size(); ++i) {
        const auto &s = sequences[i];
        if (s.empty()) {
            return fail(ErrorCode::InvalidArgument, "features: sequence " + std::to_string(i) + " is empty");
        }
        if (int64_t(s.size()) > config.maxSeqLen) {
            return fail(ErrorCode::InvalidArgument, "features: sequence " + std::to_string(i) + " has " +
                                                        std::to_string(s.size()) + " tokens, the model's context " +
                                                        std::to_string(config.maxSeqLen));
        }
        for (const int t : s) {
            if (t < 0 || t >= config.vocabSize) {
                return fail(ErrorCode::InvalidArgument, "features: sequence " + std::to_string(i) + " holds token id " +
                                                            std::to_string(t) + ", outside the vocabulary (0.." +
                                                            std::to_string(config.vocabSize - 1) + ")");
            }
        }
    }
    return {};
}

// LibTorch's forward over right-padded batches of batchSize in the given order (what CUDA runs).
std::vector<std::vector<float>> torchFeatures(const detail::LlamaModel &model,
                                              const std::vector<std::vector<int>> &sequences, size_t batchSize) {
    std::vector<std::vector<float>> features;
    features.reserve(sequences.size());
    for (size_t begin = 0; begin < sequences.size(); begin += batchSize) {
        const size_t end = std::min(sequences.size(), begin + batchSize);
        std::vector<std::vector<int>> rows(sequences.begin() + long(begin), sequences.begin() + long(end));
        std::vector<int64_t> last;
        for (const auto &r : rows) {
            last.push_back(int64_t(r.size()) - 1);
        }
        torch::Tensor out;
        detail::ForwardOptions options;
        options.captureAt = &last;
        options.features = &out;
        options.computeLogits = false;
        model.forward(detail::padBatch(rows, 0, model.device()), options);
        out = out.to(torch::kCPU).contiguous();
        for (int64_t i = 0; i < out.size(0); ++i) {
            const float *row = out[i].data_ptr<float>();
            features.emplace_back(row, row + out.size(1));
        }
    }
    return features;
}

} // namespace

Result<std::vector<std::vector<float>>> LanguageModel::lastTokenFeatures(const std::vector<std::vector<int>> &sequences,
                                                                         int batchSize, FeatureBackend backend) const {
    if (batchSize <= 0) {
        return fail(ErrorCode::InvalidArgument, "features: batch size must be positive");
    }
    const auto &model = m_state->model;
    if (auto ok = checkFeatureSequences(sequences, model.config()); !ok) {
        return std::unexpected(ok.error());
    }
    return detail::guarded("feature extraction", [&]() -> Result<std::vector<std::vector<float>>> {
        c10::InferenceMode inference;
        auto extractor = backend == FeatureBackend::Auto ? detail::CpuFeatureExtractor::create(model) : std::nullopt;
        if (extractor) {
            return extractor->features(sequences, size_t(batchSize));
        }
        return torchFeatures(model, sequences, size_t(batchSize));
    });
}

Result<void> LanguageModel::attachLora(const LoraConfig &config, uint64_t seed) {
    return detail::guarded("attaching LoRA", [&]() -> Result<void> {
        return m_state->model.lora().attach(config, m_state->model.config(), m_state->model.device(), seed);
    });
}

void LanguageModel::detachLora() { m_state->model.lora().detach(); }
bool LanguageModel::hasLora() const { return m_state->model.lora().active(); }
const LoraConfig &LanguageModel::loraConfig() const { return m_state->model.lora().config(); }
int64_t LanguageModel::loraParameterCount() const { return m_state->model.lora().parameterCount(); }

TensorMap LanguageModel::adapterTensors() const { return m_state->model.lora().exportPeft(); }

Result<void> LanguageModel::setAdapterTensors(const TensorMap &tensors) {
    if (!hasLora()) {
        return fail(ErrorCode::InvalidArgument, "setting adapter tensors: no LoRA adapters are attached");
    }
    return detail::guarded("setting adapter tensors",
                           [&]() -> Result<void> { return m_state->model.lora().importPeft(tensors, "adapter"); });
}

Result<void> LanguageModel::saveAdapter(const std::string &dir) const {
    if (!hasLora()) {
        return fail(ErrorCode::InvalidArgument, "save adapter: no LoRA adapters are attached");
    }
    return writePeftAdapter(dir, PeftAdapter{loraConfig(), adapterTensors()}, m_state->source);
}

Result<void> LanguageModel::loadAdapter(const std::string &dir) {
    auto adapter = readPeftAdapter(dir);
    if (!adapter) {
        return std::unexpected(adapter.error());
    }
    const std::string weights = dir + "/adapter_model.safetensors";
    const auto *config = &adapter->config;
    const auto *tensors = &adapter->tensors;
    // Build the new adapters aside and swap them in only when complete, so a bad file leaves the
    // current adapters untouched.
    return detail::guarded("loading adapter " + dir, [&]() -> Result<void> {
        auto &model = m_state->model;
        detail::LoraState fresh;
        if (auto ok = fresh.attach(*config, model.config(), model.device(), 0); !ok) {
            return std::unexpected(ok.error().withContext(dir + "/adapter_config.json"));
        }
        if (auto ok = fresh.importPeft(*tensors, weights); !ok) {
            return ok;
        }
        model.lora() = std::move(fresh);
        return {};
    });
}

} // namespace fp::engine
