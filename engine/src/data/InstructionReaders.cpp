#include "fedpilot/engine/InstructionData.h"

#include "data/RecordParsing.h"
#include "formats/FileIo.h"
#include "formats/JsonFields.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fp::engine {

void ReadReport::addProblem(std::string problem) {
    ++skipped;
    if (problems.size() < kMaxProblems) {
        problems.push_back(std::move(problem));
    }
}

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// JSON Lines files are parsed record by record (each line at most kInstructionRecordLimits), so their memory is the
// text plus the samples; a file read as one JSON document (a Natural Instructions task, a JSON array) is bounded by
// kInstructionJsonLimits (JsonFields.h).
constexpr uint64_t kMaxFileBytes = uint64_t(2) << 30;

void addSamples(InstructionData &data, std::vector<InstructionSample> samples) {
    data.report.samples += int64_t(samples.size());
    for (auto &s : samples) {
        data.samples.push_back(std::move(s));
    }
}

InstructionData readJsonLines(const std::string &path, const std::string &text) {
    InstructionData data;
    data.report.file = path;
    detail::RecordKind firstKind = detail::RecordKind::Unknown;
    std::istringstream lines(text);
    std::string line;
    for (int64_t number = 1; std::getline(lines, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        ++data.report.records;
        json record;
        try {
            record = detail::parseJson(line, path + ":" + std::to_string(number), detail::kInstructionRecordLimits);
        } catch (const detail::JsonFieldError &e) {
            data.report.addProblem(e.what());
            continue;
        }
        const auto kind = detail::recordKind(record);
        if (firstKind == detail::RecordKind::Unknown) {
            firstKind = kind;
        }
        auto samples = detail::samplesFromRecord(record, kind);
        if (!samples) {
            data.report.addProblem(path + ":" + std::to_string(number) + ": " + samples.error());
            continue;
        }
        addSamples(data, std::move(*samples));
    }
    data.report.format = std::string("jsonl (") + detail::recordKindName(firstKind) + ")";
    return data;
}

InstructionData readJsonArray(const std::string &path, const json &records) {
    InstructionData data;
    data.report.file = path;
    data.report.format = "json array";
    for (size_t i = 0; i < records.size(); ++i) {
        ++data.report.records;
        auto samples = detail::samplesFromRecord(records[i], detail::recordKind(records[i]));
        if (!samples) {
            data.report.addProblem(path + ": [" + std::to_string(i) + "]: " + samples.error());
            continue;
        }
        addSamples(data, std::move(*samples));
    }
    return data;
}

// Natural Instructions: v1 has a string Definition, v2 a list of strings (and instance ids).
Result<InstructionData> readNaturalInstructions(const std::string &path, const json &task) {
    InstructionData data;
    data.report.file = path;
    const auto &definition = task["Definition"];
    std::string instruction;
    if (definition.is_string()) {
        data.report.format = "natural-instructions v1";
        instruction = definition.get<std::string>();
    } else if (definition.is_array() && !definition.empty() && definition[0].is_string()) {
        data.report.format = "natural-instructions v2";
        instruction = definition[0].get<std::string>();
    } else {
        return fail(ErrorCode::BadFormat,
                    path + ": field \"Definition\" must be a string (v1) or a list of strings (v2)");
    }
    const auto &instances = task["Instances"];
    if (!instances.is_array()) {
        return fail(ErrorCode::BadFormat, path + ": field \"Instances\" must be a list");
    }
    const std::string category = fs::path(path).stem().string();
    for (size_t i = 0; i < instances.size(); ++i) {
        ++data.report.records;
        const auto &instance = instances[i];
        const std::string where = path + ": Instances[" + std::to_string(i) + "]: ";
        const auto input = instance.is_object() ? detail::stringField(instance, "input") : std::nullopt;
        const json *outputs = instance.is_object() && instance.contains("output") ? &instance["output"] : nullptr;
        std::optional<std::string> output;
        if (outputs && outputs->is_array() && !outputs->empty() && (*outputs)[0].is_string()) {
            output = (*outputs)[0].get<std::string>();
        } else if (outputs && outputs->is_string()) {
            output = outputs->get<std::string>();
        }
        if (!input || !output || output->empty()) {
            data.report.addProblem(where + (!instance.is_object() ? "not an object"
                                            : !input              ? "missing string field \"input\""
                                                                  : "\"output\" must be a non-empty string or list"));
            continue;
        }
        addSamples(data, {{instruction, *input, *output, category, SampleSource::NaturalInstructions}});
    }
    return data;
}

Result<InstructionData> parseInstructionText(const std::string &path, const std::string &text) {
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string::npos) {
        return fail(ErrorCode::BadFormat, path + ": the file is empty");
    }
    json whole = json::value_t::discarded;
    if (text[first] == '[') { // only ever a whole document
        auto parsed = detail::catchJsonFields(
            [&]() -> Result<json> { return detail::parseJson(text, path, detail::kInstructionJsonLimits); });
        if (!parsed) {
            return std::unexpected(parsed.error());
        }
        whole = std::move(*parsed);
    } else if (text.size() <= detail::kInstructionJsonLimits.maxBytes) {
        try {
            whole = detail::parseJson(text, path, detail::kInstructionJsonLimits);
        } catch (const detail::JsonFieldError &) {
            // Not one document: JSON Lines (read below, record by record), or not JSON at all.
        }
    }
    if (!whole.is_discarded() && whole.is_object() && whole.contains("Instances") && whole.contains("Definition")) {
        return readNaturalInstructions(path, whole);
    }
    if (!whole.is_discarded() && whole.is_array()) {
        return readJsonArray(path, whole);
    }
    if (!whole.is_discarded() && whole.is_object() && detail::recordKind(whole) == detail::RecordKind::Unknown) {
        return fail(ErrorCode::BadFormat, path + ": a JSON object that is neither a Natural Instructions task "
                                                 "(Definition + Instances) nor an instruction record");
    }
    if (text[first] != '{') {
        return fail(ErrorCode::BadFormat,
                    path + ": not JSON Lines or JSON (starts with '" + text.substr(first, 1) + "')");
    }
    auto lines = readJsonLines(path, text);
    if (lines.samples.empty() && text.size() > detail::kInstructionJsonLimits.maxBytes) {
        // Too large to be parsed as one document, and not JSON Lines either: say both, not only the latter.
        return fail(ErrorCode::BadFormat,
                    path + ": " + std::to_string(text.size() >> 20) + " MiB is over the " +
                        std::to_string(detail::kInstructionJsonLimits.maxBytes >> 20) +
                        " MiB limit of one JSON document (split it into JSON Lines or several files), and it is not "
                        "JSON Lines (" +
                        (lines.report.problems.empty() ? std::string("no records") : lines.report.problems.front()) +
                        ")");
    }
    return lines;
}

} // namespace

