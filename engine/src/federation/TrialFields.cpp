#include "federation/TrialFields.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace fp::engine::detail {
namespace {

using nlohmann::json;

std::string formatReal(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

// "string", "array", "number 2.5": what a message says was found instead.
std::string describeFound(const json &value) {
    if (value.is_number()) {
        return "number " + value.dump();
    }
    return value.type_name();
}

const json &emptyObject() {
    static const json empty = json::object();
    return empty;
}

// A float holding an integer exactly (|v| <= 2^53), as some JSON writers print integers.
bool isIntegralFloat(const json &value) {
    if (!value.is_number_float()) {
        return false;
    }
    const double v = value.get<double>();
    return std::isfinite(v) && std::nearbyint(v) == v && std::abs(v) <= 9007199254740992.0;
}

bool isVariableChar(char c, bool first) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    return letter || (!first && c >= '0' && c <= '9');
}

// Replays a document that the DOM parser refused, to name where it failed: the JSON path of the value being
// read and the byte offset. Only used on failure, so the common path stays the plain DOM parse.
class FailureLocator final : public nlohmann::json_sax<json> {
public:
    std::string path;
    std::string token;
    size_t position = 0;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(json::number_integer_t) override { return value(); }
    bool number_unsigned(json::number_unsigned_t) override { return value(); }
    bool number_float(json::number_float_t, const json::string_t &) override { return value(); }
    bool string(json::string_t &) override { return value(); }
    bool binary(json::binary_t &) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool key(json::string_t &name) override {
        m_levels.back().key = name;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t at, const std::string &lastToken, const json::exception &) override {
        position = at;
        token = lastToken;
        for (const auto &level : m_levels) {
            path = level.object ? childPath(path, level.key) : indexPath(path, level.index);
        }
        return false;
    }

private:
    struct Level {
        bool object = true;
        std::string key;
        size_t index = 0;
    };
    bool value() {
        if (!m_levels.empty() && !m_levels.back().object) {
            ++m_levels.back().index;
        }
        return true;
    }
    bool open(bool object) {
        m_levels.push_back({object, {}, 0});
        return true;
    }
    bool close() {
        m_levels.pop_back();
        return value();
    }
    std::vector<Level> m_levels;
};

} // namespace

std::string IntRange::describe() const {
    const bool unbounded = max == std::numeric_limits<int32_t>::max() || max == std::numeric_limits<int64_t>::max();
    if (unbounded) {
        return "an integer >= " + std::to_string(min);
    }
    return "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
}

bool RealRange::contains(double v) const {
    if (!std::isfinite(v)) {
        return false;
    }
    const bool aboveMin = minOpen ? v > min : v >= min;
    const bool belowMax = maxOpen ? v < max : v <= max;
    return aboveMin && belowMax;
}

std::string RealRange::describe() const {
    if (std::isinf(max)) {
        return std::string("a number ") + (minOpen ? "> " : ">= ") + formatReal(min);
    }
    return "a number in " + std::string(minOpen ? "(" : "[") + formatReal(min) + ", " + formatReal(max) +
           (maxOpen ? ")" : "]");
}

