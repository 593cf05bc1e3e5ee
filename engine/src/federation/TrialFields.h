#pragma once

// Engine-private: typed reading of the JSON objects of a trial file. Every read names the field's path
// ("sites[1].partition.alpha") after the file's origin; a failure throws TrialFieldError, which parseTrial
// turns into an fp::Error. Wrong types and unknown keys are BadFormat; missing required fields and values
// out of range are InvalidArgument.

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Partition.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace fp::engine::detail {

class TrialFieldError : public std::runtime_error {
public:
    TrialFieldError(ErrorCode code, const std::string &message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

// Accepted integers, inclusive. describe(): "an integer >= 1" or "an integer in [8, 1048576]".
struct IntRange {
    int64_t min = 0;
    int64_t max = std::numeric_limits<int32_t>::max();
    [[nodiscard]] bool contains(int64_t v) const { return v >= min && v <= max; }
    [[nodiscard]] std::string describe() const;
};

// Accepted real numbers; each end inclusive or open. describe(): "a number in (0, 1]", "a number >= 0".
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

// Reads one JSON object. Each read marks its key as known; finish() rejects the keys nobody read, so a
// typo ("round" for "rounds") is an error rather than a silently ignored setting.
class FieldReader {
public:
    // origin names the file in messages ("trial.json"); path is the object's own path ("" at the top).
    // Throws BadFormat unless value is an object (a null value is read as an empty object by object()).
    FieldReader(const nlohmann::json &value, std::string path, const std::string &origin);

    [[nodiscard]] const std::string &origin() const { return m_origin; }
    [[nodiscard]] const std::string &path() const { return m_path; }
    [[nodiscard]] std::string path(const char *key) const { return childPath(m_path, key); }
    [[noreturn]] void fail(ErrorCode code, const std::string &path, const std::string &detail) const;

    // object[key] or nullptr when absent; marks key as known.
    const nlohmann::json *find(const char *key);
    // object[key]; InvalidArgument "<path>: required field missing" when absent.
    const nlohmann::json &require(const char *key);

    std::string string(const char *key, const std::string &fallback);
    int64_t integer(const char *key, int64_t fallback, IntRange range);
    double number(const char *key, double fallback, RealRange range);
    bool boolean(const char *key, bool fallback);
    // A nested object; absent gives a reader over an empty object (every field at its default).
    FieldReader object(const char *key);
    // A nested array; nullptr when absent.
    const nlohmann::json *array(const char *key);

    // Conversions of a value found at path (array elements).
    std::string asString(const nlohmann::json &value, const std::string &path) const;
    int64_t asInteger(const nlohmann::json &value, const std::string &path, IntRange range) const;
    double asNumber(const nlohmann::json &value, const std::string &path, RealRange range) const;
    const nlohmann::json &asArray(const nlohmann::json &value, const std::string &path) const;

    // BadFormat naming the first key no read asked for, and the keys this object accepts.
    void finish() const;

private:
    [[noreturn]] void wrongType(const nlohmann::json &value, const std::string &path, const char *expected) const;

    const nlohmann::json *m_object;
    std::string m_path;
    const std::string &m_origin;
    std::vector<std::string> m_known;
};

// A path field as written: "${NAME}" replaced by the environment variable NAME, then resolved against baseDir
// when relative, made absolute and lexically normal. Empty stays empty. Throws InvalidArgument for an unset
// variable or a malformed "${" (naming the field).
std::string resolvePath(const FieldReader &reader, const std::string &raw, const std::string &path,
                        const std::string &baseDir);

// The JSON document of a trial or site file. Throws BadFormat "<origin>: not valid JSON: ..." naming the byte
// position, or "<origin>: <field path>: number <text> overflows a double" for a number such as 1e999.
nlohmann::json parseJsonDocument(const std::string &text, const std::string &origin);

// Fields shared by trial files and site files (one reader, the same messages).
// A required string that must not be empty.
std::string readName(FieldReader &reader, const char *key);
// A required array of at least one element ("expected at least one <what>").
const nlohmann::json &readNonEmptyArray(FieldReader &reader, const char *key, const char *what);
// A required non-empty array of paths, each resolved with resolvePath and none empty.
std::vector<std::string> readPathList(FieldReader &reader, const char *key, const std::string &baseDir);
// An optional array of task names: each non-empty, none twice. Absent: empty.
std::vector<std::string> readTaskList(FieldReader &reader, const char *key);
// A partition object (scheme, clients, alpha); seed and held-out categories are left at their defaults.
PartitionOptions readPartition(FieldReader partition);

} // namespace fp::engine::detail
