#pragma once

// Reads the "normalizer", "pre_tokenizer" and "decoder" sections of a tokenizer.json. Only the
// variants used by Llama-family BPE tokenizers are understood; anything else is Unsupported
// (thrown as JsonFieldError), never silently ignored.

#include "TextPipeline.h"
#include "TokenizerImpl.h"
#include "formats/JsonFields.h"

#include <vector>

namespace fp::engine::detail {

// node may be nullptr (section absent or null). Supported: Sequence, Prepend, Replace (string).
std::vector<NormalizerStep> readNormalizer(const JsonFields &file, const nlohmann::json *node);

// Supported: Sequence, Metaspace, ByteLevel, Split (GPT-2 or Llama 3 pattern, Isolated). ByteLevel
// must come last.
std::vector<PreTokenizerStep> readPreTokenizer(const JsonFields &file, const nlohmann::json *node);

// Supported: Sequence, ByteLevel, Metaspace, Replace (string), ByteFallback, Fuse, Strip (one
// leading space).
DecoderSpec readDecoder(const JsonFields &file, const nlohmann::json *node);

} // namespace fp::engine::detail
