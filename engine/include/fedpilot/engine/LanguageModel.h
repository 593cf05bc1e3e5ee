#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Lora.h"
#include "fedpilot/engine/ModelFiles.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/engine/Tokenizer.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fp::engine {

namespace detail {
class LlamaModel;
}

struct ModelOptions {
    Device device = Device::Cpu;
    // Tokenizer file for a llama2.c checkpoint; empty: tokenizer.bin beside the checkpoint, else the one
    // tok*.bin there whose vocabulary matches. Hugging Face directories use their tokenizer.json.
    std::string tokenizerPath;
};

struct GenerationOptions {
    int maxNewTokens = 128;
    float temperature = 0.f; // 0: greedy
    float topP = 1.f;        // nucleus sampling when < 1 (with temperature > 0)
    uint64_t seed = 0;
    bool stopAtEos = true;
    // Auto: on CPU with fp32 weights, a decoder on raw buffers (LoRA merged into the weights) that avoids
    // per-operation framework overhead; elsewhere LibTorch with a KV cache. Torch: always the LibTorch path
    // (what CUDA runs), for comparisons and tests.
    enum class Backend { Auto, Torch } backend = Backend::Auto;
};

// Auto: on CPU with fp32 weights, an extractor on reused raw buffers (LoRA merged into the weights, batches of
// equal-length sequences, the last layer on the last token only); elsewhere LibTorch's forward over right-padded
// batches. Torch: always the LibTorch path (what CUDA runs), for comparisons and tests. Both give the same
// features up to float rounding.
enum class FeatureBackend { Auto, Torch };

// Called with each generated token and its text; return false to stop early.
using TokenCallback = std::function<bool(int token, const std::string &text)>;

// A Llama-family causal LM with optional LoRA adapters, on CPU (fp32) or CUDA (bf16 weights, fp32 adapters).
// Move-only. Not thread-safe: use one model per thread, or serialise calls.
class LanguageModel {
public:
    // Loads a Hugging Face directory or a llama2.c checkpoint file and its tokenizer.
    // Errors: those of loadCheckpoint and the tokenizer loaders, with the path; InvalidArgument when the
    // tokenizer's vocabulary does not match the model's.
    static Result<LanguageModel> load(const std::string &path, const ModelOptions &options = {});
    // A model from tensors in memory (tests, converted or randomly initialised checkpoints).
    static Result<LanguageModel> fromCheckpoint(const Checkpoint &checkpoint, Tokenizer tokenizer,
                                                const ModelOptions &options = {});
    // A randomly initialised model (normal(0, 0.02) weights, unit norms), for benchmarks; no tokenizer.
    static Result<LanguageModel> randomInit(const LlamaConfig &config, uint64_t seed, const ModelOptions &options = {});

    LanguageModel(LanguageModel &&) noexcept;
    LanguageModel &operator=(LanguageModel &&) noexcept;
    ~LanguageModel();

    [[nodiscard]] const LlamaConfig &config() const;
    [[nodiscard]] const Tokenizer &tokenizer() const;
    [[nodiscard]] Device device() const;
    [[nodiscard]] int64_t parameterCount() const;
    [[nodiscard]] const std::string &sourceDescription() const;

    // Continues prompt tokens (KV cache, greedy or sampled) and returns the new tokens (without EOS).
    // Errors: InvalidArgument (empty prompt, token out of range, prompt + maxNewTokens beyond the
    // model's context), Runtime (backend failure).
    Result<std::vector<int>> generateTokens(const std::vector<int> &prompt, const GenerationOptions &options,
                                            const TokenCallback &onToken = {}) const;
    // Encodes text (BOS + text), generates and decodes. Errors as generateTokens.
    Result<std::string> generate(std::string_view prompt, const GenerationOptions &options,
                                 const TokenCallback &onToken = {}) const;

    // Logits of every position for one token sequence, row-major [tokens.size(), vocabSize].
    Result<std::vector<float>> logits(const std::vector<int> &tokens) const;

    // Mean cross-entropy over the response positions of each sample (labels kIgnoreLabel skipped), no grad.
    Result<double> loss(const std::vector<std::vector<int>> &tokens, const std::vector<std::vector<int>> &labels) const;

    // For each sequence, the hidden state at its last token of the embedding output and of every layer
    // (the last one after the final norm, like Hugging Face's output_hidden_states), concatenated:
    // (nLayers + 1) * dim floats per sequence. Runs in batches of batchSize, no grad. Errors: InvalidArgument for
    // an empty sequence, a token id outside the vocabulary or a sequence longer than the model's context.
    Result<std::vector<std::vector<float>>> lastTokenFeatures(const std::vector<std::vector<int>> &sequences,
                                                              int batchSize = 8,
                                                              FeatureBackend backend = FeatureBackend::Auto) const;

    // --- LoRA ---
    // Attaches fresh adapters (replacing any). Errors: InvalidArgument for a bad config.
    Result<void> attachLora(const LoraConfig &config, uint64_t seed);
    void detachLora();
    [[nodiscard]] bool hasLora() const;
    [[nodiscard]] const LoraConfig &loraConfig() const;
    [[nodiscard]] int64_t loraParameterCount() const;
    // The adapter tensors under PEFT names (fp32), e.g. for aggregation; empty without adapters.
    [[nodiscard]] TensorMap adapterTensors() const;
    // Overwrites the attached adapters. Errors: NotFound/BadFormat naming the tensor.
    Result<void> setAdapterTensors(const TensorMap &tensors);
    // PEFT layout: adapter_model.safetensors + adapter_config.json in dir (created). Errors: Io.
    Result<void> saveAdapter(const std::string &dir) const;
    // Reads a PEFT adapter directory and attaches it. Errors: NotFound, BadFormat (shapes, config),
    // Unsupported (bias, modules_to_save, fan_in_fan_out, other PEFT types).
    Result<void> loadAdapter(const std::string &dir);

    // Engine-internal access for the trainer.
    [[nodiscard]] detail::LlamaModel &impl();
    [[nodiscard]] const detail::LlamaModel &impl() const;

private:
    struct State;
    explicit LanguageModel(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// Writes a checkpoint (llama2.c file or Hugging Face dir) and its tokenizer as a Hugging Face directory
// (config.json, model.safetensors, tokenizer.json, ...). Errors: those of loading and saving.
Result<void> convertToHuggingFace(const std::string &source, const std::string &tokenizerPath,
                                  const std::string &outDir);

// The tokenizer that belongs to a model path (see ModelOptions::tokenizerPath).
Result<Tokenizer> loadTokenizerFor(const std::string &modelPath, const std::string &tokenizerPath, int vocabSize);

} // namespace fp::engine
