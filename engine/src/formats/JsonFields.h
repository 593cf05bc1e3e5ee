#pragma once

// Engine-private: the one way the engine reads JSON it did not write (trial and site files, config.json,
// tokenizer.json and tokenizer_config.json, adapter_config.json, safetensors headers, instruction data).
//
// Parsing is bounded (JsonLimits): the file size, the number of values and the nesting depth are checked in one
// pass over the text before the document is built, so neither memory nor the stack grows with what an attacker
// writes. Typed reads name the file, the
// field's path ("sites[1].partition.alpha"), what was expected and what was found ("found string 'abc'",
// "found array of 3 elements"), quoting at most a short prefix of an untrusted string (JsonPreview.h).
//
// Failures throw JsonFieldError, which each loader catches at its edge (catchJsonFields) and returns as fp::Error.
// Wrong types are BadFormat; missing required fields and values out of range are BadFormat for the files the
// engine loads and InvalidArgument for trial and site files (JsonFields' constructor).

#include "fedpilot/engine/Error.h"
#include "formats/JsonPreview.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fp::engine::detail {

class JsonFieldError : public std::runtime_error {
public:
    JsonFieldError(ErrorCode code, const std::string &message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

// Bounds on one JSON document. nlohmann's DOM costs up to ~28x the text (measured: an array of empty objects;
// an array of one-digit numbers 13x, of short strings 10x) and up to ~85 bytes per value; real files 4-9x (a
// Llama-3-sized tokenizer.json: 8.4x, 69 B per value). So a document's memory is at most
// min(28 * maxBytes, 85 * maxValues) plus the text itself. maxDepth keeps recursive code (ours, the library's) far
// from the stack's end. `kind` names the limit in messages.
struct JsonLimits {
    const char *kind;
    std::uint64_t maxBytes;
    std::uint64_t maxValues; // scalars, arrays and objects
    int maxDepth;
};

inline constexpr int kMaxJsonDepth = 64;
// config.json (Llama-3-8B: 0.7 KB), adapter_config.json, tokenizer_config.json (Llama-3: 51 KB).
inline constexpr JsonLimits kConfigJsonLimits{"config files", 4u << 20, 250'000, kMaxJsonDepth};
// Trial and site files (a few KB).
inline constexpr JsonLimits kTrialJsonLimits{"trial files", 4u << 20, 250'000, kMaxJsonDepth};
// tokenizer.json: Llama-3's is 9 MB and ~1M values (128k vocabulary, 280k merges); room for 3x that.
inline constexpr JsonLimits kTokenizerJsonLimits{"tokenizer files", 32u << 20, 4'000'000, kMaxJsonDepth};
// The JSON header of a safetensors file: about 10 values per tensor (Llama-2-7B's header: 30 KB, 291 tensors).
// The format allows 100 MB, whose DOM could take 2.8 GB; 16 MiB and 1M values hold 100k tensors.
inline constexpr JsonLimits kSafetensorsHeaderLimits{"safetensors headers", 16u << 20, 1'000'000, kMaxJsonDepth};
// One instruction data file read as a whole document (a Natural Instructions task, a JSON array of records):
// NI v1's largest task is 4 MB; the DOM stays under ~1.7 GB.
inline constexpr JsonLimits kInstructionJsonLimits{"instruction data documents", 256u << 20, 20'000'000, kMaxJsonDepth};
// One line of a JSON Lines instruction file: the file is parsed record by record, each at most this.
inline constexpr JsonLimits kInstructionRecordLimits{"instruction records", 16u << 20, 1'000'000, kMaxJsonDepth};

// Parses text as one JSON document within limits. Throws JsonFieldError (BadFormat) naming origin: text longer
// than maxBytes, more values than maxValues, nesting deeper than maxDepth (each naming the limit and its kind),
// invalid JSON (the parser's message with the byte position), or a number too large for a double (naming the
// field's path).
// onKey, when given, sees every object key with its depth (1: a key of the top-level object).
nlohmann::json parseJson(std::string_view text, const std::string &origin, const JsonLimits &limits,
                         const std::function<void(int depth, const std::string &key)> &onKey = {});

// Reads and parses a file. The size is checked against limits.maxBytes before anything is read.
// Errors: NotFound, Io, BadFormat (too large, malformed, over a limit); messages start with "<what> <path>".
Result<nlohmann::json> readJsonFile(const std::string &path, const std::string &what, const JsonLimits &limits);

// Accepted integers, inclusive. describe(): "an integer >= 1" or "an integer in [8, 1048576]".
struct IntRange {
    int64_t min = 0;
    int64_t max = std::numeric_limits<int32_t>::max();
    [[nodiscard]] bool contains(int64_t v) const { return v >= min && v <= max; }
    [[nodiscard]] std::string describe() const;
};

// Accepted real numbers; each end inclusive or open. describe(): "a number in (0, 1]", "a number >= 0".
// The default accepts any finite number >= 0.
struct RealRange {
    double min = 0.0;
    double max = std::numeric_limits<double>::infinity();
    bool minOpen = false;
    bool maxOpen = false;
    [[nodiscard]] bool contains(double v) const;
    [[nodiscard]] std::string describe() const;
};

// "a.b", "a[3]": the paths messages name.
[[nodiscard]] std::string childPath(const std::string &parent, const std::string &key);
[[nodiscard]] std::string indexPath(const std::string &parent, size_t index);

// Typed conversions of values from one document; every failure names origin and the value's path.
class JsonFields {
public:
    // origin: "tokenizer file /x/tokenizer.json", the prefix of every message. invalid: the code of a missing
    // required field or a value out of range (BadFormat for a file the engine loads; InvalidArgument for a trial
    // file, a request the user wrote).
    explicit JsonFields(std::string origin, ErrorCode invalid = ErrorCode::BadFormat)
        : m_origin(std::move(origin)), m_invalid(invalid) {}

    [[nodiscard]] const std::string &origin() const { return m_origin; }
    // Throws "<origin>: <path>: <detail>" (or "<origin>: <detail>" for an empty path).
    [[noreturn]] void fail(ErrorCode code, const std::string &path, const std::string &detail) const;
    [[noreturn]] void fail(ErrorCode code, const std::string &detail) const { fail(code, "", detail); }

    // object[key] or nullptr when absent or null (object must be an object; path names it).
    const nlohmann::json *optional(const nlohmann::json &object, const char *key, const std::string &path) const;
    // object[key]; "<path>.<key>: required field missing" when absent or null.
    const nlohmann::json &member(const nlohmann::json &object, const char *key, const std::string &path) const;

    std::string asString(const nlohmann::json &value, const std::string &path) const;
    // Integers, and floats that hold an integer exactly (3.0, 1e3), inside range.
    int64_t asInteger(const nlohmann::json &value, const std::string &path, IntRange range) const;
    double asNumber(const nlohmann::json &value, const std::string &path, RealRange range) const;
    bool asBoolean(const nlohmann::json &value, const std::string &path) const;
    const nlohmann::json &asArray(const nlohmann::json &value, const std::string &path) const;
    const nlohmann::json &asObject(const nlohmann::json &value, const std::string &path) const;

    // object[key] converted, or fallback when absent or null.
    std::string stringOr(const nlohmann::json &object, const char *key, const std::string &fallback,
                         const std::string &path) const;
    bool booleanOr(const nlohmann::json &object, const char *key, bool fallback, const std::string &path) const;

    // BadFormat "<path>: expected <expected>, found <type and short value>".
    [[noreturn]] void wrongType(const nlohmann::json &value, const std::string &path, const char *expected) const;

    // The code for a missing field or a value out of range (see the constructor).
    [[nodiscard]] ErrorCode invalidCode() const { return m_invalid; }

private:
    std::string m_origin;
    ErrorCode m_invalid;
};

// Reads one JSON object field by field. Each read marks its key as known; finish() rejects the keys nobody read,
// so a typo ("round" for "rounds") is an error rather than a silently ignored setting (trial files use it).
// Optional reads take a fallback for an absent field; null is a value of the wrong type (docs/trial-format.md),
// where JsonFields::optional, for files written by Hugging Face tools, reads null as absent.
class FieldReader {
public:
    // path is the object's own path ("" at the top). Throws BadFormat unless value is an object.
    FieldReader(const nlohmann::json &value, std::string path, const JsonFields &fields);

    [[nodiscard]] const JsonFields &fields() const { return m_fields; }
    [[nodiscard]] const std::string &origin() const { return m_fields.origin(); }
    [[nodiscard]] const std::string &path() const { return m_path; }
    [[nodiscard]] std::string path(const char *key) const { return childPath(m_path, key); }
    [[noreturn]] void fail(ErrorCode code, const std::string &path, const std::string &detail) const {
        m_fields.fail(code, path, detail);
    }

    // object[key] (null included) or nullptr when absent; marks key as known.
    const nlohmann::json *find(const char *key);
    // object[key]; "<path>: required field missing" when absent.
    const nlohmann::json &require(const char *key);

    std::string string(const char *key, const std::string &fallback);
    int64_t integer(const char *key, int64_t fallback, IntRange range);
    double number(const char *key, double fallback, RealRange range);
    bool boolean(const char *key, bool fallback);
    // A nested object; absent gives a reader over an empty object (every field at its default).
    FieldReader object(const char *key);
    // A nested array; nullptr when absent.
    const nlohmann::json *array(const char *key);

    std::string asString(const nlohmann::json &value, const std::string &path) const {
        return m_fields.asString(value, path);
    }
    int64_t asInteger(const nlohmann::json &value, const std::string &path, IntRange range) const {
        return m_fields.asInteger(value, path, range);
    }
    double asNumber(const nlohmann::json &value, const std::string &path, RealRange range) const {
        return m_fields.asNumber(value, path, range);
    }
    const nlohmann::json &asArray(const nlohmann::json &value, const std::string &path) const {
        return m_fields.asArray(value, path);
    }

    // BadFormat naming the first key no read asked for, and the keys this object accepts.
    void finish() const;

private:
    const nlohmann::json *m_object;
    std::string m_path;
    const JsonFields &m_fields;
    std::vector<std::string> m_known;
};

// Runs body and returns a JsonFieldError it throws as an fp::Error with the same code and message.
template <typename Body> auto catchJsonFields(Body &&body) -> decltype(body()) {
    try {
        return body();
    } catch (const JsonFieldError &e) {
        return fail(e.code(), e.what());
    }
}

} // namespace fp::engine::detail
