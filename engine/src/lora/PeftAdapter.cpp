// PEFT adapter directories: adapter_model.safetensors (PEFT tensor names) + adapter_config.json. No LibTorch here
// (the fuzz harnesses link this file without it); LanguageModel::saveAdapter/loadAdapter are in LanguageModel.cpp.
#include "fedpilot/engine/PeftAdapter.h"

#include "formats/FileIo.h"
#include "formats/JsonPreview.h"

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
Result<void> checkSupported(const nlohmann::json &j, const std::string &file) {
    const auto isSet = [&](const char *key) {
        return j.contains(key) && !j[key].is_null() && !(j[key].is_boolean() && !j[key].get<bool>()) &&
               !(j[key].is_array() && j[key].empty());
    };
    if (j.value("peft_type", std::string()) != "LORA") {
        return fail(ErrorCode::Unsupported,
                    file + ": field 'peft_type' is " +
                        (j.contains("peft_type") ? detail::describeJson(j["peft_type"]) : std::string("missing")) +
                        ", only LORA adapters are supported");
    }
    if (j.contains("bias") && j["bias"] != "none") {
        return fail(ErrorCode::Unsupported,
                    file + ": field 'bias' is " + detail::describeJson(j["bias"]) + ", only \"none\" is supported");
    }
    for (const char *key : {"fan_in_fan_out", "modules_to_save", "use_rslora", "use_dora", "layers_to_transform",
                            "rank_pattern", "alpha_pattern"}) {
        if (isSet(key)) {
            return fail(ErrorCode::Unsupported, file + ": field " + key + " is set; the engine does not support it");
        }
    }
    return {};
}

Result<LoraConfig> parseAdapterConfig(const std::string &file) {
    auto text = detail::readTextFile(file, "adapter config", 1 << 20);
    if (!text) {
        return std::unexpected(text.error());
    }
    return detail::catchAtBoundary(file, [&]() -> Result<LoraConfig> {
        const auto j = nlohmann::json::parse(*text, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            return fail(ErrorCode::BadFormat, file + ": not a JSON object");
        }
        if (auto ok = checkSupported(j, file); !ok) {
            return std::unexpected(ok.error());
        }
        LoraConfig config;
        if (!j.contains("r") || !j["r"].is_number_integer()) {
            return fail(ErrorCode::BadFormat, file + ": field r (the rank) is missing or not an integer");
        }
        config.rank = j["r"].get<int>();
        config.alpha = j.value("lora_alpha", 8.f);
        config.dropout = j.value("lora_dropout", 0.f);
        const auto &targets = j.contains("target_modules") ? j["target_modules"] : nlohmann::json();
        if (!targets.is_array()) {
            return fail(ErrorCode::Unsupported,
                        file + ": target_modules must be a list of module names (a regex string is not supported)");
        }
        config.targetModules = targets.get<std::vector<std::string>>();
        return config;
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
