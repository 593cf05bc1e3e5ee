#pragma once
// Engine-private: turning one parsed JSON record into instruction samples, shared by the JSONL, JSON-array
// and Natural Instructions readers.

#include "fedpilot/engine/InstructionData.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace fp::engine::detail {

enum class RecordKind { Alpaca, Dolly, SelfInstruct, Unknown };

RecordKind recordKind(const nlohmann::json &record);
const char *recordKindName(RecordKind kind);

// Samples from one record, or the reason it is unusable (missing field, wrong type, empty output).
std::expected<std::vector<InstructionSample>, std::string> samplesFromRecord(const nlohmann::json &record,
                                                                             RecordKind kind);

// A string field, or nullopt when absent; a non-string value is a problem reported by the caller.
std::optional<std::string> stringField(const nlohmann::json &record, const char *name);

} // namespace fp::engine::detail
