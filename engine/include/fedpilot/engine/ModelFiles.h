#pragma once

// Llama-family checkpoints on disk, as plain C++ data: llama2.c binaries (legacy and v1 headers)
// and the Hugging Face layout (config.json + model.safetensors, optionally sharded).
// Whatever the source, a Checkpoint holds tensors under Hugging Face names and in the Hugging Face
// RoPE layout (rotate_half), so the model code has one layout to handle.

#include <fedpilot/engine/Error.h>
#include <fedpilot/engine/Safetensors.h>

#include <string>
#include <vector>

namespace fp::engine {

// Hyper-parameters of a Llama decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU).
struct LlamaConfig {
    int dim = 0;       // hidden size D
    int hiddenDim = 0; // feed-forward size H
    int nLayers = 0;
    int nHeads = 0;
    int nKvHeads = 0;
    int vocabSize = 0; // V
    int maxSeqLen = 0;
    float normEps = 1e-5f;
    float ropeTheta = 10000.f;
    bool tiedEmbeddings = true; // lm_head shares model.embed_tokens.weight
    int bosId = 1;              // -1: none
    int eosId = 2;              // -1: none

    // dim / nHeads.
    [[nodiscard]] int headDim() const;
    // nKvHeads * headDim().
    [[nodiscard]] int kvDim() const;
    // Checks positivity, divisibility (dim by heads, heads by kv heads, even head size), token ids
    // inside the vocabulary and upper bounds that keep any derived byte count far from overflow.
    // Errors: InvalidArgument naming the field, its value and what was expected.
    [[nodiscard]] Result<void> validate() const;

    friend bool operator==(const LlamaConfig &, const LlamaConfig &) = default;
};

// A tensor a Llama checkpoint must contain, with its Hugging Face name and shape.
struct TensorSpec {
    std::string name;
    std::vector<int64_t> shape;
};

// Every tensor of a Llama decoder for this config, in Hugging Face names:
//   model.embed_tokens.weight [V,D]
//   model.layers.{i}.input_layernorm.weight [D], .post_attention_layernorm.weight [D]
//   model.layers.{i}.self_attn.{q,o}_proj.weight [D,D], .self_attn.{k,v}_proj.weight [kvD,D]
//   model.layers.{i}.mlp.{gate,up}_proj.weight [H,D], .mlp.down_proj.weight [D,H]
//   model.norm.weight [D]; lm_head.weight [V,D] only when the embeddings are untied.
// Linear weights are [out, in].
[[nodiscard]] std::vector<TensorSpec> llamaTensorSpecs(const LlamaConfig &config);

// Parses a Hugging Face config.json text for a LlamaForCausalLM. sourceName is used in messages.
// Missing optional fields take the transformers defaults (num_key_value_heads = heads,
// max_position_embeddings 2048, rms_norm_eps 1e-6, rope_theta 10000, tie_word_embeddings false).
// Errors: BadFormat (invalid JSON, a missing or mistyped required field, inconsistent values: the
// message names the field), Unsupported (model_type other than llama, rope_scaling set, attention/mlp
// biases, hidden_act other than silu, head_dim != hidden_size / heads).
[[nodiscard]] Result<LlamaConfig> parseHfConfig(const std::string &jsonText, const std::string &sourceName);
// Reads and parses a config.json file. Errors as parseHfConfig, plus NotFound and Io.
[[nodiscard]] Result<LlamaConfig> readHfConfig(const std::string &configJsonPath);
// Writes a complete LlamaForCausalLM config.json (architectures, model_type, hidden_act silu,
// torch_dtype float32, ...), atomically. Errors: InvalidArgument (config fails validate()), Io.
[[nodiscard]] Result<void> writeHfConfig(const LlamaConfig &config, const std::string &path);

struct Checkpoint {
    LlamaConfig config;
    TensorMap tensors;             // exactly llamaTensorSpecs(config), Hugging Face names and RoPE layout
    std::string sourceDescription; // e.g. "llama2.c legacy checkpoint /x/stories260K.bin"
};

// Loads a llama2.c checkpoint: the legacy header (7 int32; negative vocab_size = untied classifier)
// or the v1 header (magic "ak42", version 1, 256 bytes). fp32 only. The file size is checked against
// the header before anything large is allocated. q_proj and k_proj are converted to the Hugging Face
// RoPE layout (see permuteRopeInterleavedToHalves).
// Errors: NotFound, BadFormat (truncated, extra bytes, impossible dims: the message gives the header
// values, the expected and the actual byte count), Unsupported (v2 int8 or an unknown version), Io.
[[nodiscard]] Result<Checkpoint> loadLlama2cCheckpoint(const std::string &path);

// Loads a Hugging Face directory: config.json plus model.safetensors, or the shards listed by
// model.safetensors.index.json ("weight_map"). Every tensor of llamaTensorSpecs must be present with
// the right shape; F32, F16 and BF16 are accepted and kept as stored. rotary_emb.inv_freq buffers and
// a redundant lm_head.weight of a tied model are dropped.
// Errors: NotFound (directory, config, weights, shard or tensor missing), BadFormat (malformed file,
// wrong shape), Unsupported (dtype, config variant, an unexpected tensor such as a bias), Io.
[[nodiscard]] Result<Checkpoint> loadHfCheckpoint(const std::string &dir);

// Writes config.json, model.safetensors (metadata format=pt) and generation_config.json into dir,
// creating it. Each file is written atomically.
// Errors: InvalidArgument (config invalid, or tensors not matching llamaTensorSpecs), Io.
[[nodiscard]] Result<void> saveHfCheckpoint(const Checkpoint &checkpoint, const std::string &dir);

// A directory (or a config.json / *.safetensors inside one) loads as Hugging Face; any other file as
// llama2.c. Errors: those of the chosen loader; NotFound when path does not exist.
[[nodiscard]] Result<Checkpoint> loadCheckpoint(const std::string &path);

// RoPE layouts. llama2.c (and Meta's original Llama) rotate interleaved pairs (2i, 2i+1) of each
// head; Hugging Face rotates halves (i, i + headDim/2). Reordering the output rows of q_proj/k_proj
// makes a model trained with one layout compute the same function with the other:
// view the weight [nHeads*headDim, in] as [nHeads, headDim/2, 2, in] and swap dims 1 and 2.
// Pass nHeads for q_proj and nKvHeads for k_proj. Works for any dtype.
// Errors: InvalidArgument (not 2-D, rows not divisible by nHeads, odd head size, size mismatch).
[[nodiscard]] Result<RawTensor> permuteRopeInterleavedToHalves(const RawTensor &weight, int nHeads);
// The inverse permutation (Hugging Face layout back to llama2.c).
[[nodiscard]] Result<RawTensor> permuteRopeHalvesToInterleaved(const RawTensor &weight, int nHeads);

} // namespace fp::engine
