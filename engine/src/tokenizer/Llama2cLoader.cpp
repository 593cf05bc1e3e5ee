#include "Llama2cLoader.h"

#include "Utf8.h"
#include "formats/FileIo.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace fp::engine::detail {

namespace {

constexpr std::uint64_t kMaxFileBytes = 256ull << 20;
constexpr std::int32_t kMaxTokenLength = 1 << 16;
constexpr std::size_t kFirstRegularId = 3; // 0 <unk>, 1 <s>, 2 </s>
// Deriving the merges hashes both halves of every split of every piece: about length^2 bytes per piece. Real
// llama2.c vocabularies have short pieces (Llama 2's 32000 cost ~1e6 in all); a crafted file of long pieces (each
// within max_token_length) would keep the loader busy for hours, so the total is bounded.
constexpr std::uint64_t kMaxMergeWork = 1ull << 28;

struct RawVocabulary {
    std::vector<std::string> pieces;
    std::vector<float> scores;
};

template <typename T> T readScalar(std::string_view bytes, std::size_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

Result<RawVocabulary> parseTokens(std::string_view bytes, const std::string &what) {
    if (bytes.size() < 4)
        return fail(ErrorCode::BadFormat, what + ": expected a 4-byte int32 max_token_length header, found a file of " +
                                              std::to_string(bytes.size()) + " bytes");
    const auto maxTokenLength = readScalar<std::int32_t>(bytes, 0);
    if (maxTokenLength <= 0 || maxTokenLength > kMaxTokenLength)
        return fail(ErrorCode::BadFormat, what + ": header max_token_length is " + std::to_string(maxTokenLength) +
                                              ", expected 1.." + std::to_string(kMaxTokenLength));
    RawVocabulary raw;
    std::size_t offset = 4;
    while (offset < bytes.size()) {
        const std::string token =
            what + ": token " + std::to_string(raw.pieces.size()) + " at offset " + std::to_string(offset);
        const std::size_t remaining = bytes.size() - offset;
        if (remaining < 8)
            return fail(ErrorCode::BadFormat, token + ": expected 8 bytes (float32 score, int32 length) but only " +
                                                  std::to_string(remaining) + " remain (truncated file?)");
        const auto score = readScalar<float>(bytes, offset);
        const auto length = readScalar<std::int32_t>(bytes, offset + 4);
        if (!std::isfinite(score))
            return fail(ErrorCode::BadFormat, token + ": score is not a finite number");
        if (length < 0)
            return fail(ErrorCode::BadFormat, token + ": declares a negative length " + std::to_string(length));
        if (length > maxTokenLength)
            return fail(ErrorCode::BadFormat, token + ": declares " + std::to_string(length) +
                                                  " bytes, more than the header's max_token_length " +
                                                  std::to_string(maxTokenLength));
        if (static_cast<std::size_t>(length) > remaining - 8)
            return fail(ErrorCode::BadFormat, token + ": declares " + std::to_string(length) + " bytes but only " +
                                                  std::to_string(remaining - 8) + " remain");
        raw.pieces.emplace_back(bytes.substr(offset + 8, static_cast<std::size_t>(length)));
        raw.scores.push_back(score);
        offset += 8 + static_cast<std::size_t>(length);
    }
    if (raw.pieces.size() < kFirstRegularId)
        return fail(ErrorCode::BadFormat, what + ": holds " + std::to_string(raw.pieces.size()) +
                                              " tokens, expected at least 3 (<unk>, <s>, </s>)");
    return raw;
}

Result<void> checkMergeWork(const RawVocabulary &raw, const std::string &what) {
    std::uint64_t work = 0;
    std::size_t longest = 0;
    for (std::size_t id = 0; id < raw.pieces.size(); ++id) {
        const std::uint64_t length = raw.pieces[id].size();
        work += length * length;
        longest = length > raw.pieces[longest].size() ? id : longest;
    }
    if (work <= kMaxMergeWork)
        return {};
    const std::string longestToken =
        "token " + std::to_string(longest) + " has " + std::to_string(raw.pieces[longest].size()) + " bytes";
    return fail(ErrorCode::BadFormat, what + ": pieces too long to derive BPE merges from (sum of squared lengths " +
                                          std::to_string(work) + ", limit " + std::to_string(kMaxMergeWork) + "; " +
                                          longestToken + ")");
}

TokenKind kindOf(std::size_t id, const std::string &piece) {
    if (id == 0)
        return TokenKind::Unknown;
    if (id < kFirstRegularId)
        return TokenKind::Control;
    return parseByteToken(piece) ? TokenKind::Byte : TokenKind::Normal;
}

// Every split of a regular piece into two regular pieces (at character boundaries) is a merge
// ranked by the merged piece's score, as SentencePiece's BPE scores a pair.
void addMergesFromScores(TokenizerImpl &impl) {
    const Vocabulary &vocab = impl.vocab;
    for (int id = 0; id < vocab.size(); ++id) {
        if (vocab.kind(id) != TokenKind::Normal || vocab.find(vocab.piece(id)) != id)
            continue;
        const std::string_view piece = vocab.piece(id);
        for (std::size_t cut = utf8ChunkLength(piece, 0); cut < piece.size(); cut += utf8ChunkLength(piece, cut)) {
            const int left = vocab.find(piece.substr(0, cut));
            const int right = vocab.find(piece.substr(cut));
            if (left >= 0 && right >= 0 && vocab.kind(left) == TokenKind::Normal &&
                vocab.kind(right) == TokenKind::Normal)
                impl.bpe.addMerge(left, right, {-static_cast<double>(vocab.score(id)), id});
        }
    }
}

} // namespace

Result<std::shared_ptr<TokenizerImpl>> parseLlama2cTokenizer(std::string_view bytes, const std::string &path,
                                                             int expectedVocab) {
    const std::string what = "tokenizer file " + path;
    auto raw = parseTokens(bytes, what);
    if (!raw)
        return std::unexpected(raw.error());
    if (auto bounded = checkMergeWork(*raw, what); !bounded)
        return std::unexpected(bounded.error());
    if (expectedVocab > 0 && raw->pieces.size() != static_cast<std::size_t>(expectedVocab))
        return fail(ErrorCode::InvalidArgument, what + ": holds " + std::to_string(raw->pieces.size()) +
                                                    " tokens but the model expects " + std::to_string(expectedVocab));
    auto impl = std::make_shared<TokenizerImpl>();
    impl->kind = Tokenizer::Kind::Llama2c;
    impl->sourcePath = path;
    std::vector<TokenKind> kinds;
    for (std::size_t id = 0; id < raw->pieces.size(); ++id)
        kinds.push_back(kindOf(id, raw->pieces[id]));
    impl->vocab.assign(std::move(raw->pieces), std::move(raw->scores), std::move(kinds));
    impl->unkId = 0;
    impl->bosId = 1;
    impl->eosId = 2;
    impl->byteFallback = true;
    impl->pipeline = TextPipeline({{NormalizerStep::Type::Prepend, {}, " "}}, {});
    impl->decoder.byteFallback = true;
    impl->decoder.stripLeadingSpace = true;
    addMergesFromScores(*impl);
    impl->buildDecodedPieces();
    return impl;
}

Result<std::shared_ptr<TokenizerImpl>> loadLlama2cTokenizer(const std::string &path, int expectedVocab) {
    auto bytes = readTextFile(path, "tokenizer file", kMaxFileBytes);
    if (!bytes)
        return std::unexpected(bytes.error());
    return parseLlama2cTokenizer(*bytes, path, expectedVocab);
}

} // namespace fp::engine::detail
