#include "formats/JsonFields.h"

#include "formats/FileIo.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace fp::engine::detail {
namespace {

using nlohmann::json;

std::string formatReal(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
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

// A key as a path shows it: as written when short and plain, else quoted and cut (JsonPreview.h).
std::string shownKey(const std::string &key) {
    std::string quoted = quotePrefix(key);
    return quoted.size() == key.size() + 2 ? key : quoted;
}

// Thrown from the parser callback to stop at the first value over a limit.
struct LimitExceeded {
    std::string detail;
};

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
        m_levels.back().key = shownKey(name);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t at, const std::string &lastToken, const json::exception &) override {
        position = at;
        token = lastToken.substr(0, 40);
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

std::string limitText(const JsonLimits &limits) { return std::string(" (the limit for ") + limits.kind + ")"; }

// Checks depth and value count on the text before the DOM parser runs: one pass over the bytes, far cheaper than a
// parser callback per value (measured: +30 % on a Llama-3-sized tokenizer.json). Strings are skipped by the same
// rule the parser uses, so up to the first invalid byte, where the parser stops, both see the same containers.
// A value is a container or a scalar, and a container of n elements holds n - 1 commas, so
// values <= 1 + containers + commas: the bound checked.
void checkShape(std::string_view text, const JsonLimits &limits) {
    std::uint64_t containers = 0, commas = 0;
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            ++containers;
            if (++depth > limits.maxDepth)
                throw LimitExceeded{"nested deeper than " + std::to_string(limits.maxDepth) + " levels" +
                                    limitText(limits)};
        } else if (c == ']' || c == '}') {
            if (--depth < 0)
                return; // an unmatched close: the parser stops here, before anything past it
        } else if (c == ',') {
            ++commas;
        }
    }
    if (1 + containers + commas > limits.maxValues)
        throw LimitExceeded{"more than " + std::to_string(limits.maxValues) + " values" + limitText(limits)};
}

} // namespace

json parseJson(std::string_view text, const std::string &origin, const JsonLimits &limits,
               const std::function<void(int depth, const std::string &key)> &onKey) {
    if (text.size() > limits.maxBytes) {
        throw JsonFieldError(ErrorCode::BadFormat, origin + ": " + std::to_string(text.size()) +
                                                       " bytes of JSON, more than " + std::to_string(limits.maxBytes) +
                                                       limitText(limits));
    }
    // Only a caller that watches keys pays for a callback per value.
    const json::parser_callback_t noteKeys = [&](int depth, json::parse_event_t event, json &parsed) {
        if (event == json::parse_event_t::key)
            onKey(depth, parsed.get_ref<const std::string &>());
        return true;
    };
    try {
        checkShape(text, limits);
        return onKey ? json::parse(text, noteKeys) : json::parse(text);
    } catch (const LimitExceeded &e) {
        throw JsonFieldError(ErrorCode::BadFormat, origin + ": " + e.detail);
    } catch (const json::parse_error &e) {
        throw JsonFieldError(ErrorCode::BadFormat, origin + ": not valid JSON: " + e.what());
    } catch (const json::exception &) {
        // A number beyond a double's range (1e999): the DOM parser's message names neither field nor place.
        FailureLocator locator;
        json::sax_parse(text, &locator);
        throw JsonFieldError(ErrorCode::BadFormat, origin + ": " + (locator.path.empty() ? "" : locator.path + ": ") +
                                                       "number " + locator.token + " is too large for a double (byte " +
                                                       std::to_string(locator.position) + ")");
    }
}

Result<json> readJsonFile(const std::string &path, const std::string &what, const JsonLimits &limits) {
    const std::string origin = what + " " + path;
    auto size = regularFileSize(path, what);
    if (!size) {
        return std::unexpected(size.error());
    }
    if (*size > limits.maxBytes) {
        return fail(ErrorCode::BadFormat, origin + ": " + std::to_string(*size) + " bytes, more than " +
                                              std::to_string(limits.maxBytes) + limitText(limits));
    }
    auto text = readTextFile(path, what, limits.maxBytes);
    if (!text) {
        return std::unexpected(text.error());
    }
    return catchJsonFields([&]() -> Result<json> { return parseJson(*text, origin, limits); });
}

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

