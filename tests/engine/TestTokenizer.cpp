// Tokenizers: llama2.c tokenizer.bin against a direct port of llama2.c's encode, the Hugging Face
// export/import round trip, a hand-made byte-level (Llama 3 style) tokenizer.json, the split pattern
// scanners, and every malformed-file error.

#include "federation/ClientWork.h"
#include "fedpilot/engine/Tokenizer.h"
#include "support/SharedData.h"
#include "tokenizer/SplitPattern.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>

using namespace fp;
using namespace fp::engine;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::vector<int>)
Q_DECLARE_METATYPE(std::vector<std::string>)
Q_DECLARE_METATYPE(fp::ErrorCode)

namespace {

const char *const kTok512 = "models/stories260K/tok512.bin";

std::string toHex(const std::string &bytes) {
    std::ostringstream out;
    for (const unsigned char c : bytes)
        out << "\\x" << std::hex << static_cast<int>(c);
    return out.str();
}

std::string idsText(const std::vector<int> &ids) {
    std::string text;
    for (const int id : ids)
        text += (text.empty() ? "" : " ") + std::to_string(id);
    return text;
}

void writeBytes(const fs::path &path, const std::string &bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

template <typename T> void appendScalar(std::string &bytes, T value) {
    char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    bytes.append(raw, sizeof(T));
}

// A llama2.c tokenizer.bin body: (score, piece) per token after a max_token_length header.
std::string llama2cFile(std::int32_t maxLength, const std::vector<std::pair<float, std::string>> &tokens) {
    std::string bytes;
    appendScalar(bytes, maxLength);
    for (const auto &[score, piece] : tokens) {
        appendScalar(bytes, score);
        appendScalar(bytes, static_cast<std::int32_t>(piece.size()));
        bytes += piece;
    }
    return bytes;
}

// llama2.c's encode as run.c writes it: per-character lookup with byte fallback (+3), then
// repeated full scans for the best-scoring adjacent pair (leftmost on ties). O(n^2); the oracle.
std::vector<int> referenceEncode(const std::vector<std::string> &vocab, const std::vector<float> &scores,
                                 const std::string &text) {
    std::map<std::string, int> lookup;
    for (int id = 0; id < static_cast<int>(vocab.size()); ++id)
        lookup.emplace(vocab[static_cast<std::size_t>(id)], id);
    std::vector<int> tokens;
    if (!text.empty())
        tokens.push_back(lookup.at(" "));
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = i + 1;
        while (j < text.size() && j - i < 4 && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80)
            ++j;
        const std::string character = text.substr(i, j - i);
        if (const auto it = lookup.find(character); it != lookup.end()) {
            tokens.push_back(it->second);
        } else {
            for (const unsigned char byte : character)
                tokens.push_back(byte + 3);
        }
        i = j;
    }
    while (true) {
        float best = -1e10f;
        int bestIndex = -1;
        int bestId = -1;
        for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
            const auto it = lookup.find(vocab[static_cast<std::size_t>(tokens[k])] +
                                        vocab[static_cast<std::size_t>(tokens[k + 1])]);
            if (it != lookup.end() && scores[static_cast<std::size_t>(it->second)] > best) {
                best = scores[static_cast<std::size_t>(it->second)];
                bestIndex = static_cast<int>(k);
                bestId = it->second;
            }
        }
        if (bestIndex < 0)
            break;
        tokens[static_cast<std::size_t>(bestIndex)] = bestId;
        tokens.erase(tokens.begin() + bestIndex + 1);
    }
    return tokens;
}

// The pieces and scores of a llama2.c tokenizer.bin, read independently of the engine.
bool readLlama2c(const std::string &path, std::vector<std::string> &vocab, std::vector<float> &scores) {
    std::ifstream in(path, std::ios::binary);
    std::int32_t maxLength = 0;
    if (!in.read(reinterpret_cast<char *>(&maxLength), 4))
        return false;
    float score = 0;
    std::int32_t length = 0;
    while (in.read(reinterpret_cast<char *>(&score), 4) && in.read(reinterpret_cast<char *>(&length), 4)) {
        std::string piece(static_cast<std::size_t>(length), '\0');
        in.read(piece.data(), length);
        vocab.push_back(piece);
        scores.push_back(score);
    }
    return true;
}

// Random text from vocabulary pieces, spaces, newlines and characters outside the vocabulary.
std::vector<std::string> randomTexts(const std::vector<std::string> &vocab, int count, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<std::string> parts = {" ", "  ", "\n", "é", "日本", "🌍", "\xC3", "\t", "ß", "'s", "123"};
    for (std::size_t id = 259; id < vocab.size(); ++id)
        parts.push_back(vocab[id]);
    std::vector<std::string> texts;
    for (int i = 0; i < count; ++i) {
        std::string text;
        const int pieces = std::uniform_int_distribution<int>(1, 40)(rng);
        for (int p = 0; p < pieces; ++p)
            text += parts[std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng)];
        texts.push_back(text);
    }
    return texts;
}

// Strings every tokenizer must round-trip.
std::vector<std::string> battery() {
    return {"Once upon a time",
            "Once upon a time, there was a little girl named Lily. She loved to play outside.",
            "",
            " ",
            "  two leading spaces",
            "trailing spaces   ",
            "line one\nline two\n\n\tindented",
            "日本語のテスト",
            "emoji 👋🌍 and ZWJ 👨‍👩‍👧",
            "café naïve résumé — “quotes” ‘single’ …",
            "Mixed: 123 + 4.5 = 127.5; 100% sure! #tag @user",
            "\"Hi,\" said Tim. \"Let's play!\"",
            "<b>not special</b> [brackets] {braces} ~tilde~",
            std::string("nul\0byte", 8),
            "\xC3\x28 invalid UTF-8 \xFF\xFE"};
}

