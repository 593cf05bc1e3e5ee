// PEFT adapter directories: adapter_model.safetensors (PEFT tensor names) + adapter_config.json. No LibTorch here
// (the fuzz harnesses link this file without it); LanguageModel::saveAdapter/loadAdapter are in LanguageModel.cpp.
#include "fedpilot/engine/PeftAdapter.h"

#include "formats/FileIo.h"
#include "formats/JsonFields.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace fp::engine {
namespace {

namespace fs = std::filesystem;

nlohmann::json adapterConfigJson(const LoraConfig &config, const std::string &baseModel) {
    return {{"peft_type", "LORA"},
            {"task_type", "CAUSAL_LM"},
            {"base_model_name_or_path", baseModel},
            {"r", config.rank},
            {"lora_alpha", config.alpha},
            {"lora_dropout", config.dropout},
            {"target_modules", config.targetModules},
            {"bias", "none"},
            {"fan_in_fan_out", false},
            {"inference_mode", true},
            {"init_lora_weights", true},
            {"modules_to_save", nullptr},
            {"layers_to_transform", nullptr},
            {"use_rslora", false},
            {"use_dora", false},
            {"revision", nullptr}};
}

// Fields that would change the adapter's function in a way the engine does not implement.
void checkSupported(const detail::JsonFields &f, const nlohmann::json &j) {
    const auto isSet = [&](const char *key) {
        const nlohmann::json *v = f.optional(j, key, "");
        return v && !(v->is_boolean() && !v->get<bool>()) && !(v->is_array() && v->empty());
    };
    const std::string type = f.asString(f.member(j, "peft_type", ""), "peft_type");
    if (type != "LORA") {
        f.fail(ErrorCode::Unsupported, "peft_type", detail::quotePrefix(type) + ", only LORA adapters are supported");
    }
    if (f.stringOr(j, "bias", "none", "") != "none") {
        f.fail(ErrorCode::Unsupported, "bias", detail::describeJson(j["bias"]) + ", only 'none' is supported");
    }
    for (const char *key : {"fan_in_fan_out", "modules_to_save", "use_rslora", "use_dora", "layers_to_transform",
                            "rank_pattern", "alpha_pattern"}) {
        if (isSet(key)) {
            f.fail(ErrorCode::Unsupported, key, "is set; the engine does not support it");
        }
    }
}

LoraConfig readAdapterConfig(const detail::JsonFields &f, const nlohmann::json &j) {
    f.asObject(j, "");
    checkSupported(f, j);
    LoraConfig config;
    config.rank = int(f.asInteger(f.member(j, "r", ""), "r", {1, 1 << 16}));
    const auto *alpha = f.optional(j, "lora_alpha", "");
    config.alpha = alpha ? float(f.asNumber(*alpha, "lora_alpha", {0.0, 1e9})) : 8.f;
    const auto *dropout = f.optional(j, "lora_dropout", "");
    config.dropout = dropout ? float(f.asNumber(*dropout, "lora_dropout", {0.0, 1.0, false, true})) : 0.f;
    const auto *targets = f.optional(j, "target_modules", "");
    if (targets == nullptr || !targets->is_array()) {
        f.fail(ErrorCode::Unsupported, "target_modules",
               "must be a list of module names (a regex string is not supported), found " +
                   (targets ? detail::describeJson(*targets) : std::string("null")));
    }
    config.targetModules.clear();
    for (std::size_t i = 0; i < targets->size(); ++i) {
        config.targetModules.push_back(f.asString((*targets)[i], detail::indexPath("target_modules", i)));
    }
    return config;
}

Result<LoraConfig> parseAdapterConfig(const std::string &file) {
    auto j = detail::readJsonFile(file, "adapter config", detail::kConfigJsonLimits);
    if (!j) {
        return std::unexpected(j.error());
    }
    return detail::catchAtBoundary(file, [&]() -> Result<LoraConfig> {
        return detail::catchJsonFields([&]() -> Result<LoraConfig> {
            return readAdapterConfig(detail::JsonFields("adapter config " + file), *j);
        });
    });
}

} // namespace

Result<void> writePeftAdapter(const std::string &dir, const PeftAdapter &adapter, const std::string &baseModel) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        return fail(ErrorCode::Io, "save adapter: cannot create " + dir + ": " + ec.message());
    }
    if (auto ok = writeSafetensors(dir + "/adapter_model.safetensors", adapter.tensors, {{"format", "pt"}}); !ok) {
        return ok;
    }
    const auto json = adapterConfigJson(adapter.config, baseModel).dump(2);
    return detail::writeFileAtomically(dir + "/adapter_config.json", [&](std::ostream &out) { out << json << "\n"; });
}

Result<PeftAdapter> readPeftAdapter(const std::string &dir) {
    if (fs::exists(dir + "/adapter_model.bin") && !fs::exists(dir + "/adapter_model.safetensors")) {
        return fail(ErrorCode::Unsupported, dir + ": adapter_model.bin (pickle) is not read for safety; save the "
                                                  "adapter with safe_serialization=True");
    }
    auto config = parseAdapterConfig(dir + "/adapter_config.json");
    if (!config) {
        return std::unexpected(config.error());
    }
    auto tensors = readSafetensors(dir + "/adapter_model.safetensors");
    if (!tensors) {
        return std::unexpected(tensors.error());
    }
    return PeftAdapter{std::move(*config), std::move(*tensors)};
}

} // namespace fp::engine
