#pragma once

#include "fedpilot/engine/Error.h"

#include <string>

// Identities of a base model and its tokenizer, so that a console and a site agent can check they train the
// same model before any adapter crosses between them.
namespace fp::engine {

class Tokenizer;

// Lowercase hex SHA-256 of a model's weight files: for a file (llama2.c checkpoint), its content; for a Hugging
// Face folder, the SHA-256 of the lines "<file name> <sha256 of its content>\n" over config.json and every
// *.safetensors file in name order. Errors: NotFound (no such path, or a folder without safetensors), Io.
Result<std::string> modelFilesSha256(const std::string &modelPath);

// Lowercase hex SHA-256 of a tokenizer's vocabulary: its special ids and every token's piece in id order (the
// file format is left out, so a llama2.c tokenizer.bin and the tokenizer.json converted from it match).
[[nodiscard]] std::string tokenizerSha256(const Tokenizer &tokenizer);

} // namespace fp::engine