// GPT-2's byte -> unicode table, written independently of the engine for the byte-level fixture.
std::string byteChar(unsigned char byte) {
    static const std::vector<std::string> table = [] {
        std::vector<std::string> chars(256);
        int next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            const int cp = printable ? b : next++;
            std::string utf8;
            if (cp < 0x80) {
                utf8 += static_cast<char>(cp);
            } else {
                utf8 += static_cast<char>(0xC0 | (cp >> 6));
                utf8 += static_cast<char>(0x80 | (cp & 0x3F));
            }
            chars[static_cast<std::size_t>(b)] = utf8;
        }
        return chars;
    }();
    return table[byte];
}

// A tiny Llama 3 style tokenizer.json: 256 byte pieces, a few merges, special tokens.
nlohmann::json byteLevelTokenizerJson() {
    nlohmann::json vocab = nlohmann::json::object();
    for (int b = 0; b < 256; ++b)
        vocab[byteChar(static_cast<unsigned char>(b))] = b;
    const std::vector<std::pair<std::string, std::string>> merges = {{"h", "e"},    {"l", "l"},   {"he", "ll"},
                                                                     {"hell", "o"}, {"Ġ", "w"},   {"o", "r"},
                                                                     {"l", "d"},    {"Ġw", "or"}, {"Ġwor", "ld"}};
    int next = 256;
    nlohmann::json mergeList = nlohmann::json::array();
    for (const auto &[a, b] : merges) {
        vocab[a + b] = next++;
        mergeList.push_back(nlohmann::json::array({a, b}));
    }
    vocab["Ġxyz"] = next++; // reachable only through ignore_merges
    vocab["123"] = next++;
    const std::string split =
        R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
    nlohmann::json added = nlohmann::json::array();
    for (const auto &[id, content] : std::vector<std::pair<int, std::string>>{
             {300, "<|begin_of_text|>"}, {301, "<|end_of_text|>"}, {302, "<|eot_id|>"}}) {
        added.push_back({{"id", id},
                         {"content", content},
                         {"single_word", false},
                         {"lstrip", false},
                         {"rstrip", false},
                         {"normalized", false},
                         {"special", true}});
    }
    return {
        {"version", "1.0"},
        {"added_tokens", added},
        {"normalizer", nullptr},
        {"pre_tokenizer",
         {{"type", "Sequence"},
          {"pretokenizers",
           {{{"type", "Split"}, {"pattern", {{"Regex", split}}}, {"behavior", "Isolated"}, {"invert", false}},
            {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", false}}}}}},
        {"post_processor", nullptr},
        {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}}},
        {"model",
         {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", nullptr},
          {"continuing_subword_prefix", nullptr},
          {"end_of_word_suffix", nullptr},
          {"fuse_unk", false},
          {"byte_fallback", false},
          {"ignore_merges", true},
          {"vocab", vocab},
          {"merges", mergeList}}}};
}

// A tiny SentencePiece-style tokenizer.json: <unk> <s> </s>, 256 byte tokens, then "▁", "h", "i",
// "▁h", "▁hi"; either the legacy normalizer or a Metaspace pre-tokenizer.
nlohmann::json sentencePieceTokenizerJson(bool metaspace) {
    const std::string space = "\xE2\x96\x81";
    nlohmann::json vocab = {{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        vocab[name] = 3 + b;
    }
    vocab[space] = 259;
    vocab["h"] = 260;
    vocab["i"] = 261;
    vocab[space + "h"] = 262;
    vocab[space + "hi"] = 263;
    nlohmann::json root = {{"added_tokens",
                            {{{"id", 0}, {"content", "<unk>"}, {"special", true}},
                             {{"id", 1}, {"content", "<s>"}, {"special", true}},
                             {{"id", 2}, {"content", "</s>"}, {"special", true}}}},
                           {"model",
                            {{"type", "BPE"},
                             {"unk_token", "<unk>"},
                             {"fuse_unk", true},
                             {"byte_fallback", true},
                             {"vocab", vocab},
                             {"merges", {space + " h", space + "h i"}}}}};
    if (metaspace) {
        root["normalizer"] = nullptr;
        root["pre_tokenizer"] = {
            {"type", "Metaspace"}, {"replacement", space}, {"prepend_scheme", "first"}, {"split", false}};
        root["decoder"] = {
            {"type", "Metaspace"}, {"replacement", space}, {"prepend_scheme", "first"}, {"split", false}};
    } else {
        root["normalizer"] = {{"type", "Sequence"},
                              {"normalizers",
                               {{{"type", "Prepend"}, {"prepend", space}},
                                {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", space}}}}};
        root["decoder"] = {{"type", "Sequence"},
                           {"decoders",
                            {{{"type", "Replace"}, {"pattern", {{"String", space}}}, {"content", " "}},
                             {{"type", "ByteFallback"}},
                             {{"type", "Fuse"}},
                             {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}};
    }
    return root;
}

} // namespace

#define REQUIRE_TOK512(path) FP_REQUIRE_SHARED_FILE(path, kTok512)

#define REQUIRE_OK(result) QVERIFY2((result).has_value(), (result) ? "" : (result).error().message.c_str())

class TestTokenizer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    std::string tmpPath(const std::string &name) const {
        return (fs::path(m_tmp.path().toStdString()) / name).string();
    }

    Tokenizer loadTok512() {
        auto tokenizer = Tokenizer::loadLlama2c(fp::test::sharedFile(kTok512).value_or(kTok512), 512);
        if (!tokenizer)
            qFatal("%s", tokenizer.error().message.c_str());
        return *tokenizer;
    }

    // Writes json as dir/tokenizer.json and loads it.
    Result<Tokenizer> loadJson(const std::string &dir, const nlohmann::json &json) {
        fs::create_directories(tmpPath(dir));
        const std::string path = tmpPath(dir + "/tokenizer.json");
        writeBytes(path, json.dump());
        return Tokenizer::loadHuggingFace(path);
    }

private Q_SLOTS:
    void init() { QVERIFY(m_tmp.isValid()); }

    void emptyTokenizerIsHarmless() {
        const Tokenizer empty;
        QCOMPARE(empty.kind(), Tokenizer::Kind::Empty);
        QCOMPARE(empty.vocabSize(), 0);
        QVERIFY(empty.encode("abc", true, true).empty());
        QCOMPARE(empty.decode({1, 2, 3}), std::string());
        QCOMPARE(empty.decodeToken(1, 5), std::string());
        const auto saved = empty.saveHuggingFace(tmpPath("empty"));
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::InvalidArgument);
    }

    void loadsTok512() {
        REQUIRE_TOK512(path);
        const auto tokenizer = Tokenizer::loadLlama2c(path, 512);
        REQUIRE_OK(tokenizer);
        QCOMPARE(tokenizer->kind(), Tokenizer::Kind::Llama2c);
        QCOMPARE(tokenizer->vocabSize(), 512);
        QCOMPARE(tokenizer->unkId(), 0);
        QCOMPARE(tokenizer->bosId(), 1);
        QCOMPARE(tokenizer->eosId(), 2);
        QCOMPARE(tokenizer->piece(403), std::string(" Once"));
        QCOMPARE(tokenizer->findToken(" Once"), 403);
        QCOMPARE(tokenizer->findToken("<0x41>"), 3 + 0x41);
        QVERIFY(tokenizer->isSpecial(1));
        QVERIFY(!tokenizer->isSpecial(403));
        QCOMPARE(tokenizer->piece(-1), std::string());
    }

    // Expected ids from a direct Python port of llama2.c run.c's encode over tok512.bin.
    void encodesLikeLlama2c_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::vector<int>>("ids");
        QTest::addRow("once upon a time") << std::string("Once upon a time") << std::vector<int>{403, 407, 261, 378};
        QTest::addRow("hello world") << std::string("Hello world") << std::vector<int>{346, 306, 414, 263, 304, 341};
        QTest::addRow("sentence") << std::string("Lily and Tim went to the park.")
                                  << std::vector<int>{317, 269, 326, 263, 377, 267, 265, 282, 295, 433, 426};
        QTest::addRow("leading space") << std::string(" leading") << std::vector<int>{410, 278, 411, 380, 299};
        QTest::addRow("newline byte") << std::string("a\nb") << std::vector<int>{261, 13, 430};
        QTest::addRow("japanese bytes") << std::string("日本語のテスト")
                                        << std::vector<int>{410, 233, 154, 168, 233, 159, 175, 235, 173, 161, 230,
                                                            132, 177, 230, 134, 137, 230, 133, 188, 230, 134, 139};
        QTest::addRow("emoji bytes") << std::string("emoji 👋🌍 ok")
                                     << std::vector<int>{344, 423, 414, 449, 417, 410, 243, 162,
                                                         148, 142, 243, 162, 143, 144, 334, 433};
        QTest::addRow("empty") << std::string() << std::vector<int>{};
    }
    void encodesLikeLlama2c() {
        REQUIRE_TOK512(path);
        QFETCH(std::string, text);
        QFETCH(std::vector<int>, ids);
        const Tokenizer tokenizer = loadTok512();
        QCOMPARE(idsText(tokenizer.encode(text)), idsText(ids));
    }

    void matchesReferenceEncoderOnRandomText() {
        REQUIRE_TOK512(path);
        std::vector<std::string> vocab;
        std::vector<float> scores;
        QVERIFY(readLlama2c(path, vocab, scores));
        const Tokenizer tokenizer = loadTok512();
        std::vector<std::string> texts = randomTexts(vocab, 300, 42);
        for (const std::string &text : battery())
            texts.push_back(text.find('\0') == std::string::npos ? text : "");
        for (const std::string &text : texts) {
            const std::vector<int> expected = referenceEncode(vocab, scores, text);
            const std::vector<int> got = tokenizer.encode(text);
            QVERIFY2(got == expected, qPrintable(QString::fromStdString(toHex(text) + ": got " + idsText(got) +
                                                                        ", llama2.c gives " + idsText(expected))));
        }
    }

    void roundTrips_data() {
        QTest::addColumn<std::string>("text");
        const std::vector<std::string> texts = battery();
        for (std::size_t i = 0; i < texts.size(); ++i)
            QTest::addRow("battery %zu", i) << texts[i];
    }
    void roundTrips() {
        REQUIRE_TOK512(path);
        QFETCH(std::string, text);
        const Tokenizer tokenizer = loadTok512();
        QCOMPARE(tokenizer.decode(tokenizer.encode(text)), text);
        QCOMPARE(tokenizer.decode(tokenizer.encode(text, true, true)), text);
    }

    void longTextRoundTrips() {
        REQUIRE_TOK512(path);
        const Tokenizer tokenizer = loadTok512();
        std::string text;
        for (int i = 0; i < 3000; ++i)
            text += "Once upon a time, Lily saw 日本 and a big red ball. ";
        const std::vector<int> ids = tokenizer.encode(text);
        QVERIFY(ids.size() > text.size() / 8);
        QCOMPARE(tokenizer.decode(ids), text);
    }

    void addsBosAndEos() {
        REQUIRE_TOK512(path);
        const Tokenizer tokenizer = loadTok512();
        const std::vector<int> plain = tokenizer.encode("Once upon a time");
        std::vector<int> withBos = {1};
        withBos.insert(withBos.end(), plain.begin(), plain.end());
        std::vector<int> withBoth = withBos;
        withBoth.push_back(2);
        QCOMPARE(tokenizer.encode("Once upon a time", true, false), withBos);
        QCOMPARE(tokenizer.encode("Once upon a time", true, true), withBoth);
        QCOMPARE(tokenizer.encode("Once upon a time", false, true).back(), 2);
        QCOMPARE(tokenizer.encode("", true, true), (std::vector<int>{1, 2}));
        QCOMPARE(tokenizer.decode(withBoth), std::string("Once upon a time"));
        // llama2.c vocabularies never read special tokens out of the text.
        QVERIFY(tokenizer.encode("<s>") != (std::vector<int>{1}));
    }

    // model.truncation: which side of a too-long training or feature sequence is lost.
    void truncationKeepsTheChosenSide() {
        REQUIRE_TOK512(path);
        const Tokenizer tokenizer = loadTok512();
        InstructionSample sample{"Tell a long story about a cat and a dog who live in a small house by the sea.",
                                 "Once upon a time there was a little girl who loved to play outside.",
                                 "The cat and the dog were best friends and played all day.", "t0"};
        const EncodedSample full = encodeForTraining(tokenizer, sample, 0);
        const auto firstResponse = size_t(std::find_if(full.labels.begin(), full.labels.end(),
                                                       [](int l) { return l != EncodedSample::kIgnoreLabel; }) -
                                          full.labels.begin());
        QVERIFY(firstResponse > 20 && full.tokens.size() > firstResponse + 8);
        const int window = int(full.tokens.size()) - 10;
        // prompt-start: BOS, then the prompt loses its start; the whole response (with EOS) stays.
        const auto start = detail::encodeWithinWindow(tokenizer, sample, window, Truncation::PromptStart);
        QCOMPARE(start.tokens.size(), size_t(window));
        QCOMPARE(start.tokens.front(), 1);
        QCOMPARE(start.tokens.back(), full.tokens.back());
        QCOMPARE(start.responseTokens(), full.responseTokens());
        // reference: the first tokens stay; the response loses its end (EOS included).
        const auto reference = detail::encodeWithinWindow(tokenizer, sample, window, Truncation::Reference);
        QCOMPARE(reference.tokens, std::vector<int>(full.tokens.begin(), full.tokens.begin() + window));
        QCOMPARE(reference.labels, std::vector<int>(full.labels.begin(), full.labels.begin() + window));
        QCOMPARE(reference.responseTokens(), full.responseTokens() - 10);
        // A window inside the prompt leaves the reference nothing to learn from (the sample is not trained on).
        QCOMPARE(
            detail::encodeWithinWindow(tokenizer, sample, int(firstResponse), Truncation::Reference).responseTokens(),
            0);
        QVERIFY(detail::encodeWithinWindow(tokenizer, sample, int(firstResponse), Truncation::PromptStart)
                    .responseTokens() > 0);
        // Features: BOS + the last tokens, or the first tokens.
        const std::vector<InstructionSample> samples{sample};
        const auto ends = detail::featureSequences(tokenizer, samples, {0}, 8, Truncation::PromptStart);
        std::vector<int> expectEnd{1};
        expectEnd.insert(expectEnd.end(), full.tokens.end() - 7, full.tokens.end());
        QCOMPARE(ends.at(0), expectEnd);
        const auto starts = detail::featureSequences(tokenizer, samples, {0}, 8, Truncation::Reference);
        QCOMPARE(starts.at(0), std::vector<int>(full.tokens.begin(), full.tokens.begin() + 8));
    }

    void decodesTokenByToken() {
        REQUIRE_TOK512(path);
        const Tokenizer tokenizer = loadTok512();
        QCOMPARE(tokenizer.decodeToken(1, 403), std::string("Once"));
        QCOMPARE(tokenizer.decodeToken(403, 407), std::string(" upon"));
        QCOMPARE(tokenizer.decodeToken(403, 3 + 0xE6), std::string("\xE6"));
        QCOMPARE(tokenizer.decodeToken(403, 1), std::string());
        QCOMPARE(tokenizer.decodeToken(403, 2), std::string());
        QCOMPARE(tokenizer.decodeToken(403, 9999), std::string());
        for (const std::string &text : battery()) {
            const std::vector<int> ids = tokenizer.encode(text, true, true);
            std::string streamed;
            for (std::size_t i = 1; i < ids.size(); ++i)
                streamed += tokenizer.decodeToken(ids[i - 1], ids[i]);
            QCOMPARE(streamed, text);
        }
    }

    void copiesShareTheVocabulary() {
        REQUIRE_TOK512(path);
        const Tokenizer original = loadTok512();
        Tokenizer copy;
        copy = original;
        QCOMPARE(copy.vocabSize(), 512);
        QCOMPARE(copy.encode("Once upon a time"), original.encode("Once upon a time"));
    }

    void huggingFaceExportEncodesIdentically() {
        REQUIRE_TOK512(path);
        const Tokenizer llama2c = loadTok512();
        const std::string dir = tmpPath("hf-export");
        const auto saved = llama2c.saveHuggingFace(dir);
        REQUIRE_OK(saved);
        for (const char *name : {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"})
            QVERIFY2(fs::exists(fs::path(dir) / name), name);

        std::ifstream in(fs::path(dir) / "tokenizer.json");
        const nlohmann::json json = nlohmann::json::parse(in);
        QCOMPARE(json["model"]["type"].get<std::string>(), std::string("BPE"));
        QVERIFY(json["model"]["byte_fallback"].get<bool>());
        QCOMPARE(json["model"]["vocab"]["\xE2\x96\x81Once"].get<int>(), 403);
        QCOMPARE(json["model"]["vocab"]["<s>"].get<int>(), 1);
        QCOMPARE(json["model"]["merges"][0].get<std::string>(), std::string("\xE2\x96\x81 t"));

        const auto hf = Tokenizer::loadHuggingFace(dir + "/tokenizer.json");
        REQUIRE_OK(hf);
        QCOMPARE(hf->kind(), Tokenizer::Kind::SentencePieceBpe);
        QCOMPARE(hf->vocabSize(), 512);
        QCOMPARE(hf->bosId(), 1);
        QCOMPARE(hf->eosId(), 2);
        QCOMPARE(hf->unkId(), 0);

        std::vector<std::string> vocab;
        std::vector<float> scores;
        QVERIFY(readLlama2c(path, vocab, scores));
        std::vector<std::string> texts = randomTexts(vocab, 300, 7);
        for (const std::string &text : battery())
            texts.push_back(text);
        for (const std::string &text : texts) {
            const std::vector<int> expected = llama2c.encode(text, true, false);
            const std::vector<int> got = hf->encode(text, true, false);
            QVERIFY2(got == expected,
                     qPrintable(QString::fromStdString(toHex(text) + ": tokenizer.json gives " + idsText(got) +
                                                       ", llama2.c " + idsText(expected))));
            QCOMPARE(hf->decode(got), llama2c.decode(expected));
        }

        // Saving the loaded tokenizer.json again keeps its behaviour.
        REQUIRE_OK(hf->saveHuggingFace(tmpPath("hf-again")));
        const auto again = Tokenizer::loadHuggingFace(tmpPath("hf-again/tokenizer.json"));
        REQUIRE_OK(again);
        for (const std::string &text : battery())
            QCOMPARE(again->encode(text), hf->encode(text));
    }

    void sentencePieceJsonFollowsItsPreTokenizer_data() {
        QTest::addColumn<bool>("metaspace");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::vector<int>>("ids");
        QTest::addColumn<std::string>("decoded");
        // Legacy normalizer: always a dummy prefix, like SentencePiece.
        QTest::addRow("legacy hi") << false << std::string("hi") << std::vector<int>{263} << std::string("hi");
        QTest::addRow("legacy space hi") << false << std::string(" hi") << std::vector<int>{259, 263}
                                         << std::string(" hi");
        QTest::addRow("legacy byte fallback")
            << false << std::string("hé") << std::vector<int>{262, 3 + 0xC3, 3 + 0xA9} << std::string("hé");
        QTest::addRow("legacy special") << false << std::string("hi</s>hi") << std::vector<int>{263, 2, 263}
                                        << std::string("hi hi");
        // Metaspace "first": no second prefix when the text already starts with a space.
        QTest::addRow("metaspace hi") << true << std::string("hi") << std::vector<int>{263} << std::string("hi");
        QTest::addRow("metaspace space hi") << true << std::string(" hi") << std::vector<int>{263} << std::string("hi");
        QTest::addRow("metaspace special")
            << true << std::string("hi</s>hi") << std::vector<int>{263, 2, 260, 261} << std::string("hihi");
    }
    void sentencePieceJsonFollowsItsPreTokenizer() {
        QFETCH(bool, metaspace);
        QFETCH(std::string, text);
        QFETCH(std::vector<int>, ids);
        QFETCH(std::string, decoded);
        const auto tokenizer =
            loadJson(metaspace ? "sp-metaspace" : "sp-legacy", sentencePieceTokenizerJson(metaspace));
        REQUIRE_OK(tokenizer);
        QCOMPARE(tokenizer->kind(), Tokenizer::Kind::SentencePieceBpe);
        QCOMPARE(tokenizer->bosId(), 1);
        QCOMPARE(idsText(tokenizer->encode(text)), idsText(ids));
        std::vector<int> withoutEos;
        for (const int id : ids) {
            if (id != tokenizer->eosId())
                withoutEos.push_back(id);
        }
        QCOMPARE(tokenizer->decode(withoutEos), decoded);
    }

    void byteLevelTokenizer_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::vector<std::string>>("pieces");
        QTest::addRow("merges") << std::string("hello world") << std::vector<std::string>{"hello", "Ġworld"};
        QTest::addRow("special token") << std::string("hello<|eot_id|> world")
                                       << std::vector<std::string>{"hello", "<|eot_id|>", "Ġworld"};
        QTest::addRow("punctuation and newline")
            << std::string("hello, world!!\n") << std::vector<std::string>{"hello", ",", "Ġworld", "!", "!", "Ċ"};
        QTest::addRow("merges by rank") << std::string("shell") << std::vector<std::string>{"s", "hell"};
        QTest::addRow("merges then rest") << std::string("hellos") << std::vector<std::string>{"hello", "s"};
        QTest::addRow("ignore_merges") << std::string(" xyz") << std::vector<std::string>{"Ġxyz"};
        QTest::addRow("digits in threes") << std::string("12345") << std::vector<std::string>{"123", "4", "5"};
        QTest::addRow("contraction") << std::string("he'S") << std::vector<std::string>{"he", "'", "S"};
        QTest::addRow("non-ascii") << std::string("é") << std::vector<std::string>{"Ã", "©"};
    }
    void byteLevelTokenizer() {
        QFETCH(std::string, text);
        QFETCH(std::vector<std::string>, pieces);
        const auto tokenizer = loadJson("byte-level", byteLevelTokenizerJson());
        REQUIRE_OK(tokenizer);
        QCOMPARE(tokenizer->kind(), Tokenizer::Kind::ByteLevelBpe);
        std::vector<int> expected;
        for (const std::string &piece : pieces) {
            expected.push_back(tokenizer->findToken(piece));
            QVERIFY2(expected.back() >= 0, piece.c_str());
        }
        QCOMPARE(idsText(tokenizer->encode(text)), idsText(expected));
        QCOMPARE(tokenizer->decode(tokenizer->encode(text)), text);
    }

    void byteLevelSpecialIdsAndRoundTrip() {
        const auto tokenizer = loadJson("byte-level-ids", byteLevelTokenizerJson());
        REQUIRE_OK(tokenizer);
        QCOMPARE(tokenizer->bosId(), 300);
        QCOMPARE(tokenizer->eosId(), 301);
        QCOMPARE(tokenizer->vocabSize(), 303);
        QCOMPARE(tokenizer->encode("hello", true, true), (std::vector<int>{300, tokenizer->findToken("hello"), 301}));
        QVERIFY(tokenizer->isSpecial(302));
        QCOMPARE(tokenizer->decode({300, tokenizer->findToken("hello"), 302, 301}), std::string("hello<|eot_id|>"));
        QCOMPARE(tokenizer->decodeToken(300, tokenizer->findToken("Ġworld")), std::string(" world"));
        for (const std::string &text : battery())
            QCOMPARE(tokenizer->decode(tokenizer->encode(text)), text);

        // tokenizer_config.json beside the file names the EOS (as Llama 3 Instruct does).
        writeBytes(tmpPath("byte-level-ids/tokenizer_config.json"),
                   R"({"bos_token": "<|begin_of_text|>", "eos_token": {"content": "<|eot_id|>"}})");
        const auto configured = Tokenizer::loadHuggingFace(tmpPath("byte-level-ids/tokenizer.json"));
        REQUIRE_OK(configured);
        QCOMPARE(configured->eosId(), 302);

        REQUIRE_OK(configured->saveHuggingFace(tmpPath("byte-level-saved")));
        const auto reloaded = Tokenizer::loadHuggingFace(tmpPath("byte-level-saved/tokenizer.json"));
        REQUIRE_OK(reloaded);
        QCOMPARE(reloaded->kind(), Tokenizer::Kind::ByteLevelBpe);
        QCOMPARE(reloaded->eosId(), 302);
        for (const std::string &text : battery())
            QCOMPARE(reloaded->encode(text, true, true), configured->encode(text, true, true));
    }

    void splitsLikeTheRegexes_data() {
        QTest::addColumn<bool>("llama3");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::vector<std::string>>("pieces");
        // Expected splits from Python's `regex` module with the original patterns.
        QTest::addRow("llama3 contractions")
            << true << std::string("I'm fine, THEY'RE ok")
            << std::vector<std::string>{"I", "'m", " fine", ",", " THEY", "'RE", " ok"};
        QTest::addRow("gpt2 contractions")
            << false << std::string("I'm fine, THEY'RE ok")
            << std::vector<std::string>{"I", "'m", " fine", ",", " THEY", "'", "RE", " ok"};
        QTest::addRow("llama3 newlines") << true << std::string("a\n\n  b")
                                         << std::vector<std::string>{"a", "\n\n", " ", " b"};
        QTest::addRow("gpt2 newlines") << false << std::string("a\n\n  b")
                                       << std::vector<std::string>{"a", "\n\n ", " b"};
        QTest::addRow("llama3 digits") << true << std::string("12345 678")
                                       << std::vector<std::string>{"123", "45", " ", "678"};
        QTest::addRow("gpt2 digits") << false << std::string("12345 678") << std::vector<std::string>{"12345", " 678"};
        QTest::addRow("llama3 quote") << true << std::string("\"quoted\"")
                                      << std::vector<std::string>{"\"quoted", "\""};
        QTest::addRow("llama3 unicode") << true << std::string("日本語 テスト 123")
                                        << std::vector<std::string>{"日本語", " テスト", " ", "123"};
        QTest::addRow("llama3 tabs") << true << std::string("tabs\t\tend  ")
                                     << std::vector<std::string>{"tabs", "\t", "\tend", "  "};
        QTest::addRow("gpt2 tabs") << false << std::string("tabs\t\tend  ")
                                   << std::vector<std::string>{"tabs", "\t", "\t", "end", "  "};
        QTest::addRow("llama3 crlf") << true << std::string("x \r\n y") << std::vector<std::string>{"x", " \r\n", " y"};
    }
    void splitsLikeTheRegexes() {
        QFETCH(bool, llama3);
        QFETCH(std::string, text);
        QFETCH(std::vector<std::string>, pieces);
        using namespace fp::engine::detail;
        std::vector<std::string> got;
        for (const std::string_view piece : splitByPattern(text, llama3 ? SplitPattern::Llama3 : SplitPattern::Gpt2))
            got.emplace_back(piece);
        QCOMPARE(got, pieces);
    }

    void rejectsMalformedLlama2cFiles_data() {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<int>("expectedVocab");
        QTest::addColumn<fp::ErrorCode>("code");
        QTest::addColumn<std::string>("fragment");
        const std::vector<std::pair<float, std::string>> three = {{0, "<unk>"}, {0, "<s>"}, {0, "</s>"}};
        const std::string valid = llama2cFile(5, three);
        QTest::addRow("empty file") << std::string() << -1 << ErrorCode::BadFormat
                                    << std::string("found a file of 0 bytes");
        QTest::addRow("bad header") << llama2cFile(-5, three) << -1 << ErrorCode::BadFormat
                                    << std::string("max_token_length is -5");
        QTest::addRow("truncated token header") << valid + std::string(5, '\0') << -1 << ErrorCode::BadFormat
                                                << std::string("token 3 at offset 40: expected 8 bytes");
        std::string negative = valid;
        appendScalar(negative, 0.0f);
        appendScalar(negative, std::int32_t{-3});
        QTest::addRow("negative length") << negative << -1 << ErrorCode::BadFormat
                                         << std::string("token 3 at offset 40: declares a negative length -3");
        std::string huge = llama2cFile(1 << 16, three);
        appendScalar(huge, 0.0f);
        appendScalar(huge, std::int32_t{4000});
        huge += std::string(12, 'x');
        QTest::addRow("length past the end")
            << huge << -1 << ErrorCode::BadFormat << std::string("declares 4000 bytes but only 12 remain");
        // max_token_length bounds every piece (llama2.c sizes its buffers by it).
        QTest::addRow("token longer than max_token_length")
            << llama2cFile(5, {{0, "<unk>"}, {0, "<s>"}, {0, "</s>"}, {0, "toolong"}}) << -1 << ErrorCode::BadFormat
            << std::string("token 3 at offset 40: declares 7 bytes, more than the header's max_token_length 5");
        QTest::addRow("nan score") << llama2cFile(5, {{0, "<unk>"}, {std::nanf(""), "<s>"}, {0, "</s>"}}) << -1
                                   << ErrorCode::BadFormat
                                   << std::string("token 1 at offset 17: score is not a finite");
        // Pieces within max_token_length but long enough that deriving the merges (length^2 per piece) would keep
        // the loader busy (under the fuzz harness a crafted file of 60 pieces of 64 KiB took minutes).
        QTest::addRow("pieces too long to derive merges")
            << llama2cFile(1 << 16, {{0, "<unk>"}, {0, "<s>"}, {0, "</s>"}, {-1, "a"}, {-2, std::string(1 << 16, 'a')}})
            << -1 << ErrorCode::BadFormat
            << std::string("pieces too long to derive BPE merges from (sum of squared lengths 4294967347, limit "
                           "268435456; token 4 has 65536 bytes)");
        QTest::addRow("too few tokens") << llama2cFile(5, {{0, "<unk>"}, {0, "<s>"}}) << -1 << ErrorCode::BadFormat
                                        << std::string("holds 2 tokens, expected at least 3");
        QTest::addRow("vocab mismatch") << valid << 32000 << ErrorCode::InvalidArgument
                                        << std::string("holds 3 tokens but the model expects 32000");
    }
    void rejectsMalformedLlama2cFiles() {
        QFETCH(std::string, bytes);
        QFETCH(int, expectedVocab);
        QFETCH(fp::ErrorCode, code);
        QFETCH(std::string, fragment);
        const std::string path = tmpPath("broken.bin");
        writeBytes(path, bytes);
        const auto tokenizer = Tokenizer::loadLlama2c(path, expectedVocab);
        QVERIFY(!tokenizer);
        QCOMPARE(tokenizer.error().code, code);
        const std::string &message = tokenizer.error().message;
        QVERIFY2(message.find(path) != std::string::npos, message.c_str());
        QVERIFY2(message.find(fragment) != std::string::npos, message.c_str());
    }

    void reportsMissingFiles() {
        const auto llama2c = Tokenizer::loadLlama2c(tmpPath("absent.bin"));
        QVERIFY(!llama2c);
        QCOMPARE(llama2c.error().code, ErrorCode::NotFound);
        QVERIFY(llama2c.error().message.find("absent.bin") != std::string::npos);
        const auto hf = Tokenizer::loadHuggingFace(tmpPath("absent/tokenizer.json"));
        QVERIFY(!hf);
        QCOMPARE(hf.error().code, ErrorCode::NotFound);
        QVERIFY(hf.error().message.find("absent/tokenizer.json") != std::string::npos);
    }

    void rejectsMalformedTokenizerJson_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<fp::ErrorCode>("code");
        QTest::addColumn<std::string>("fragment");
        const nlohmann::json good = sentencePieceTokenizerJson(false);
        auto with = [&](const nlohmann::json::json_pointer &at, const nlohmann::json &value) {
            nlohmann::json changed = good;
            changed[at] = value;
            return changed.dump();
        };
        using ptr = nlohmann::json::json_pointer;
        QTest::addRow("malformed json") << std::string("{\"model\": ") << ErrorCode::BadFormat
                                        << std::string("not valid JSON");
        QTest::addRow("not an object") << std::string("[]") << ErrorCode::BadFormat << std::string("the top level");
        QTest::addRow("no model") << std::string("{}") << ErrorCode::BadFormat
                                  << std::string("model: required field missing");
        QTest::addRow("wordpiece") << with(ptr("/model/type"), "WordPiece") << ErrorCode::Unsupported
                                   << std::string("model.type is 'WordPiece'");
        QTest::addRow("unigram") << with(ptr("/model/type"), "Unigram") << ErrorCode::Unsupported
                                 << std::string("only BPE");
        QTest::addRow("vocab not object") << with(ptr("/model/vocab"), nlohmann::json::array()) << ErrorCode::BadFormat
                                          << std::string("model.vocab: expected an object, found array");
        QTest::addRow("id not integer") << with(ptr("/model/vocab/h"), "7") << ErrorCode::BadFormat
                                        << std::string("model.vocab['h']: expected an integer, found string '7'");
        QTest::addRow("negative id") << with(ptr("/model/vocab/h"), -4) << ErrorCode::BadFormat
                                     << std::string("model.vocab['h']: -4 is out of range");
        QTest::addRow("duplicate id") << with(ptr("/model/vocab/h"), 261) << ErrorCode::BadFormat
                                      << std::string("gives id 261 to both");
        QTest::addRow("merge of unknown piece") << with(ptr("/model/merges/0"), "x y") << ErrorCode::BadFormat
                                                << std::string("model.merges[0]: piece 'x' is not in model.vocab");
        QTest::addRow("merge without space") << with(ptr("/model/merges/1"), "xy") << ErrorCode::BadFormat
                                             << std::string("model.merges[1] 'xy' must be two pieces");
        QTest::addRow("unk not in vocab")
            << with(ptr("/model/unk_token"), "<oov>") << ErrorCode::BadFormat << std::string("model.unk_token '<oov>'");
        QTest::addRow("added token without content")
            << with(ptr("/added_tokens/1"), {{"id", 1}}) << ErrorCode::BadFormat
            << std::string("added_tokens[1].content: required field missing");
        QTest::addRow("nfkc normalizer") << with(ptr("/normalizer"), {{"type", "NFKC"}}) << ErrorCode::Unsupported
                                         << std::string("normalizer.type is 'NFKC'");
        QTest::addRow("whitespace pre-tokenizer")
            << with(ptr("/pre_tokenizer"), {{"type", "Whitespace"}}) << ErrorCode::Unsupported
            << std::string("pre_tokenizer.type is 'Whitespace'");
        QTest::addRow("unknown split regex")
            << with(ptr("/pre_tokenizer"),
                    {{"type", "Split"}, {"pattern", {{"Regex", "\\w+"}}}, {"behavior", "Isolated"}})
            << ErrorCode::Unsupported << std::string("pre_tokenizer.pattern.Regex '\\w+' is not one of");
        QTest::addRow("wordpiece decoder") << with(ptr("/decoder"), {{"type", "WordPiece"}}) << ErrorCode::Unsupported
                                           << std::string("decoder.type is 'WordPiece'");
    }
    void rejectsMalformedTokenizerJson() {
        QFETCH(std::string, text);
        QFETCH(fp::ErrorCode, code);
        QFETCH(std::string, fragment);
        const std::string path = tmpPath("broken-json/tokenizer.json");
        fs::create_directories(tmpPath("broken-json"));
        writeBytes(path, text);
        const auto tokenizer = Tokenizer::loadHuggingFace(path);
        QVERIFY(!tokenizer);
        QCOMPARE(tokenizer.error().code, code);
        const std::string &message = tokenizer.error().message;
        QVERIFY2(message.find(path) != std::string::npos, message.c_str());
        QVERIFY2(message.find(fragment) != std::string::npos, message.c_str());
    }

    // tokenizer.json is capped at 32 MiB (Llama-3's is 9 MB), checked before reading; tokenizer_config.json at 4 MiB.
    void rejectsOversizedTokenizerFiles() {
        fs::create_directories(tmpPath("huge-json"));
        const std::string path = tmpPath("huge-json/tokenizer.json");
        writeBytes(path, std::string((32u << 20) + 1, ' '));
        const auto tokenizer = Tokenizer::loadHuggingFace(path);
        QVERIFY(!tokenizer);
        QCOMPARE(tokenizer.error().code, fp::ErrorCode::BadFormat);
        const std::string expected = path + ": 33554433 bytes, more than 33554432 (the limit for tokenizer files)";
        QVERIFY2(tokenizer.error().message.find(expected) != std::string::npos, tokenizer.error().message.c_str());
    }

    void rejectsBadTokenizerConfig_data() {
        QTest::addColumn<std::string>("config");
        QTest::addColumn<std::string>("fragment");
        QTest::addRow("malformed") << std::string("{\"bos_token\": ") << std::string("not valid JSON");
        QTest::addRow("unknown bos") << std::string(R"({"bos_token": "<bos>"})")
                                     << std::string("bos_token '<bos>' is not a token of");
        QTest::addRow("eos not a string")
            << std::string(R"({"eos_token": 2})") << std::string("eos_token: expected a string, found number 2");
        QTest::addRow("too large") << std::string((4u << 20) + 1, ' ')
                                   << std::string("4194305 bytes, more than 4194304 (the limit for config files)");
    }
    void rejectsBadTokenizerConfig() {
        QFETCH(std::string, config);
        QFETCH(std::string, fragment);
        fs::create_directories(tmpPath("bad-config"));
        writeBytes(tmpPath("bad-config/tokenizer.json"), sentencePieceTokenizerJson(false).dump());
        writeBytes(tmpPath("bad-config/tokenizer_config.json"), config);
        const auto tokenizer = Tokenizer::loadHuggingFace(tmpPath("bad-config/tokenizer.json"));
        QVERIFY(!tokenizer);
        QCOMPARE(tokenizer.error().code, ErrorCode::BadFormat);
        const std::string &message = tokenizer.error().message;
        QVERIFY2(message.find("tokenizer_config.json") != std::string::npos, message.c_str());
        QVERIFY2(message.find(fragment) != std::string::npos, message.c_str());
    }

    void saveReportsUnwritableFolders() {
        const auto tokenizer = loadJson("sp-save", sentencePieceTokenizerJson(false));
        REQUIRE_OK(tokenizer);
        writeBytes(tmpPath("a-file"), "x");
        const auto saved = tokenizer->saveHuggingFace(tmpPath("a-file/sub"));
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::Io);
        QVERIFY2(saved.error().message.find("a-file") != std::string::npos, saved.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "TestTokenizer.moc"
