// The engine's one JSON field reader (formats/JsonFields.h): bounded parsing (size, values, depth), typed reads
// with ranges, and messages that name the file, the field's path and a short quote of what was found.
#include "formats/JsonFields.h"
#include "support/ResultChecks.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <string>

using namespace fp;
using namespace fp::engine::detail;
using nlohmann::json;

namespace {

constexpr JsonLimits kSmall{"test documents", 64, 10, 4};

// The message of the JsonFieldError body throws, or "" when it throws none.
template <typename Body> std::string errorOf(Body &&body, ErrorCode *code = nullptr) {
    try {
        body();
    } catch (const JsonFieldError &e) {
        if (code != nullptr) {
            *code = e.code();
        }
        return e.what();
    }
    return {};
}

bool contains(const std::string &text, const std::string &needle) { return text.find(needle) != std::string::npos; }

} // namespace

class TestJsonFields : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesWithinTheLimits() {
        const json j = parseJson("{\"a\": [1, 2, {\"b\": null}]}", "doc", kSmall);
        QCOMPARE(j["a"][1].get<int>(), 2);
        // Exactly kSmall.maxDepth levels and maxValues values are still accepted.
        QVERIFY(parseJson("[[[[1]]]]", "doc", kSmall).is_array());
        QVERIFY(parseJson("[1,2,3,4,5,6,7,8,9]", "doc", kSmall).is_array());
    }

    void limitsAreEnforced_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::string>("needle");
        QTest::addRow("too long") << std::string(65, ' ') << std::string("doc: 65 bytes of JSON, more than 64");
        QTest::addRow("too many values") << std::string("[1,2,3,4,5,6,7,8,9,10]")
                                         << std::string("doc: more than 10 values (the limit for test documents)");
        QTest::addRow("too deep") << std::string("[[[[[1]]]]]")
                                  << std::string("doc: nested deeper than 4 levels (the limit for test documents)");
        QTest::addRow("deep objects") << std::string("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}")
                                      << std::string("nested deeper than 4 levels");
        QTest::addRow("invalid") << std::string("{\"a\": ") << std::string("doc: not valid JSON: ");
        QTest::addRow("huge number") << std::string("{\"a\": [1, 1e999]}")
                                     << std::string("doc: a[1]: number 1e999 is too large for a double");
    }
    void limitsAreEnforced() {
        QFETCH(std::string, text);
        QFETCH(std::string, needle);
        ErrorCode code = ErrorCode::Runtime;
        const std::string message = errorOf([&] { parseJson(text, "doc", kSmall); }, &code);
        QVERIFY2(contains(message, needle), message.c_str());
        QCOMPARE(code, ErrorCode::BadFormat);
    }

    // A document nested a million levels deep is refused at the limit, long before any recursion could
    // exhaust the stack (the library's parser is iterative; its destructor and our readers are not all).
    void deepNestingCannotExhaustTheStack() {
        const std::string text = std::string(1000000, '[') + std::string(1000000, ']');
        const std::string message = errorOf([&] { parseJson(text, "deep.json", kConfigJsonLimits); });
        QVERIFY2(contains(message, "deep.json: nested deeper than 64 levels"), message.c_str());
    }

    void readJsonFileChecksTheSizeFirst() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("big.json")).toStdString();
        std::ofstream(path) << "[" << std::string(100, ' ') << "]";
        FP_VERIFY_ERROR(readJsonFile(path, "config file", kSmall), ErrorCode::BadFormat,
                        "config file " + path + ": 102 bytes, more than 64 (the limit for test documents)");
        FP_VERIFY_ERROR(readJsonFile(path + ".absent", "config file", kSmall), ErrorCode::NotFound, path);
        const std::string good = dir.filePath(QStringLiteral("good.json")).toStdString();
        std::ofstream(good) << "{\"r\": 8}";
        auto j = readJsonFile(good, "config file", kSmall);
        FP_VERIFY_OK(j);
        QCOMPARE((*j)["r"].get<int>(), 8);
    }

    void typedReadsNameFileFieldAndValue_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<int>("read");
        QTest::addColumn<std::string>("needle");
        QTest::addColumn<ErrorCode>("code");
        const auto bad = ErrorCode::BadFormat;
        QTest::addRow("string for integer") << std::string("{\"n\": \"12\"}") << 0
                                            << std::string("f.json: n: expected an integer, found string '12'") << bad;
        QTest::addRow("fraction for integer")
            << std::string("{\"n\": 2.5}") << 0 << std::string("n: expected an integer, found number 2.5") << bad;
        QTest::addRow("below range") << std::string("{\"n\": 0}") << 0
                                     << std::string("n: 0 is out of range, expected an integer in [1, 10]") << bad;
        QTest::addRow("huge unsigned") << std::string("{\"n\": 18446744073709551615}") << 0
                                       << std::string("n: 18446744073709551615 is out of range") << bad;
        QTest::addRow("array for string") << std::string("{\"s\": [1, 2, 3]}") << 1
                                          << std::string("s: expected a string, found array of 3 elements") << bad;
        QTest::addRow("long string quoted briefly")
            << "{\"n\": \"" + std::string(5000, 'x') + "\"}" << 0
            << "n: expected an integer, found string '" + std::string(40, 'x') + "'... (5000 bytes)" << bad;
        QTest::addRow("missing") << std::string("{}") << 1 << std::string("f.json: s: required field missing") << bad;
        QTest::addRow("null required") << std::string("{\"s\": null}") << 1 << std::string("s: required field missing")
                                       << bad;
        QTest::addRow("nested path") << std::string("{\"o\": {\"list\": [true, 3]}}") << 2
                                     << std::string("o.list[1]: expected true or false, found number 3") << bad;
        QTest::addRow("number range") << std::string("{\"x\": 1.5}") << 3
                                      << std::string("x: 1.5 is out of range, expected a number in [0, 1)") << bad;
    }
    void typedReadsNameFileFieldAndValue() {
        QFETCH(std::string, text);
        QFETCH(int, read);
        QFETCH(std::string, needle);
        QFETCH(ErrorCode, code);
        const JsonFields f("f.json");
        const json j = parseJson(text, "f.json", kConfigJsonLimits);
        ErrorCode got = ErrorCode::Runtime;
        const std::string message = errorOf(
            [&] {
                switch (read) {
                case 0: f.asInteger(f.member(j, "n", ""), "n", {1, 10}); break;
                case 1: f.asString(f.member(j, "s", ""), "s"); break;
                case 2: {
                    const json &list = f.asArray(f.member(f.member(j, "o", ""), "list", "o"), "o.list");
                    for (size_t i = 0; i < list.size(); ++i) {
                        f.asBoolean(list[i], indexPath("o.list", i));
                    }
                    break;
                }
                default: f.asNumber(f.member(j, "x", ""), "x", {0.0, 1.0, false, true}); break;
                }
            },
            &got);
        QVERIFY2(contains(message, needle), message.c_str());
        QCOMPARE(got, code);
    }

    void readsValuesAndFallbacks() {
        const JsonFields f("f.json");
        const json j = json::parse("{\"n\": 3.0, \"s\": \"x\", \"b\": null, \"o\": {\"k\": 1}}");
        QCOMPARE(f.asInteger(j["n"], "n", {0, 5}), int64_t(3)); // an integer written as a float
        QCOMPARE(f.stringOr(j, "s", "d", ""), std::string("x"));
        QCOMPARE(f.stringOr(j, "absent", "d", ""), std::string("d"));
        QVERIFY(f.booleanOr(j, "b", true, "")); // null reads as absent
        QVERIFY(f.optional(j, "b", "") == nullptr);
        QVERIFY(f.optional(j, "o", "") != nullptr);
        const std::string message = errorOf([&] { f.optional(j["s"], "k", "s"); });
        QVERIFY2(contains(message, "s: expected an object, found string 'x'"), message.c_str());
    }

    void invalidCodeFollowsTheKindOfFile() {
        const JsonFields trial("trial.json", ErrorCode::InvalidArgument);
        ErrorCode code = ErrorCode::Runtime;
        errorOf([&] { trial.member(json::object(), "name", ""); }, &code);
        QCOMPARE(code, ErrorCode::InvalidArgument);
        errorOf([&] { trial.asString(json(3), "name"); }, &code);
        QCOMPARE(code, ErrorCode::BadFormat); // a wrong type stays a format error
    }

    void fieldReaderRejectsUnknownKeys() {
        const JsonFields f("trial.json", ErrorCode::InvalidArgument);
        const json j = json::parse("{\"rounds\": 3, \"round\": 4, \"seed\": null}");
        FieldReader reader(j, "schedule", f);
        QCOMPARE(reader.integer("rounds", 1, {1, 10}), int64_t(3));
        QCOMPARE(reader.integer("absent", 7, {0, 10}), int64_t(7));
        const std::string null = errorOf([&] { reader.integer("seed", 7, {0, 10}); }); // null is not "absent"
        QVERIFY2(contains(null, "trial.json: schedule.seed: expected an integer, found null"), null.c_str());
        const std::string message = errorOf([&] { reader.finish(); });
        QVERIFY2(contains(message, "trial.json: schedule.round: unknown field (accepted here: rounds, absent, seed)"),
                 message.c_str());
        const json longKey = json::object({{std::string(300, 'k'), 1}});
        FieldReader other(longKey, "", f);
        const std::string quoted = errorOf([&] { other.finish(); });
        QVERIFY2(contains(quoted, "'" + std::string(40, 'k') + "'... (300 bytes): unknown field"), quoted.c_str());
    }

    void catchJsonFieldsReturnsTheError() {
        const auto result =
            catchJsonFields([]() -> Result<int> { JsonFields("f.json").fail(ErrorCode::Unsupported, "x", "no"); });
        FP_VERIFY_ERROR(result, ErrorCode::Unsupported, "f.json: x: no");
    }
};

QTEST_APPLESS_MAIN(TestJsonFields)
#include "TestJsonFields.moc"
