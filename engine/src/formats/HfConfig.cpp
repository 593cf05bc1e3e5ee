#include "FileIo.h"
#include "JsonFields.h"
#include "fedpilot/engine/ModelFiles.h"

#include <nlohmann/json.hpp>

#include <cfloat>
#include <charconv>
#include <climits>
#include <optional>
#include <string>

namespace fp::engine {

namespace {

using nlohmann::json;

constexpr detail::IntRange kAnyInt{INT_MIN, INT_MAX};

// An int field; absent or null gives fallback, or "required field missing" when there is none.
int intField(const detail::JsonFields &f, const json &j, const char *key, std::optional<int> fallback) {
    const json *v = f.optional(j, key, "");
    if (v == nullptr && fallback)
        return *fallback;
    return static_cast<int>(f.asInteger(v ? *v : f.member(j, key, ""), key, kAnyInt));
}

float floatField(const detail::JsonFields &f, const json &j, const char *key, float fallback, const std::string &path) {
    const json *v = f.optional(j, key, path);
    return v ? static_cast<float>(f.asNumber(*v, detail::childPath(path, key), {0.0, FLT_MAX})) : fallback;
}

// bos/eos ids: an int, null (none: -1) or a list whose first entry is used (Llama 3 style).
int tokenIdField(const detail::JsonFields &f, const json &j, const char *key, int fallback) {
    if (!j.contains(key))
        return fallback;
    const json &v = j[key];
    if (v.is_null() || (v.is_array() && v.empty()))
        return -1;
    return static_cast<int>(v.is_array() ? f.asInteger(v[0], detail::indexPath(key, 0), kAnyInt)
                                         : f.asInteger(v, key, kAnyInt));
}

void checkModelType(const detail::JsonFields &f, const json &j) {
    if (const json *type = f.optional(j, "model_type", "")) {
        if (f.asString(*type, "model_type") != "llama")
            f.fail(ErrorCode::Unsupported, "model_type",
                   detail::describeJson(*type) + ", only 'llama' (LlamaForCausalLM) is supported");
        return;
    }
    const json *arch = f.optional(j, "architectures", "");
    if (arch && arch->is_array() && !arch->empty() && (*arch)[0] == "LlamaForCausalLM")
        return;
    f.fail(ErrorCode::BadFormat, "model_type", "required field missing (expected 'llama')");
}

// Variants of the architecture the model code does not implement: refuse them by name rather than
// compute something different.
void checkVariant(const detail::JsonFields &f, const json &j) {
    if (const json *scaling = f.optional(j, "rope_scaling", ""))
        f.fail(ErrorCode::Unsupported, "rope_scaling",
               detail::describeJson(*scaling) + "; only plain RoPE (null) is supported");
    if (const json *rp = f.optional(j, "rope_parameters", ""); rp && rp->is_object()) {
        if (f.stringOr(*rp, "rope_type", "default", "rope_parameters") != "default")
            f.fail(ErrorCode::Unsupported, "rope_parameters.rope_type",
                   detail::describeJson((*rp)["rope_type"]) + ", expected 'default'");
    }
    for (const char *key : {"attention_bias", "mlp_bias"}) {
        if (f.booleanOr(j, key, false, ""))
            f.fail(ErrorCode::Unsupported, key, "true; biases are not supported");
    }
    if (f.stringOr(j, "hidden_act", "silu", "") != "silu")
        f.fail(ErrorCode::Unsupported, "hidden_act",
               detail::describeJson(j["hidden_act"]) + ", only 'silu' is supported");
}

LlamaConfig readDims(const detail::JsonFields &f, const json &j) {
    LlamaConfig c;
    c.dim = intField(f, j, "hidden_size", std::nullopt);
    c.hiddenDim = intField(f, j, "intermediate_size", std::nullopt);
    c.nLayers = intField(f, j, "num_hidden_layers", std::nullopt);
    c.nHeads = intField(f, j, "num_attention_heads", std::nullopt);
    c.vocabSize = intField(f, j, "vocab_size", std::nullopt);
    c.maxSeqLen = intField(f, j, "max_position_embeddings", 2048);
    c.nKvHeads = intField(f, j, "num_key_value_heads", c.nHeads);
    c.normEps = floatField(f, j, "rms_norm_eps", 1e-6f, "");
    const json *rope = f.optional(j, "rope_parameters", "");
    const bool nested = rope && rope->is_object();
    c.ropeTheta = floatField(f, nested ? *rope : j, "rope_theta", 10000.f, nested ? "rope_parameters" : "");
    c.tiedEmbeddings = f.booleanOr(j, "tie_word_embeddings", false, "");
    c.bosId = tokenIdField(f, j, "bos_token_id", 1);
    c.eosId = tokenIdField(f, j, "eos_token_id", 2);
    return c;
}

Result<LlamaConfig> parseHfConfigUnguarded(const std::string &text, const std::string &ctx) {
    return detail::catchJsonFields([&]() -> Result<LlamaConfig> {
        const detail::JsonFields f(ctx);
        const json j = detail::parseJson(text, ctx, detail::kConfigJsonLimits);
        f.asObject(j, "");
        checkModelType(f, j);
        checkVariant(f, j);
        LlamaConfig config = readDims(f, j);
        if (auto r = config.validate(); !r)
            return fail(ErrorCode::BadFormat, ctx + ": " + r.error().message);
        const int headDim = intField(f, j, "head_dim", config.headDim());
        if (headDim != config.headDim())
            f.fail(ErrorCode::Unsupported, "head_dim",
                   std::to_string(headDim) +
                       " differs from hidden_size / num_attention_heads = " + std::to_string(config.headDim()));
        return config;
    });
}

// The shortest decimal that reads back as the same float, so 1e-5f is written as 1e-05, not
// 9.999999747378752e-06.
double shortestDecimal(float value) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    double out = value;
    std::from_chars(buf, res.ptr, out);
    return out;
}

nlohmann::ordered_json configJson(const LlamaConfig &c) {
    auto tokenId = [](int id) { return id < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(id); };
    return nlohmann::ordered_json{
        {"architectures", {"LlamaForCausalLM"}},
        {"model_type", "llama"},
        {"hidden_size", c.dim},
        {"intermediate_size", c.hiddenDim},
        {"num_hidden_layers", c.nLayers},
        {"num_attention_heads", c.nHeads},
        {"num_key_value_heads", c.nKvHeads},
        {"head_dim", c.headDim()},
        {"vocab_size", c.vocabSize},
        {"max_position_embeddings", c.maxSeqLen},
        {"rms_norm_eps", shortestDecimal(c.normEps)},
        {"rope_theta", shortestDecimal(c.ropeTheta)},
        {"rope_scaling", nullptr},
        {"hidden_act", "silu"},
        {"attention_bias", false},
        {"attention_dropout", 0.0},
        {"mlp_bias", false},
        {"initializer_range", 0.02},
        {"pretraining_tp", 1},
        {"tie_word_embeddings", c.tiedEmbeddings},
        {"bos_token_id", tokenId(c.bosId)},
        {"eos_token_id", tokenId(c.eosId)},
        {"torch_dtype", "float32"},
        {"use_cache", true},
    };
}

} // namespace

Result<LlamaConfig> parseHfConfig(const std::string &jsonText, const std::string &sourceName) {
    const std::string ctx = "config file " + sourceName;
    return detail::catchAtBoundary(ctx, [&] { return parseHfConfigUnguarded(jsonText, ctx); });
}

Result<LlamaConfig> readHfConfig(const std::string &configJsonPath) {
    return detail::catchAtBoundary("config file " + configJsonPath, [&]() -> Result<LlamaConfig> {
        auto text = detail::readTextFile(configJsonPath, "config file", detail::kConfigJsonLimits.maxBytes);
        if (!text)
            return std::unexpected(text.error());
        return parseHfConfigUnguarded(*text, "config file " + configJsonPath);
    });
}

Result<void> writeHfConfig(const LlamaConfig &config, const std::string &path) {
    return detail::catchAtBoundary("writing config file " + path, [&]() -> Result<void> {
        if (auto r = config.validate(); !r)
            return std::unexpected(r.error().withContext("writing config file " + path));
        const std::string text = configJson(config).dump(2) + "\n";
        return detail::writeFileAtomically(path, [&](std::ostream &out) { out << text; });
    });
}

} // namespace fp::engine
