// Letters and numbers by Unicode general category from libutf8proc (the Unicode version of the installed library;
// a frozen Unicode 14.0 table before, kept in tests/engine/UnicodeClass14.h as the test's oracle). ASCII, nearly
// all of most texts, is answered without the library.
#include "UnicodeClass.h"

#include <utf8proc.h>

namespace fp::engine::detail {

bool isLetter(char32_t codepoint) {
    if (codepoint < 0x80)
        return (codepoint | 0x20) >= 'a' && (codepoint | 0x20) <= 'z';
    // utf8proc answers Cn (unassigned) for code points past U+10FFFF.
    const utf8proc_category_t category = utf8proc_category(utf8proc_int32_t(codepoint));
    return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

bool isNumber(char32_t codepoint) {
    if (codepoint < 0x80)
        return codepoint >= '0' && codepoint <= '9';
    const utf8proc_category_t category = utf8proc_category(utf8proc_int32_t(codepoint));
    return category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO;
}

// White_Space is a property, not a category, and utf8proc does not expose it; the set has been the same since
// Unicode 6.3 (U+180E left it then).
bool isWhitespace(char32_t codepoint) {
    switch (codepoint) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return codepoint >= 0x2000 && codepoint <= 0x200A;
    }
}

const char *unicodeVersion() { return utf8proc_unicode_version(); }

} // namespace fp::engine::detail
