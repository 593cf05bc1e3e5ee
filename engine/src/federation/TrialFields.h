#pragma once

// Engine-private: the fields trial files and site files share, read with the engine's one JSON field reader
// (formats/JsonFields.h: every read names the field's path after the file's origin; failures throw
// JsonFieldError, which parseTrial turns into an fp::Error).

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Partition.h"
#include "formats/JsonFields.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace fp::engine::detail {

// A path field as written: "${NAME}" replaced by the environment variable NAME, then resolved against baseDir
// when relative, made absolute and lexically normal. Empty stays empty. Throws InvalidArgument for an unset
// variable or a malformed "${" (naming the field).
std::string resolvePath(const FieldReader &reader, const std::string &raw, const std::string &path,
                        const std::string &baseDir);

// Fields shared by trial files and site files (one reader, the same messages).
// A required string that must not be empty.
std::string readName(FieldReader &reader, const char *key);
// A required array of at least one element ("expected at least one <what>").
const nlohmann::json &readNonEmptyArray(FieldReader &reader, const char *key, const char *what);
// A required non-empty array of paths, each resolved with resolvePath and none empty.
std::vector<std::string> readPathList(FieldReader &reader, const char *key, const std::string &baseDir);
// An optional array of task names: each non-empty, none twice. Absent: empty.
std::vector<std::string> readTaskList(FieldReader &reader, const char *key);
// A partition object (scheme, clients, alpha); seed and held-out categories are left at their defaults.
PartitionOptions readPartition(FieldReader partition);

} // namespace fp::engine::detail
