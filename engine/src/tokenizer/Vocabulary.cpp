#include "Vocabulary.h"

namespace fp::engine::detail {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace

std::optional<unsigned char> parseByteToken(std::string_view piece) {
    if (piece.size() != 6 || !piece.starts_with("<0x") || piece[5] != '>')
        return std::nullopt;
    const int high = hexDigit(piece[3]);
    const int low = hexDigit(piece[4]);
    if (high < 0 || low < 0)
        return std::nullopt;
    return static_cast<unsigned char>(high * 16 + low);
}

void Vocabulary::assign(std::vector<std::string> pieces, std::vector<float> scores, std::vector<TokenKind> kinds) {
    m_pieces = std::move(pieces);
    m_scores = std::move(scores);
    m_kinds = std::move(kinds);
    m_scores.resize(m_pieces.size(), 0.0f);
    m_kinds.resize(m_pieces.size(), TokenKind::Normal);
    m_ids.clear();
    m_ids.reserve(m_pieces.size());
    m_byteTokens.fill(-1);
    for (int id = 0; id < size(); ++id) {
        if (kind(id) == TokenKind::Unused)
            continue;
        m_ids.emplace(piece(id), id);
        if (kind(id) == TokenKind::Byte) {
            const auto byte = parseByteToken(piece(id));
            if (byte && m_byteTokens[*byte] < 0)
                m_byteTokens[*byte] = id;
        }
    }
}

int Vocabulary::find(std::string_view piece) const {
    const auto it = m_ids.find(piece);
    return it == m_ids.end() ? -1 : it->second;
}

} // namespace fp::engine::detail
