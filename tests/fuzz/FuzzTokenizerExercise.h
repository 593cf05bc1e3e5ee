#pragma once
// What a loaded tokenizer must survive, whatever its file held: encoding text (a fixed sample plus bytes of the
// input, which may be invalid UTF-8) and decoding the ids back, one by one and at once.
#include "fedpilot/engine/Tokenizer.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace fp::fuzz {

inline void exerciseTokenizer(const engine::Tokenizer &tokenizer, std::string_view input) {
    static const std::string sample = "Hello world! <s> 12 ab\xC3\xA9\xE2\x96\x81 \xF0\x9F\x98\x80\n\tend</s>";
    const std::string text = sample + std::string(input.substr(0, std::min<size_t>(input.size(), 64)));
    const auto ids = tokenizer.encode(text, true, true);
    (void)tokenizer.decode(ids);
    int previous = tokenizer.bosId();
    for (const int id : ids) {
        (void)tokenizer.decodeToken(previous, id);
        (void)tokenizer.piece(id);
        previous = id;
    }
    (void)tokenizer.decode({-1, tokenizer.vocabSize(), 0});
}

} // namespace fp::fuzz