std::string childPath(const std::string &parent, const std::string &key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string indexPath(const std::string &parent, size_t index) { return parent + "[" + std::to_string(index) + "]"; }

FieldReader::FieldReader(const json &value, std::string path, const std::string &origin)
    : m_object(&value), m_path(std::move(path)), m_origin(origin) {
    if (!value.is_object()) {
        wrongType(value, m_path, "an object");
    }
}

void FieldReader::fail(ErrorCode code, const std::string &path, const std::string &detail) const {
    throw TrialFieldError(code, m_origin + ": " + (path.empty() ? "" : path + ": ") + detail);
}

void FieldReader::wrongType(const json &value, const std::string &path, const char *expected) const {
    fail(ErrorCode::BadFormat, path, std::string("expected ") + expected + ", found " + describeFound(value));
}

const json *FieldReader::find(const char *key) {
    m_known.emplace_back(key);
    const auto it = m_object->find(key);
    return it == m_object->end() ? nullptr : &*it;
}

const json &FieldReader::require(const char *key) {
    const json *value = find(key);
    if (value == nullptr) {
        fail(ErrorCode::InvalidArgument, path(key), "required field missing");
    }
    return *value;
}

std::string FieldReader::string(const char *key, const std::string &fallback) {
    const json *value = find(key);
    return value == nullptr ? fallback : asString(*value, path(key));
}

int64_t FieldReader::integer(const char *key, int64_t fallback, IntRange range) {
    const json *value = find(key);
    return value == nullptr ? fallback : asInteger(*value, path(key), range);
}

double FieldReader::number(const char *key, double fallback, RealRange range) {
    const json *value = find(key);
    return value == nullptr ? fallback : asNumber(*value, path(key), range);
}

bool FieldReader::boolean(const char *key, bool fallback) {
    const json *value = find(key);
    if (value == nullptr) {
        return fallback;
    }
    if (!value->is_boolean()) {
        wrongType(*value, path(key), "true or false");
    }
    return value->get<bool>();
}

FieldReader FieldReader::object(const char *key) {
    const json *value = find(key);
    return FieldReader(value == nullptr ? emptyObject() : *value, path(key), m_origin);
}

const json *FieldReader::array(const char *key) {
    const json *value = find(key);
    return value == nullptr ? nullptr : &asArray(*value, path(key));
}

std::string FieldReader::asString(const json &value, const std::string &path) const {
    if (!value.is_string()) {
        wrongType(value, path, "a string");
    }
    return value.get<std::string>();
}

int64_t FieldReader::asInteger(const json &value, const std::string &path, IntRange range) const {
    constexpr auto kInt64Max = std::numeric_limits<int64_t>::max();
    const bool tooLarge = value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(kInt64Max);
    int64_t v = 0;
    if (value.is_number_integer() && !tooLarge) {
        v = value.get<int64_t>();
    } else if (isIntegralFloat(value)) {
        v = int64_t(value.get<double>()); // 3.0 or 1e3: an integer written as a float
    } else if (!tooLarge) {
        wrongType(value, path, "an integer");
    }
    if (tooLarge || !range.contains(v)) {
        const std::string expected = tooLarge || v > range.max ? "an integer in [" + std::to_string(range.min) + ", " +
                                                                     std::to_string(range.max) + "]"
                                                               : range.describe();
        fail(ErrorCode::InvalidArgument, path, value.dump() + " is out of range, expected " + expected);
    }
    return v;
}

double FieldReader::asNumber(const json &value, const std::string &path, RealRange range) const {
    if (!value.is_number()) {
        wrongType(value, path, "a number");
    }
    const double v = value.get<double>();
    if (!range.contains(v)) {
        fail(ErrorCode::InvalidArgument, path, value.dump() + " is out of range, expected " + range.describe());
    }
    return v;
}

const json &FieldReader::asArray(const json &value, const std::string &path) const {
    if (!value.is_array()) {
        wrongType(value, path, "an array");
    }
    return value;
}

void FieldReader::finish() const {
    for (const auto &[key, value] : m_object->items()) {
        if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) {
            std::string accepted;
            for (const auto &known : m_known) {
                accepted += (accepted.empty() ? "" : ", ") + known;
            }
            fail(ErrorCode::BadFormat, path(key.c_str()), "unknown field (accepted here: " + accepted + ")");
        }
    }
}

