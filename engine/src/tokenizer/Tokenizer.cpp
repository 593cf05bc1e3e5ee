#include "fedpilot/engine/Tokenizer.h"

#include "HuggingFaceLoader.h"
#include "HuggingFaceWriter.h"
#include "Llama2cLoader.h"
#include "TokenizerImpl.h"
#include "formats/FileIo.h"

namespace fp::engine {

namespace {

const std::shared_ptr<const detail::TokenizerImpl> &emptyImpl() {
    static const auto impl = std::make_shared<const detail::TokenizerImpl>();
    return impl;
}

} // namespace

Tokenizer::Tokenizer() : m_impl(emptyImpl()) {}

Tokenizer::Tokenizer(std::shared_ptr<const detail::TokenizerImpl> impl) : m_impl(std::move(impl)) {}

Result<Tokenizer> Tokenizer::loadLlama2c(const std::string &path, int expectedVocab) {
    return detail::catchAtBoundary("tokenizer file " + path, [&]() -> Result<Tokenizer> {
        auto impl = detail::loadLlama2cTokenizer(path, expectedVocab);
        if (!impl)
            return std::unexpected(impl.error());
        return Tokenizer(std::move(*impl));
    });
}

Result<Tokenizer> Tokenizer::loadHuggingFace(const std::string &tokenizerJsonPath) {
    return detail::catchAtBoundary("tokenizer file " + tokenizerJsonPath, [&]() -> Result<Tokenizer> {
        auto impl = detail::loadHuggingFaceTokenizer(tokenizerJsonPath);
        if (!impl)
            return std::unexpected(impl.error());
        return Tokenizer(std::move(*impl));
    });
}

Result<void> Tokenizer::saveHuggingFace(const std::string &dir) const {
    return detail::catchAtBoundary("saving tokenizer to " + dir,
                                   [&]() { return detail::saveHuggingFaceTokenizer(*m_impl, dir); });
}

std::vector<int> Tokenizer::encode(std::string_view text, bool addBos, bool addEos) const {
    return m_impl->encode(text, addBos, addEos);
}

std::string Tokenizer::decode(const std::vector<int> &ids) const { return m_impl->decode(ids); }

std::string Tokenizer::decodeToken(int previousId, int id) const { return m_impl->decodeToken(previousId, id); }

int Tokenizer::bosId() const { return m_impl->bosId; }

int Tokenizer::eosId() const { return m_impl->eosId; }

int Tokenizer::unkId() const { return m_impl->unkId; }

int Tokenizer::vocabSize() const { return m_impl->vocab.size(); }

Tokenizer::Kind Tokenizer::kind() const { return m_impl->kind; }

std::string Tokenizer::piece(int id) const { return m_impl->vocab.contains(id) ? m_impl->vocab.piece(id) : ""; }

int Tokenizer::findToken(std::string_view text) const { return m_impl->vocab.find(text); }

bool Tokenizer::isSpecial(int id) const {
    if (!m_impl->vocab.contains(id))
        return false;
    const detail::TokenKind kind = m_impl->vocab.kind(id);
    return kind == detail::TokenKind::Control || kind == detail::TokenKind::Unknown;
}

} // namespace fp::engine
