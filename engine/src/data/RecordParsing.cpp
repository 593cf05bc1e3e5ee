#include "data/RecordParsing.h"

namespace fp::engine::detail {

RecordKind recordKind(const nlohmann::json &record) {
    if (!record.is_object()) {
        return RecordKind::Unknown;
    }
    if (record.contains("instances")) {
        return RecordKind::SelfInstruct;
    }
    if (record.contains("response")) {
        return RecordKind::Dolly;
    }
    if (record.contains("output") || record.contains("instruction")) {
        return RecordKind::Alpaca;
    }
    return RecordKind::Unknown;
}

const char *recordKindName(RecordKind kind) {
    switch (kind) {
    case RecordKind::Alpaca: return "alpaca";
    case RecordKind::Dolly: return "dolly";
    case RecordKind::SelfInstruct: return "self-instruct";
    case RecordKind::Unknown: break;
    }
    return "unknown";
}

std::optional<std::string> stringField(const nlohmann::json &record, const char *name) {
    const auto it = record.find(name);
    if (it == record.end() || !it->is_string()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

namespace {

using Samples = std::expected<std::vector<InstructionSample>, std::string>;

// A field that must be a string when present (required: must be present too).
std::expected<std::string, std::string> textField(const nlohmann::json &record, const char *name, bool required) {
    const auto it = record.find(name);
    if (it == record.end() || it->is_null()) {
        if (required) {
            return std::unexpected(std::string("missing field \"") + name + "\"");
        }
        return std::string();
    }
    if (!it->is_string()) {
        return std::unexpected(std::string("field \"") + name + "\" is " + it->type_name() + ", expected a string");
    }
    return it->get<std::string>();
}

Samples selfInstructSamples(const nlohmann::json &record) {
    auto instruction = textField(record, "instruction", true);
    if (!instruction) {
        return std::unexpected(instruction.error());
    }
    const auto &instances = record["instances"];
    if (!instances.is_array() || instances.empty()) {
        return std::unexpected(std::string("field \"instances\" must be a non-empty list"));
    }
    std::string category =
        stringField(record, "name")
            .value_or(stringField(record, "motivation_app").value_or(stringField(record, "id").value_or("")));
    std::vector<InstructionSample> samples;
    for (size_t i = 0; i < instances.size(); ++i) {
        const auto &instance = instances[i];
        const std::string where = "instances[" + std::to_string(i) + "]: ";
        if (!instance.is_object()) {
            return std::unexpected(where + "not an object");
        }
        auto input = textField(instance, "input", false);
        auto output = textField(instance, "output", true);
        if (!input || !output) {
            return std::unexpected(where + (!input ? input.error() : output.error()));
        }
        if (output->empty()) {
            return std::unexpected(where + "empty output");
        }
        samples.push_back({*instruction, *input, *output, category});
    }
    return samples;
}

} // namespace

Samples samplesFromRecord(const nlohmann::json &record, RecordKind kind) {
    if (!record.is_object()) {
        return std::unexpected(std::string("not a JSON object"));
    }
    if (kind == RecordKind::SelfInstruct) {
        return selfInstructSamples(record);
    }
    if (kind == RecordKind::Unknown) {
        return std::unexpected(std::string("no instruction/output fields (Alpaca), response (Dolly) or instances "
                                           "(Self-Instruct)"));
    }
    const bool dolly = kind == RecordKind::Dolly;
    auto instruction = textField(record, "instruction", true);
    auto input = textField(record, dolly ? "context" : "input", false);
    auto output = textField(record, dolly ? "response" : "output", true);
    auto category = textField(record, "category", false);
    for (const auto *field : {&instruction, &input, &output, &category}) {
        if (!*field) {
            return std::unexpected(field->error());
        }
    }
    if (output->empty()) {
        return std::unexpected(std::string("empty ") + (dolly ? "response" : "output"));
    }
    return std::vector<InstructionSample>{{*instruction, *input, *output, *category}};
}

} // namespace fp::engine::detail
