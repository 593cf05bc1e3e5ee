#pragma once

// The shared, immutable state behind fp::engine::Tokenizer, filled by the loaders
// (Llama2cLoader, HuggingFaceLoader) and read by encode/decode and the writer.

#include "AddedTokenMatcher.h"
#include "BpeModel.h"
#include "TextPipeline.h"
#include "Vocabulary.h"
#include "fedpilot/engine/Tokenizer.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fp::engine::detail {

// How token pieces turn back into bytes (tokenizer.json's "decoder").
struct DecoderSpec {
    bool byteLevel = false;                                        // undo GPT-2's byte-to-unicode mapping
    bool byteFallback = false;                                     // "<0xNN>" pieces are raw bytes
    std::vector<std::pair<std::string, std::string>> replacements; // e.g. U+2581 -> " "
    bool stripLeadingSpace = false;                                // drop the dummy-prefix space of the first token
};

// tokenizer.json sections that saveHuggingFace writes back verbatim (JSON text).
struct HuggingFaceSections {
    std::string normalizer = "null";
    std::string preTokenizer = "null";
    std::string postProcessor = "null";
    std::string decoder = "null";
    std::vector<bool> inModelVocab; // per id: listed in model.vocab (added tokens may not be)
};

struct TokenizerImpl {
    Tokenizer::Kind kind = Tokenizer::Kind::Empty;
    std::string sourcePath;
    Vocabulary vocab;
    BpeModel bpe;
    TextPipeline pipeline;
    AddedTokenMatcher addedTokens;
    bool byteFallback = false; // characters outside the vocabulary become byte tokens
    bool fuseUnk = false;      // consecutive unknown characters give one unk token
    bool ignoreMerges = false; // a word that is itself a piece is emitted without merging
    int unkId = -1;
    int bosId = -1;
    int eosId = -1;
    DecoderSpec decoder;
    std::vector<std::string> decodedPieces; // per id: the bytes the token decodes to
    HuggingFaceSections huggingFace;

    // Fills decodedPieces from vocab and decoder; loaders call it last.
    void buildDecodedPieces();

    [[nodiscard]] std::vector<int> encode(std::string_view text, bool addBos, bool addEos) const;
    [[nodiscard]] std::string decode(const std::vector<int> &ids) const;
    [[nodiscard]] std::string decodeToken(int previousId, int id) const;

private:
    void encodeWord(std::string_view word, std::vector<int> &out) const;
    void appendInitialSymbols(std::string_view character, std::vector<int> &symbols, bool &previousUnknown) const;
    [[nodiscard]] bool skippedInDecode(int id) const;
    [[nodiscard]] std::string_view withoutLeadingSpace(int id) const;
};

} // namespace fp::engine::detail
