#include "TextPipeline.h"

#include "ByteLevelAlphabet.h"
#include "Utf8.h"

#include <algorithm>

namespace fp::engine::detail {

bool TextPipeline::byteLevel() const {
    return std::any_of(m_preTokenizers.begin(), m_preTokenizers.end(),
                       [](const PreTokenizerStep &step) { return step.type == PreTokenizerStep::Type::ByteLevel; });
}

std::string TextPipeline::normalize(std::string_view segment) const {
    std::string text(segment);
    for (const NormalizerStep &step : m_normalizers) {
        if (step.type == NormalizerStep::Type::Prepend) {
            if (!text.empty()) // Hugging Face's Prepend leaves empty text alone
                text.insert(0, step.to);
        } else if (!step.from.empty()) {
            text = replaceAll(text, step.from, step.to);
        }
    }
    return text;
}

void TextPipeline::appendWords(std::string_view segment, bool atTextStart, std::vector<std::string> &words) const {
    std::vector<Piece> pieces;
    pieces.push_back({normalize(segment), atTextStart});
    for (const PreTokenizerStep &step : m_preTokenizers) {
        switch (step.type) {
        case PreTokenizerStep::Type::Metaspace: applyMetaspace(step, pieces); break;
        case PreTokenizerStep::Type::Split: applySplit(step.pattern, pieces); break;
        case PreTokenizerStep::Type::ByteLevel: applyByteLevel(step, pieces); break;
        }
    }
    for (Piece &piece : pieces) {
        if (!piece.text.empty())
            words.push_back(std::move(piece.text));
    }
}

void TextPipeline::applyMetaspace(const PreTokenizerStep &step, std::vector<Piece> &pieces) {
    std::vector<Piece> out;
    for (Piece &piece : pieces) {
        std::string text = replaceAll(piece.text, " ", step.replacement);
        const bool prepend = step.prependScheme == PrependScheme::Always ||
                             (step.prependScheme == PrependScheme::First && piece.atTextStart);
        if (prepend && !text.empty() && !text.starts_with(step.replacement))
            text.insert(0, step.replacement);
        if (!step.splitWords) {
            out.push_back({std::move(text), piece.atTextStart});
            continue;
        }
        // Split before every replacement character; it stays with the word that follows it.
        std::size_t start = 0;
        bool first = piece.atTextStart;
        while (start < text.size()) {
            std::size_t next = text.find(step.replacement, start + 1);
            if (next == std::string::npos)
                next = text.size();
            out.push_back({text.substr(start, next - start), first});
            first = false;
            start = next;
        }
    }
    pieces = std::move(out);
}

void TextPipeline::applySplit(SplitPattern pattern, std::vector<Piece> &pieces) {
    std::vector<Piece> out;
    for (const Piece &piece : pieces) {
        bool first = piece.atTextStart;
        for (const std::string_view part : splitByPattern(piece.text, pattern)) {
            out.push_back({std::string(part), first});
            first = false;
        }
    }
    pieces = std::move(out);
}

void TextPipeline::applyByteLevel(const PreTokenizerStep &step, std::vector<Piece> &pieces) {
    const ByteLevelAlphabet &alphabet = ByteLevelAlphabet::instance();
    std::vector<Piece> out;
    for (Piece &piece : pieces) {
        if (step.addPrefixSpace && !piece.text.starts_with(' '))
            piece.text.insert(0, " ");
        if (!step.useRegex) {
            out.push_back({alphabet.encode(piece.text), piece.atTextStart});
            continue;
        }
        bool first = piece.atTextStart;
        for (const std::string_view part : splitByPattern(piece.text, SplitPattern::Gpt2)) {
            out.push_back({alphabet.encode(part), first});
            first = false;
        }
    }
    pieces = std::move(out);
}

} // namespace fp::engine::detail
