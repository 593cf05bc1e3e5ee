#pragma once

// Text <-> token ids for Llama-family models: llama2.c `tokenizer.bin` vocabularies and Hugging Face
// `tokenizer.json` BPE tokenizers (SentencePiece-style with byte fallback, as in Llama 2, and byte-level,
// as in Llama 3). Plain C++ only; no torch, no Qt.

#include "fedpilot/engine/Error.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fp::engine {

namespace detail {
struct TokenizerImpl;
}

// An immutable tokenizer. Copies share one implementation, so passing it by value is cheap and a
// Tokenizer may be used from several threads at once. A default-constructed Tokenizer is empty:
// vocabSize() is 0, encode() returns only the ids it was asked to add (none), decode() returns "".
class Tokenizer {
public:
    // Which family a tokenizer belongs to; it decides how text is split and how tokens decode.
    enum class Kind {
        Empty,            // default-constructed
        Llama2c,          // llama2.c tokenizer.bin (SentencePiece BPE, merges ranked by piece score)
        SentencePieceBpe, // tokenizer.json BPE over U+2581-for-space pieces, usually with byte fallback
        ByteLevelBpe,     // tokenizer.json BPE over GPT-2's byte-to-unicode alphabet
    };

    Tokenizer();

    // Loads a llama2.c tokenizer.bin: int32 max_token_length, then per token a float32 score, an
    // int32 byte length and the bytes. Tokens "<0xNN>" are raw bytes; pieces hold a space where
    // SentencePiece has U+2581. Ids 0, 1, 2 are <unk>, <s> (BOS) and </s> (EOS).
    // expectedVocab > 0 demands exactly that many tokens (a model's vocab_size).
    // Errors: NotFound (no file), BadFormat (truncated, negative or oversized lengths, non-finite
    // scores, fewer than 3 tokens; the message names the file, the token and the byte offset),
    // InvalidArgument (token count differs from expectedVocab), Io.
    static Result<Tokenizer> loadLlama2c(const std::string &path, int expectedVocab = -1);

    // Loads a Hugging Face tokenizer.json with a BPE model:
    //  - SentencePiece style (Llama 2, Mistral): U+2581 for space, Prepend/Replace normalizer or a
    //    Metaspace pre-tokenizer, byte_fallback;
    //  - byte-level (Llama 3, GPT-2): ByteLevel pre-tokenizer/decoder and the Llama 3 or GPT-2 split
    //    pattern (matched by hand-written code, not a regex engine).
    // added_tokens are matched verbatim in the raw text before BPE (lstrip/rstrip honoured;
    // single_word and normalized are kept for saving but not applied). BOS/EOS come from
    // tokenizer_config.json beside the file when it names them, else from added tokens named
    // <s>/</s> or <|begin_of_text|>/<|end_of_text|>; either may be absent (-1).
    // Errors: NotFound, BadFormat (malformed JSON or fields; the message names the file and the
    // field), Unsupported (WordPiece/Unigram/WordLevel models, unknown normalizers,
    // pre-tokenizers, split patterns or decoders), Io.
    static Result<Tokenizer> loadHuggingFace(const std::string &tokenizerJsonPath);

    // Token ids of text. Llama2c and SentencePieceBpe follow SentencePiece (a dummy-prefix space,
    // byte fallback for characters outside the vocabulary); byte-level follows Hugging Face.
    // Hugging Face tokenizers match added/special tokens (e.g. "<|eot_id|>") in the text; llama2.c
    // vocabularies never do. addBos/addEos add BOS/EOS when the tokenizer has them.
    // O(n log n) in the text length. Invalid UTF-8 is encoded byte by byte, never rejected.
    [[nodiscard]] std::vector<int> encode(std::string_view text, bool addBos = false, bool addEos = false) const;

    // Text of ids. Skips BOS and EOS and ids outside [0, vocabSize()); drops the dummy-prefix space
    // of the first token as SentencePiece does; byte tokens yield raw bytes (an incomplete UTF-8
    // sequence is returned as is, not replaced by U+FFFD).
    [[nodiscard]] std::string decode(const std::vector<int> &ids) const;

    // Streaming decode of one token that follows previousId (llama2.c semantics): the token's
    // bytes, without its leading space when previousId is BOS (SentencePiece-style tokenizers
    // only). BOS, EOS and out-of-range ids give "". Over a sequence that starts with its only BOS,
    // the concatenated results equal decode() of the sequence.
    [[nodiscard]] std::string decodeToken(int previousId, int id) const;

    [[nodiscard]] int bosId() const; // -1 when there is none
    [[nodiscard]] int eosId() const; // -1 when there is none
    [[nodiscard]] int unkId() const; // -1 when there is none
    [[nodiscard]] int vocabSize() const;
    [[nodiscard]] Kind kind() const;

    // The stored piece of id as the file spells it (llama2.c: spaces, and "\n<s>\n" for BOS;
    // SentencePiece-style tokenizer.json: U+2581; byte-level: GPT-2's alphabet; added tokens: their
    // content). "" for ids out of range.
    [[nodiscard]] std::string piece(int id) const;
    // The id whose piece (as piece() returns it) is exactly text, or -1.
    [[nodiscard]] int findToken(std::string_view text) const;
    // True for control tokens (<unk>, <s>, </s>) and added tokens marked special.
    [[nodiscard]] bool isSpecial(int id) const;

    // Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into dir (created
    // when missing), each atomically, so that loadHuggingFace(dir + "/tokenizer.json") encodes and
    // decodes identically. A llama2.c vocabulary becomes the Hugging Face Llama 2 layout: U+2581 for
    // space, byte_fallback, unk "<unk>", BOS "<s>", EOS "</s>", and BPE merges derived from the
    // scores as Hugging Face's SentencePiece converter does (every split (a, b) of a piece into two
    // pieces, ranked by the merged piece's score, then id). Two differences are inherent to the
    // Hugging Face layout: it reads "<unk>", "<s>", "</s>" out of the text as special tokens and
    // treats a literal U+2581 in the text as a space. Hugging Face tokenizers are written back with
    // their own normalizer, pre-tokenizer and decoder.
    // Errors: InvalidArgument (empty tokenizer), Unsupported (a piece that is not valid UTF-8 or
    // that collides with another after U+2581 conversion), Io.
    [[nodiscard]] Result<void> saveHuggingFace(const std::string &dir) const;

private:
    explicit Tokenizer(std::shared_ptr<const detail::TokenizerImpl> impl);

    std::shared_ptr<const detail::TokenizerImpl> m_impl;
};

} // namespace fp::engine
