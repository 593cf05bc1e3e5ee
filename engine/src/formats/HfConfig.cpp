#include "FileIo.h"
#include "JsonPreview.h"
#include "fedpilot/engine/ModelFiles.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <climits>
#include <optional>
#include <string>

namespace fp::engine {

namespace {

using nlohmann::json;

constexpr std::uint64_t kMaxConfigBytes = 16u << 20;

std::string quoted(const char *key) { return std::string("'") + key + "'"; }

// An int field; absent or null gives fallback, or a BadFormat naming the field when required.
Result<int> intField(const json &j, const char *key, std::optional<int> fallback, const std::string &ctx) {
    if (!j.contains(key) || j[key].is_null()) {
        if (fallback)
            return *fallback;
        return fail(ErrorCode::BadFormat, ctx + ": missing required field " + quoted(key));
    }
    const json &v = j[key];
    if (!v.is_number_integer())
        return fail(ErrorCode::BadFormat,
                    ctx + ": field " + quoted(key) + " must be an integer, found " + detail::describeJson(v));
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > INT_MAX
                               : (v.get<std::int64_t>() > INT_MAX || v.get<std::int64_t>() < INT_MIN))
        return fail(ErrorCode::BadFormat, ctx + ": field " + quoted(key) + "=" + v.dump() + " is out of range");
    return v.get<int>();
}

Result<float> floatField(const json &j, const char *key, float fallback, const std::string &ctx) {
    if (!j.contains(key) || j[key].is_null())
        return fallback;
    if (!j[key].is_number())
        return fail(ErrorCode::BadFormat,
                    ctx + ": field " + quoted(key) + " must be a number, found " + detail::describeJson(j[key]));
    return j[key].get<float>();
}

Result<bool> boolField(const json &j, const char *key, bool fallback, const std::string &ctx) {
    if (!j.contains(key) || j[key].is_null())
        return fallback;
    if (!j[key].is_boolean())
        return fail(ErrorCode::BadFormat,
                    ctx + ": field " + quoted(key) + " must be true or false, found " + detail::describeJson(j[key]));
    return j[key].get<bool>();
}

// bos/eos ids: an int, null (none: -1) or a list whose first entry is used (Llama 3 style).
Result<int> tokenIdField(const json &j, const char *key, int fallback, const std::string &ctx) {
    if (!j.contains(key))
        return fallback;
    if (j[key].is_null() || (j[key].is_array() && j[key].empty()))
        return -1;
    if (j[key].is_array()) {
        const json first = {{key, j[key][0]}};
        return intField(first, key, std::nullopt, ctx);
    }
    return intField(j, key, std::nullopt, ctx);
}

Result<void> checkModelType(const json &j, const std::string &ctx) {
    if (j.contains("model_type") && j["model_type"].is_string()) {
        const auto type = j["model_type"].get<std::string>();
        if (type == "llama")
            return {};
        return fail(ErrorCode::Unsupported,
                    ctx + ": field 'model_type' is \"" + type + "\", only \"llama\" (LlamaForCausalLM) is supported");
    }
    const bool llamaArch = j.contains("architectures") && j["architectures"].is_array() &&
                           !j["architectures"].empty() && j["architectures"][0] == "LlamaForCausalLM";
    if (llamaArch)
        return {};
    return fail(ErrorCode::BadFormat, ctx + ": missing required field 'model_type' (expected \"llama\")");
}

// Variants of the architecture the model code does not implement: refuse them by name rather than
// compute something different.
Result<void> checkVariant(const json &j, const std::string &ctx) {
    if (j.contains("rope_scaling") && !j["rope_scaling"].is_null())
        return fail(ErrorCode::Unsupported, ctx + ": field 'rope_scaling' is " +
                                                detail::describeJson(j["rope_scaling"]) +
                                                "; only plain RoPE (null) is supported");
    if (j.contains("rope_parameters") && j["rope_parameters"].is_object()) {
        const json &rp = j["rope_parameters"];
        if (rp.contains("rope_type") && rp["rope_type"] != "default")
            return fail(ErrorCode::Unsupported, ctx + ": field 'rope_parameters.rope_type' is " +
                                                    detail::describeJson(rp["rope_type"]) + ", expected \"default\"");
    }
    for (const char *key : {"attention_bias", "mlp_bias"}) {
        auto b = boolField(j, key, false, ctx);
        if (!b)
            return std::unexpected(b.error());
        if (*b)
            return fail(ErrorCode::Unsupported, ctx + ": field " + quoted(key) + " is true; biases are not supported");
    }
    if (j.contains("hidden_act") && j["hidden_act"] != "silu")
        return fail(ErrorCode::Unsupported, ctx + ": field 'hidden_act' is " + detail::describeJson(j["hidden_act"]) +
                                                ", only \"silu\" is supported");
    return {};
}

Result<LlamaConfig> readDims(const json &j, const std::string &ctx) {
    LlamaConfig c;
    struct IntSpec {
        const char *key;
        int *dst;
        std::optional<int> fallback;
    };
    const IntSpec ints[] = {
        {"hidden_size", &c.dim, std::nullopt},           {"intermediate_size", &c.hiddenDim, std::nullopt},
        {"num_hidden_layers", &c.nLayers, std::nullopt}, {"num_attention_heads", &c.nHeads, std::nullopt},
        {"vocab_size", &c.vocabSize, std::nullopt},      {"max_position_embeddings", &c.maxSeqLen, 2048},
    };
    for (const IntSpec &s : ints) {
        auto v = intField(j, s.key, s.fallback, ctx);
        if (!v)
            return std::unexpected(v.error());
        *s.dst = *v;
    }
    auto kv = intField(j, "num_key_value_heads", c.nHeads, ctx);
    auto eps = floatField(j, "rms_norm_eps", 1e-6f, ctx);
    const json rope = j.contains("rope_parameters") && j["rope_parameters"].is_object() ? j["rope_parameters"] : j;
    auto theta = floatField(rope, "rope_theta", 10000.f, ctx);
    auto tied = boolField(j, "tie_word_embeddings", false, ctx);
    auto bos = tokenIdField(j, "bos_token_id", 1, ctx);
    auto eos = tokenIdField(j, "eos_token_id", 2, ctx);
    for (const Error *e : {kv ? nullptr : &kv.error(), eps ? nullptr : &eps.error(), theta ? nullptr : &theta.error(),
                           tied ? nullptr : &tied.error(), bos ? nullptr : &bos.error(), eos ? nullptr : &eos.error()})
        if (e)
            return std::unexpected(*e);
    c.nKvHeads = *kv;
    c.normEps = *eps;
    c.ropeTheta = *theta;
    c.tiedEmbeddings = *tied;
    c.bosId = *bos;
    c.eosId = *eos;
    return c;
}

Result<LlamaConfig> parseHfConfigUnguarded(const std::string &text, const std::string &ctx) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error &e) {
        return fail(ErrorCode::BadFormat, ctx + ": not valid JSON: " + e.what());
    }
    if (!j.is_object())
        return fail(ErrorCode::BadFormat, ctx + ": expected a JSON object");
    if (auto r = checkModelType(j, ctx); !r)
        return std::unexpected(r.error());
    if (auto r = checkVariant(j, ctx); !r)
        return std::unexpected(r.error());
    auto config = readDims(j, ctx);
    if (!config)
        return config;
    if (auto r = config->validate(); !r)
        return fail(ErrorCode::BadFormat, ctx + ": " + r.error().message);
    auto headDim = intField(j, "head_dim", config->headDim(), ctx);
    if (!headDim)
        return std::unexpected(headDim.error());
    if (*headDim != config->headDim())
        return fail(ErrorCode::Unsupported,
                    ctx + ": field 'head_dim'=" + std::to_string(*headDim) +
                        " differs from hidden_size / num_attention_heads = " + std::to_string(config->headDim()));
    return config;
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
        auto text = detail::readTextFile(configJsonPath, "config file", kMaxConfigBytes);
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
