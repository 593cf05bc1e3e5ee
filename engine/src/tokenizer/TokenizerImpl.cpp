#include "TokenizerImpl.h"

#include "ByteLevelAlphabet.h"
#include "Utf8.h"

namespace fp::engine::detail {

void TokenizerImpl::buildDecodedPieces() {
    decodedPieces.assign(static_cast<std::size_t>(vocab.size()), std::string());
    for (int id = 0; id < vocab.size(); ++id) {
        const std::string &piece = vocab.piece(id);
        std::string &text = decodedPieces[static_cast<std::size_t>(id)];
        switch (vocab.kind(id)) {
        case TokenKind::Unused: break;
        case TokenKind::Control:
        case TokenKind::Unknown:
        case TokenKind::Added: text = piece; break;
        case TokenKind::Byte:
            if (decoder.byteFallback) {
                text.assign(1, static_cast<char>(*parseByteToken(piece)));
                break;
            }
            [[fallthrough]];
        case TokenKind::Normal:
            text = decoder.byteLevel ? ByteLevelAlphabet::instance().decode(piece) : piece;
            for (const auto &[from, to] : decoder.replacements)
                text = replaceAll(text, from, to);
            break;
        }
    }
}

std::vector<int> TokenizerImpl::encode(std::string_view text, bool addBos, bool addEos) const {
    std::vector<int> ids;
    ids.reserve(text.size() / 2 + 4);
    if (addBos && bosId >= 0)
        ids.push_back(bosId);
    std::vector<std::string> words;
    auto encodeText = [&](std::string_view segment, bool atTextStart) {
        words.clear();
        pipeline.appendWords(segment, atTextStart, words);
        for (const std::string &word : words)
            encodeWord(word, ids);
    };
    if (addedTokens.empty()) {
        encodeText(text, true);
    } else {
        for (const TextSegment &segment : addedTokens.split(text)) {
            if (segment.tokenId >= 0)
                ids.push_back(segment.tokenId);
            else
                encodeText(segment.text, segment.offset == 0);
        }
    }
    if (addEos && eosId >= 0)
        ids.push_back(eosId);
    return ids;
}

void TokenizerImpl::encodeWord(std::string_view word, std::vector<int> &out) const {
    if (word.empty())
        return;
    if (ignoreMerges) {
        const int id = vocab.find(word);
        if (id >= 0) {
            out.push_back(id);
            return;
        }
    }
    std::vector<int> symbols;
    symbols.reserve(word.size());
    bool previousUnknown = false;
    for (std::size_t pos = 0; pos < word.size();) {
        const std::size_t length = utf8ChunkLength(word, pos);
        appendInitialSymbols(word.substr(pos, length), symbols, previousUnknown);
        pos += length;
    }
    bpe.merge(symbols, out);
}

// One character becomes its piece, else its byte tokens (byte fallback), else unk.
void TokenizerImpl::appendInitialSymbols(std::string_view character, std::vector<int> &symbols,
                                         bool &previousUnknown) const {
    const int id = vocab.find(character);
    if (id >= 0) {
        symbols.push_back(id);
        previousUnknown = false;
        return;
    }
    if (byteFallback) {
        bool allBytes = true;
        for (const char c : character)
            allBytes = allBytes && vocab.byteToken(static_cast<unsigned char>(c)) >= 0;
        if (allBytes) {
            for (const char c : character)
                symbols.push_back(vocab.byteToken(static_cast<unsigned char>(c)));
            previousUnknown = false;
            return;
        }
    }
    if (unkId >= 0 && !(fuseUnk && previousUnknown))
        symbols.push_back(unkId);
    previousUnknown = true;
}

bool TokenizerImpl::skippedInDecode(int id) const { return !vocab.contains(id) || id == bosId || id == eosId; }

// The decoded text of id without the dummy-prefix space, when the tokenizer strips one.
std::string_view TokenizerImpl::withoutLeadingSpace(int id) const {
    std::string_view text = decodedPieces[static_cast<std::size_t>(id)];
    if (decoder.stripLeadingSpace && vocab.kind(id) == TokenKind::Normal && text.starts_with(' '))
        text.remove_prefix(1);
    return text;
}

std::string TokenizerImpl::decode(const std::vector<int> &ids) const {
    std::string out;
    bool first = true; // SentencePiece strips the space of the first piece that produces text
    for (const int id : ids) {
        if (skippedInDecode(id))
            continue;
        if (first) {
            out.append(withoutLeadingSpace(id));
            first = vocab.kind(id) == TokenKind::Unused;
        } else {
            out.append(decodedPieces[static_cast<std::size_t>(id)]);
        }
    }
    return out;
}

std::string TokenizerImpl::decodeToken(int previousId, int id) const {
    if (skippedInDecode(id))
        return {};
    if (previousId >= 0 && previousId == bosId)
        return std::string(withoutLeadingSpace(id));
    return decodedPieces[static_cast<std::size_t>(id)];
}

} // namespace fp::engine::detail
