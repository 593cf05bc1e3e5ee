#include "formats/JsonPreview.h"

#include <cstdio>

namespace fp::engine::detail {

std::string quotePrefix(const std::string &text, std::size_t limit) {
    std::size_t cut = text.size();
    if (cut > limit) {
        cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut; // not inside a UTF-8 sequence
        }
    }
    std::string out = "'";
    for (std::size_t i = 0; i < cut; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += "'";
    if (cut < text.size()) {
        out += "... (" + std::to_string(text.size()) + " bytes)";
    }
    return out;
}

std::string describeJson(const nlohmann::json &value) {
    switch (value.type()) {
    case nlohmann::json::value_t::string: return "string " + quotePrefix(value.get_ref<const std::string &>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number " + value.dump(); // a number's text is short
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "boolean true" : "boolean false";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::array: return "array of " + std::to_string(value.size()) + " elements";
    case nlohmann::json::value_t::object: return "object with " + std::to_string(value.size()) + " fields";
    default: return value.type_name();
    }
}

} // namespace fp::engine::detail