void JsonFields::fail(ErrorCode code, const std::string &path, const std::string &detail) const {
    throw JsonFieldError(code, m_origin + ": " + (path.empty() ? "" : path + ": ") + detail);
}

void JsonFields::wrongType(const json &value, const std::string &path, const char *expected) const {
    fail(ErrorCode::BadFormat, path, std::string("expected ") + expected + ", found " + describeJson(value));
}

const json *JsonFields::optional(const json &object, const char *key, const std::string &path) const {
    const auto it = asObject(object, path).find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

const json &JsonFields::member(const json &object, const char *key, const std::string &path) const {
    const json *value = optional(object, key, path);
    if (value == nullptr) {
        fail(m_invalid, childPath(path, key), "required field missing");
    }
    return *value;
}

std::string JsonFields::asString(const json &value, const std::string &path) const {
    if (!value.is_string()) {
        wrongType(value, path, "a string");
    }
    return value.get<std::string>();
}

int64_t JsonFields::asInteger(const json &value, const std::string &path, IntRange range) const {
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
        fail(m_invalid, path, value.dump() + " is out of range, expected " + expected);
    }
    return v;
}

double JsonFields::asNumber(const json &value, const std::string &path, RealRange range) const {
    if (!value.is_number()) {
        wrongType(value, path, "a number");
    }
    const double v = value.get<double>();
    if (!range.contains(v)) {
        fail(m_invalid, path, value.dump() + " is out of range, expected " + range.describe());
    }
    return v;
}

bool JsonFields::asBoolean(const json &value, const std::string &path) const {
    if (!value.is_boolean()) {
        wrongType(value, path, "true or false");
    }
    return value.get<bool>();
}

const json &JsonFields::asArray(const json &value, const std::string &path) const {
    if (!value.is_array()) {
        wrongType(value, path, "an array");
    }
    return value;
}

const json &JsonFields::asObject(const json &value, const std::string &path) const {
    if (!value.is_object()) {
        wrongType(value, path, "an object");
    }
    return value;
}

std::string JsonFields::stringOr(const json &object, const char *key, const std::string &fallback,
                                 const std::string &path) const {
    const json *value = optional(object, key, path);
    return value ? asString(*value, childPath(path, key)) : fallback;
}

bool JsonFields::booleanOr(const json &object, const char *key, bool fallback, const std::string &path) const {
    const json *value = optional(object, key, path);
    return value ? asBoolean(*value, childPath(path, key)) : fallback;
}

FieldReader::FieldReader(const json &value, std::string path, const JsonFields &fields)
    : m_object(&fields.asObject(value, path)), m_path(std::move(path)), m_fields(fields) {}

const json *FieldReader::find(const char *key) {
    m_known.emplace_back(key);
    const auto it = m_object->find(key);
    return it == m_object->end() ? nullptr : &*it;
}

const json &FieldReader::require(const char *key) {
    const json *value = find(key);
    if (value == nullptr) {
        fail(m_fields.invalidCode(), path(key), "required field missing");
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
    return value == nullptr ? fallback : m_fields.asBoolean(*value, path(key));
}

FieldReader FieldReader::object(const char *key) {
    const json *value = find(key);
    return FieldReader(value == nullptr ? emptyObject() : *value, path(key), m_fields);
}

const json *FieldReader::array(const char *key) {
    const json *value = find(key);
    return value == nullptr ? nullptr : &asArray(*value, path(key));
}

void FieldReader::finish() const {
    for (const auto &[key, value] : m_object->items()) {
        if (std::find(m_known.begin(), m_known.end(), key) == m_known.end()) {
            std::string accepted;
            for (const auto &known : m_known) {
                accepted += (accepted.empty() ? "" : ", ") + known;
            }
            fail(ErrorCode::BadFormat, childPath(m_path, shownKey(key)),
                 "unknown field (accepted here: " + accepted + ")");
        }
    }
}

} // namespace fp::engine::detail
