#pragma once

#include "TokenizerImpl.h"

#include "fedpilot/engine/Error.h"

#include <memory>
#include <string>

namespace fp::engine::detail {

// Reads a Hugging Face tokenizer.json (BPE model) and, when present, the tokenizer_config.json
// beside it (see Tokenizer::loadHuggingFace for what is supported and the errors).
Result<std::shared_ptr<TokenizerImpl>> loadHuggingFaceTokenizer(const std::string &path);

} // namespace fp::engine::detail