Result<InstructionData> readInstructionFile(const std::string &path) {
    auto text = detail::readTextFile(path, "instruction data file", kMaxFileBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    return detail::catchAtBoundary(path, [&]() -> Result<InstructionData> {
        auto data = parseInstructionText(path, *text);
        if (data && data->samples.empty()) {
            std::string detail =
                data->report.problems.empty() ? std::string("no records") : data->report.problems.front();
            return fail(ErrorCode::BadFormat,
                        path + ": no valid instruction sample (" + std::to_string(data->report.skipped) + " of " +
                            std::to_string(data->report.records) + " records rejected; first: " + detail + ")");
        }
        return data;
    });
}

Result<std::vector<InstructionData>> readInstructionFiles(const std::vector<std::string> &paths) {
    std::vector<std::string> files;
    for (const auto &p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            files.push_back(p);
            continue;
        }
        std::vector<std::string> inside;
        for (const auto &entry : fs::directory_iterator(p, ec)) {
            const auto ext = entry.path().extension();
            if (entry.is_regular_file() && (ext == ".json" || ext == ".jsonl")) {
                inside.push_back(entry.path().string());
            }
        }
        if (inside.empty()) {
            return fail(ErrorCode::NotFound, p + ": no .json or .jsonl files in this folder");
        }
        std::sort(inside.begin(), inside.end());
        files.insert(files.end(), inside.begin(), inside.end());
    }
    std::vector<InstructionData> all;
    for (const auto &f : files) {
        auto data = readInstructionFile(f);
        if (!data) {
            return std::unexpected(data.error());
        }
        all.push_back(std::move(*data));
    }
    return all;
}

} // namespace fp::engine
