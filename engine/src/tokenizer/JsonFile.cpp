#include "JsonFile.h"

#include "formats/FileIo.h"

namespace fp::engine::detail {

namespace {

constexpr std::uint64_t kMaxJsonBytes = 1ull << 30;

} // namespace

Result<nlohmann::json> JsonFile::read(const std::string &path, const std::string &what) {
    auto text = readTextFile(path, what, kMaxJsonBytes);
    if (!text)
        return std::unexpected(text.error());
    try {
        return nlohmann::json::parse(*text);
    } catch (const nlohmann::json::parse_error &e) {
        return fp::fail(ErrorCode::BadFormat, what + " " + path + ": malformed JSON: " + e.what());
    }
}

void JsonFile::fail(ErrorCode code, const std::string &detail) const {
    throw TokenizerFormatError(code, m_what + ": " + detail);
}

void JsonFile::wrongType(const nlohmann::json &value, const char *expected, const std::string &where) const {
    fail(ErrorCode::BadFormat, where + " must be " + expected + ", found " + value.type_name());
}

const nlohmann::json &JsonFile::member(const nlohmann::json &object, const char *key, const std::string &where) const {
    if (!object.is_object())
        wrongType(object, "an object", where);
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        fail(ErrorCode::BadFormat, "missing field " + (where.empty() ? std::string() : where + ".") + key);
    return *it;
}

const nlohmann::json *JsonFile::optional(const nlohmann::json &object, const char *key) {
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return (it == object.end() || it->is_null()) ? nullptr : &*it;
}

std::string JsonFile::string(const nlohmann::json &value, const std::string &where) const {
    if (!value.is_string())
        wrongType(value, "a string", where);
    return value.get<std::string>();
}

std::int64_t JsonFile::integer(const nlohmann::json &value, const std::string &where) const {
    if (!value.is_number_integer())
        wrongType(value, "an integer", where);
    return value.get<std::int64_t>();
}

bool JsonFile::boolean(const nlohmann::json &value, const std::string &where) const {
    if (!value.is_boolean())
        wrongType(value, "true or false", where);
    return value.get<bool>();
}

const nlohmann::json &JsonFile::array(const nlohmann::json &value, const std::string &where) const {
    if (!value.is_array())
        wrongType(value, "an array", where);
    return value;
}

const nlohmann::json &JsonFile::object(const nlohmann::json &value, const std::string &where) const {
    if (!value.is_object())
        wrongType(value, "an object", where);
    return value;
}

std::string JsonFile::stringOr(const nlohmann::json &object, const char *key, const std::string &fallback,
                               const std::string &where) const {
    const nlohmann::json *value = optional(object, key);
    return value ? string(*value, where + "." + key) : fallback;
}

bool JsonFile::booleanOr(const nlohmann::json &object, const char *key, bool fallback, const std::string &where) const {
    const nlohmann::json *value = optional(object, key);
    return value ? boolean(*value, where + "." + key) : fallback;
}

} // namespace fp::engine::detail
