// The tokenizer's letter and number classes (libutf8proc's general categories) against the frozen Unicode 14.0
// table they replaced (UnicodeClass14.h), over every code point: the same everywhere except code points that later
// Unicode versions assigned, which are listed here by the version that added them.
#include "UnicodeClass14.h"
#include "tokenizer/UnicodeClass.h"

#include <QTest>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

using namespace fp::engine::detail;
namespace u14 = fp::tests::unicode14;

namespace {

struct Range {
    char32_t first;
    char32_t last;
    bool operator==(const Range &) const = default;
};

template <size_t N> bool inTable(const u14::CodepointRange (&table)[N], char32_t cp) {
    const auto *it = std::upper_bound(std::begin(table), std::end(table), cp,
                                      [](char32_t c, const u14::CodepointRange &r) { return c < r.first; });
    return it != std::begin(table) && cp <= std::prev(it)->last;
}

// Code points of Unicode 15.0 that were unassigned in 14.0 and are letters (L*) now.
const std::vector<Range> kLettersNewIn15 = {
    {0x1123F, 0x11240},                                         // Khojki
    {0x11F02, 0x11F02}, {0x11F04, 0x11F10}, {0x11F12, 0x11F33}, // Kawi
    {0x1342F, 0x1342F}, {0x13441, 0x13446},                     // Egyptian hieroglyphs
    {0x1B132, 0x1B132}, {0x1B155, 0x1B155},                     // small kana
    {0x1DF25, 0x1DF2A},                                         // Latin Extended-G
    {0x1E030, 0x1E06D},                                         // Cyrillic Extended-D
    {0x1E4D0, 0x1E4EB},                                         // Nag Mundari
    {0x2B739, 0x2B739},                                         // CJK Extension B
    {0x31350, 0x323AF},                                         // CJK Extension H
};
// ... and numbers (N*).
const std::vector<Range> kNumbersNewIn15 = {
    {0x11F50, 0x11F59}, // Kawi digits
    {0x1D2C0, 0x1D2D3}, // Kaktovik numerals
    {0x1E4F0, 0x1E4F9}, // Nag Mundari digits
};

// Maximal runs of code points where the library says yes and the old table no; removed() gets those where the
// library says no and the old table yes.
struct Differences {
    std::vector<Range> added;
    std::vector<Range> removed;
};

template <size_t N, typename Pred> Differences differences(const u14::CodepointRange (&table)[N], Pred isNow) {
    Differences out;
    auto extend = [](std::vector<Range> &runs, char32_t cp) {
        if (!runs.empty() && runs.back().last + 1 == cp)
            runs.back().last = cp;
        else
            runs.push_back({cp, cp});
    };
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        const bool then = inTable(table, cp);
        const bool now = isNow(cp);
        if (now && !then)
            extend(out.added, cp);
        else if (then && !now)
            extend(out.removed, cp);
    }
    return out;
}

std::string describe(const std::vector<Range> &ranges) {
    std::string text;
    for (const Range &r : ranges)
        text += QString::asprintf(" U+%04X..U+%04X", unsigned(r.first), unsigned(r.last)).toStdString();
    return text.empty() ? " none" : text;
}

bool contains(const std::vector<Range> &all, const std::vector<Range> &part) {
    return std::all_of(part.begin(), part.end(), [&](const Range &r) {
        return std::any_of(all.begin(), all.end(),
                           [&](const Range &a) { return a.first <= r.first && r.last <= a.last; });
    });
}

} // namespace

class TestUnicodeClass : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesTheUnicode14Table_data() {
        QTest::addColumn<bool>("letters");
        QTest::addRow("letters") << true;
        QTest::addRow("numbers") << false;
    }

    // Nothing the old table called a letter (number) stopped being one; what was added is exactly what Unicode 15.0
    // added, when the library follows 15.0 (Debian bookworm's utf8proc 2.8). A newer library may add more, but
    // never less.
    void matchesTheUnicode14Table() {
        QFETCH(bool, letters);
        const Differences diff = letters ? differences(u14::kLetters, [](char32_t cp) { return isLetter(cp); })
                                         : differences(u14::kNumbers, [](char32_t cp) { return isNumber(cp); });
        const std::vector<Range> &newIn15 = letters ? kLettersNewIn15 : kNumbersNewIn15;
        const std::string version = unicodeVersion();
        qInfo("utf8proc follows Unicode %s; added since 14.0:%s", version.c_str(), describe(diff.added).c_str());
        QVERIFY2(diff.removed.empty(), ("no longer in the class:" + describe(diff.removed)).c_str());
        if (version == "15.0.0") {
            QCOMPARE(diff.added, newIn15);
        } else {
            QVERIFY2(std::stoi(version) >= 15, ("utf8proc follows Unicode " + version + ", older than 15.0").c_str());
            QVERIFY2(contains(diff.added, newIn15),
                     ("Unicode 15.0 additions missing from:" + describe(diff.added)).c_str());
        }
    }

    void asciiAndSamples() {
        QVERIFY(isLetter('a') && isLetter('Z') && !isLetter('0') && !isLetter('_') && !isLetter(' '));
        QVERIFY(isNumber('0') && isNumber('9') && !isNumber('a'));
        QVERIFY(isLetter(0x00E9) && isLetter(0x4E2D) && isLetter(0xAC00)); // é, 中, 가
        QVERIFY(isNumber(0x0663) && isNumber(0x2167) && isNumber(0x00BD)); // Arabic-Indic 3, Roman VIII, ½
        QVERIFY(!isLetter(0x0301) && !isNumber(0x0301));                   // combining acute accent (Mn)
        QVERIFY(!isLetter(0x110000) && !isNumber(0x110000) && !isLetter(0xFFFFFFFF));
        QVERIFY(isWhitespace(0x3000) && isWhitespace(0x85) && !isWhitespace(0x180E) && !isWhitespace(0x200B));
    }
};

QTEST_APPLESS_MAIN(TestUnicodeClass)
#include "TestUnicodeClass.moc"
