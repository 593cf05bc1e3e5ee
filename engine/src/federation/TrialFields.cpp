#include "federation/TrialFields.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace fp::engine::detail {
namespace {

using nlohmann::json;

bool isVariableChar(char c, bool first) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    return letter || (!first && c >= '0' && c <= '9');
}

} // namespace

std::string resolvePath(const FieldReader &reader, const std::string &raw, const std::string &path,
                        const std::string &baseDir) {
    std::string expanded;
    for (size_t i = 0; i < raw.size();) {
        if (raw.compare(i, 2, "${") != 0) {
            expanded += raw[i++];
            continue;
        }
        const size_t close = raw.find('}', i + 2);
        const std::string name = raw.substr(i + 2, close == std::string::npos ? 0 : close - i - 2);
        bool valid = close != std::string::npos && !name.empty();
        for (size_t k = 0; valid && k < name.size(); ++k) {
            valid = isVariableChar(name[k], k == 0);
        }
        if (!valid) {
            reader.fail(ErrorCode::InvalidArgument, path,
                        "'" + raw + "': expected ${NAME} with NAME made of letters, digits and _");
        }
        const char *value = std::getenv(name.c_str());
        if (value == nullptr) {
            reader.fail(ErrorCode::InvalidArgument, path, "environment variable " + name + " is not set");
        }
        expanded += value;
        i = close + 1;
    }
    if (expanded.empty()) {
        return expanded;
    }
    std::filesystem::path resolved(expanded);
    if (resolved.is_relative()) {
        resolved = std::filesystem::path(baseDir) / resolved;
    }
    return std::filesystem::absolute(resolved).lexically_normal().string();
}

std::string readName(FieldReader &reader, const char *key) {
    const std::string value = reader.asString(reader.require(key), reader.path(key));
    if (value.empty()) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), "must not be empty");
    }
    return value;
}

const json &readNonEmptyArray(FieldReader &reader, const char *key, const char *what) {
    const json &list = reader.asArray(reader.require(key), reader.path(key));
    if (list.empty()) {
        reader.fail(ErrorCode::InvalidArgument, reader.path(key), std::string("expected at least one ") + what);
    }
    return list;
}

std::vector<std::string> readPathList(FieldReader &reader, const char *key, const std::string &baseDir) {
    const json &list = readNonEmptyArray(reader, key, "path");
    std::vector<std::string> paths;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = indexPath(reader.path(key), i);
        paths.push_back(resolvePath(reader, reader.asString(list[i], path), path, baseDir));
        if (paths.back().empty()) {
            reader.fail(ErrorCode::InvalidArgument, path, "must not be empty");
        }
    }
    return paths;
}

std::vector<std::string> readTaskList(FieldReader &reader, const char *key) {
    std::vector<std::string> tasks;
    if (const json *list = reader.array(key)) {
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string path = indexPath(reader.path(key), i);
            const std::string task = reader.asString((*list)[i], path);
            if (task.empty() || std::find(tasks.begin(), tasks.end(), task) != tasks.end()) {
                reader.fail(ErrorCode::InvalidArgument, path, quotePrefix(task) + " is empty or listed twice");
            }
            tasks.push_back(task);
        }
    }
    return tasks;
}

PartitionOptions readPartition(FieldReader partition) {
    PartitionOptions options;
    const std::string scheme = partition.string("scheme", partitionSchemeName(options.scheme));
    auto parsed = parsePartitionScheme(scheme);
    if (!parsed) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("scheme"), parsed.error().message);
    }
    options.scheme = *parsed;
    options.clients = int(partition.integer("clients", options.clients, IntRange{0, 10000000}));
    options.alpha =
        partition.number("alpha", options.alpha, RealRange{0.0, std::numeric_limits<double>::infinity(), true, false});
    options.minSamples = int(partition.integer("min_samples", options.minSamples, IntRange{0, 1000000}));
    if (options.minSamples > 0 && options.scheme != PartitionScheme::Dirichlet) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("min_samples"), "only with the dirichlet scheme");
    }
    if (options.scheme != PartitionScheme::OneTaskPerClient && options.clients < 1) {
        partition.fail(ErrorCode::InvalidArgument, partition.path("clients"),
                       std::string("the ") + partitionSchemeName(options.scheme) +
                           " scheme needs clients >= 1 (how many clients to deal the samples to)");
    }
    partition.finish();
    return options;
}

} // namespace fp::engine::detail