std::string resolvePath(const FieldReader &reader, const std::string &raw, const std::string &path,
                        const std::string &baseDir) {
    std::string expanded;
    for (size_t i = 0; i < raw.size();) {
        if (raw.compare(i, 2, "${") != 0) {
            expanded += raw[i++];
            continue;
        }
        const size_t close = raw.find('}', i + 2);
        const std::string name = raw.substr(i + 2, close == std::string::npos ? 0 : close - i - 2);
        bool valid = close != std::string::npos && !name.empty();
        for (size_t k = 0; valid && k < name.size(); ++k) {
            valid = isVariableChar(name[k], k == 0);
        }
        if (!valid) {
            reader.fail(ErrorCode::InvalidArgument, path,
                        "'" + raw + "': expected ${NAME} with NAME made of letters, digits and _");
        }
        const char *value = std::getenv(name.c_str());
        if (value == nullptr) {
            reader.fail(ErrorCode::InvalidArgument, path, "environment variable " + name + " is not set");
        }
        expanded += value;
        i = close + 1;
    }
    if (expanded.empty()) {
        return expanded;
    }
    std::filesystem::path resolved(expanded);
    if (resolved.is_relative()) {
        resolved = std::filesystem::path(baseDir) / resolved;
    }
    return std::filesystem::absolute(resolved).lexically_normal().string();
}

json parseJsonDocument(const std::string &text, const std::string &origin) {
    try {
        return json::parse(text);
    } catch (const json::parse_error &e) {
        throw TrialFieldError(ErrorCode::BadFormat, origin + ": not valid JSON: " + e.what());
    } catch (const json::exception &) {
        // A number beyond a double's range (1e999): the DOM parser's message names neither field nor place.
        FailureLocator locator;
        json::sax_parse(text, &locator);
        throw TrialFieldError(ErrorCode::BadFormat, origin + ": " + (locator.path.empty() ? "" : locator.path + ": ") +
                                                        "number " + locator.token +
                                                        " is too large for a double (byte " +
                                                        std::to_string(locator.position) + ")");
    }
}

std::string readName(FieldReader &reader, const char *key) {
    const std::string value = reader.asString(reader.require(key), reader.path(key));
    if (value.empty()) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), "must not be empty");
    }
    return value;
}

const json &readNonEmptyArray(FieldReader &reader, const char *key, const char *what) {
    const json &list = reader.asArray(reader.require(key), reader.path(key));
    if (list.empty()) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), std::string("expected at least one ") + what);
    }
    return list;
}

std::vector<std::string> readPathList(FieldReader &reader, const char *key, const std::string &baseDir) {
    const json &list = readNonEmptyArray(reader, key, "path");
    std::vector<std::string> paths;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = indexPath(reader.path(key), i);
        paths.push_back(resolvePath(reader, reader.asString(list[i], path), path, baseDir));
        if (paths.back().empty()) {
            reader.fail(ErrorCode::InvalidArgument, path, "must not be empty");
        }
    }
    return paths;
}

std::vector<std::string> readTaskList(FieldReader &reader, const char *key) {
    std::vector<std::string> tasks;
    if (const json *list = reader.array(key)) {
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string path = indexPath(reader.path(key), i);
            const std::string task = reader.asString((*list)[i], path);
            if (task.empty() || std::find(tasks.begin(), tasks.end(), task) != tasks.end()) {
                reader.fail(ErrorCode::InvalidArgument, path, "'" + task + "' is empty or listed twice");
            }
            tasks.push_back(task);
        }
    }
    return tasks;
}

PartitionOptions readPartition(FieldReader partition) {
    PartitionOptions options;
    const std::string scheme = partition.string("scheme", partitionSchemeName(options.scheme));
    auto parsed = parsePartitionScheme(scheme);
    if (!parsed) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("scheme"), parsed.error().message);
    }
    options.scheme = *parsed;
    options.clients = int(partition.integer("clients", options.clients, IntRange{0, 10000000}));
    options.alpha =
        partition.number("alpha", options.alpha, RealRange{0.0, std::numeric_limits<double>::infinity(), true, false});
    options.minSamples = int(partition.integer("min_samples", options.minSamples, IntRange{0, 1000000}));
    if (options.minSamples > 0 && options.scheme != PartitionScheme::Dirichlet) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("min_samples"), "only with the dirichlet scheme");
    }
    if (options.scheme != PartitionScheme::OneTaskPerClient && options.clients < 1) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("clients"),
                       std::string("the ") + partitionSchemeName(options.scheme) +
                           " scheme needs clients >= 1 (how many clients to deal the samples to)");
    }
    partition.finish();
    return options;
}

} // namespace fp::engine::detail
