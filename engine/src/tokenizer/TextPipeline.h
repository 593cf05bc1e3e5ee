#pragma once

// What happens to text before BPE: the normalizer steps of tokenizer.json (Prepend, Replace), then
// the pre-tokenizer steps (Metaspace, Split, ByteLevel) that cut it into words in the model's
// alphabet. llama2.c vocabularies use a single Prepend(" ") step: SentencePiece's dummy prefix.

#include "SplitPattern.h"

#include <string>
#include <string_view>
#include <vector>

namespace fp::engine::detail {

struct NormalizerStep {
    enum class Type { Prepend, Replace };
    Type type = Type::Prepend;
    std::string from; // Replace: the literal to replace
    std::string to;   // Prepend: the prefix; Replace: the replacement
};

enum class PrependScheme { Always, First, Never };

struct PreTokenizerStep {
    enum class Type { Metaspace, Split, ByteLevel };
    Type type = Type::Metaspace;
    // Metaspace
    std::string replacement = "\xE2\x96\x81"; // U+2581
    PrependScheme prependScheme = PrependScheme::Always;
    bool splitWords = true;
    // Split
    SplitPattern pattern = SplitPattern::Llama3;
    // ByteLevel
    bool addPrefixSpace = false;
    bool useRegex = true;
};

class TextPipeline {
public:
    TextPipeline() = default;
    TextPipeline(std::vector<NormalizerStep> normalizers, std::vector<PreTokenizerStep> preTokenizers)
        : m_normalizers(std::move(normalizers)), m_preTokenizers(std::move(preTokenizers)) {}

    [[nodiscard]] const std::vector<NormalizerStep> &normalizers() const { return m_normalizers; }
    [[nodiscard]] const std::vector<PreTokenizerStep> &preTokenizers() const { return m_preTokenizers; }
    // True when a ByteLevel step maps bytes to GPT-2's alphabet.
    [[nodiscard]] bool byteLevel() const;

    // Appends to words the words of one text segment (text between added tokens), in the model's
    // alphabet. atTextStart: the segment begins the input (Metaspace's "first" prepend scheme).
    void appendWords(std::string_view segment, bool atTextStart, std::vector<std::string> &words) const;

private:
    struct Piece {
        std::string text;
        bool atTextStart;
    };

    [[nodiscard]] std::string normalize(std::string_view segment) const;
    static void applyMetaspace(const PreTokenizerStep &step, std::vector<Piece> &pieces);
    static void applySplit(SplitPattern pattern, std::vector<Piece> &pieces);
    static void applyByteLevel(const PreTokenizerStep &step, std::vector<Piece> &pieces);

    std::vector<NormalizerStep> m_normalizers;
    std::vector<PreTokenizerStep> m_preTokenizers;
};

} // namespace fp::engine::detail
