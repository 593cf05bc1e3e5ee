#include "HuggingFacePipeline.h"

#include "formats/JsonPreview.h"

#include <algorithm>

namespace fp::engine::detail {

namespace {

using nlohmann::json;

std::string indexed(const std::string &where, const char *field, std::size_t i) {
    return where + "." + field + "[" + std::to_string(i) + "]";
}

std::string typeOf(const JsonFields &file, const json &node, const std::string &where) {
    return file.asString(file.member(node, "type", where), where + ".type");
}

[[noreturn]] void unsupportedType(const JsonFields &file, const std::string &where, const std::string &type,
                                  const char *supported) {
    file.fail(ErrorCode::Unsupported, where + ".type is " + quotePrefix(type) + "; supported: " + supported);
}

// A {"String": "..."} pattern; regex patterns are not supported here.
std::string literalPattern(const JsonFields &file, const json &node, const std::string &where) {
    const json &pattern = file.member(node, "pattern", where);
    if (const json *literal = file.optional(pattern, "String", where + ".pattern"))
        return file.asString(*literal, where + ".pattern.String");
    file.fail(ErrorCode::Unsupported, where + ".pattern must be {\"String\": ...}; regex patterns are not supported");
}

PrependScheme readPrependScheme(const JsonFields &file, const json &node, const std::string &where) {
    if (const json *scheme = file.optional(node, "prepend_scheme", where)) {
        const std::string name = file.asString(*scheme, where + ".prepend_scheme");
        if (name == "always")
            return PrependScheme::Always;
        if (name == "first")
            return PrependScheme::First;
        if (name == "never")
            return PrependScheme::Never;
        file.fail(ErrorCode::BadFormat,
                  where + ".prepend_scheme is " + quotePrefix(name) + ", expected \"always\", \"first\" or \"never\"");
    }
    // Older files: add_prefix_space (default true).
    return file.booleanOr(node, "add_prefix_space", true, where) ? PrependScheme::Always : PrependScheme::Never;
}

void appendNormalizer(const JsonFields &file, const json &node, const std::string &where,
                      std::vector<NormalizerStep> &steps) {
    const std::string type = typeOf(file, node, where);
    if (type == "Sequence") {
        const json &list = file.asArray(file.member(node, "normalizers", where), where + ".normalizers");
        for (std::size_t i = 0; i < list.size(); ++i)
            appendNormalizer(file, list[i], indexed(where, "normalizers", i), steps);
    } else if (type == "Prepend") {
        steps.push_back({NormalizerStep::Type::Prepend,
                         {},
                         file.asString(file.member(node, "prepend", where), where + ".prepend")});
    } else if (type == "Replace") {
        std::string from = literalPattern(file, node, where);
        if (from.empty())
            file.fail(ErrorCode::BadFormat, where + ".pattern.String is empty");
        steps.push_back({NormalizerStep::Type::Replace, std::move(from),
                         file.asString(file.member(node, "content", where), where + ".content")});
    } else {
        unsupportedType(file, where, type, "Sequence, Prepend, Replace");
    }
}

PreTokenizerStep readSplit(const JsonFields &file, const json &node, const std::string &where) {
    const json &pattern = file.member(node, "pattern", where);
    const json *regex = file.optional(pattern, "Regex", where + ".pattern");
    if (!regex)
        file.fail(ErrorCode::Unsupported,
                  where + ".pattern must be {\"Regex\": ...} with the GPT-2 or Llama 3 pattern");
    const std::string source = file.asString(*regex, where + ".pattern.Regex");
    const auto known = recognizeSplitPattern(source);
    if (!known)
        file.fail(ErrorCode::Unsupported, where + ".pattern.Regex " + quotePrefix(source) +
                                              " is not one of the supported patterns (GPT-2, Llama 3)");
    const std::string behavior = file.stringOr(node, "behavior", "Isolated", where);
    if (behavior != "Isolated" || file.booleanOr(node, "invert", false, where))
        file.fail(ErrorCode::Unsupported, where + ": only behavior \"Isolated\" without invert is supported");
    PreTokenizerStep step;
    step.type = PreTokenizerStep::Type::Split;
    step.pattern = *known;
    return step;
}

void appendPreTokenizer(const JsonFields &file, const json &node, const std::string &where,
                        std::vector<PreTokenizerStep> &steps) {
    const std::string type = typeOf(file, node, where);
    PreTokenizerStep step;
    if (type == "Sequence") {
        const json &list = file.asArray(file.member(node, "pretokenizers", where), where + ".pretokenizers");
        for (std::size_t i = 0; i < list.size(); ++i)
            appendPreTokenizer(file, list[i], indexed(where, "pretokenizers", i), steps);
        return;
    }
    if (type == "Metaspace") {
        step.type = PreTokenizerStep::Type::Metaspace;
        step.replacement = file.stringOr(node, "replacement", step.replacement, where);
        if (step.replacement.empty())
            file.fail(ErrorCode::BadFormat, where + ".replacement is empty");
        step.prependScheme = readPrependScheme(file, node, where);
        step.splitWords = file.booleanOr(node, "split", true, where);
    } else if (type == "ByteLevel") {
        step.type = PreTokenizerStep::Type::ByteLevel;
        step.addPrefixSpace = file.booleanOr(node, "add_prefix_space", true, where);
        step.useRegex = file.booleanOr(node, "use_regex", true, where);
    } else if (type == "Split") {
        step = readSplit(file, node, where);
    } else {
        unsupportedType(file, where, type, "Sequence, Metaspace, ByteLevel, Split");
    }
    steps.push_back(std::move(step));
}

void appendDecoder(const JsonFields &file, const json &node, const std::string &where, DecoderSpec &spec) {
    const std::string type = typeOf(file, node, where);
    if (type == "Sequence") {
        const json &list = file.asArray(file.member(node, "decoders", where), where + ".decoders");
        for (std::size_t i = 0; i < list.size(); ++i)
            appendDecoder(file, list[i], indexed(where, "decoders", i), spec);
    } else if (type == "ByteLevel") {
        spec.byteLevel = true;
    } else if (type == "Metaspace") {
        spec.replacements.emplace_back(file.stringOr(node, "replacement", "\xE2\x96\x81", where), " ");
        spec.stripLeadingSpace = spec.stripLeadingSpace || readPrependScheme(file, node, where) != PrependScheme::Never;
    } else if (type == "Replace") {
        std::string from = literalPattern(file, node, where);
        if (!from.empty())
            spec.replacements.emplace_back(std::move(from),
                                           file.asString(file.member(node, "content", where), where + ".content"));
    } else if (type == "ByteFallback") {
        spec.byteFallback = true;
    } else if (type == "Fuse") {
        // Joining the tokens' strings is what decode does anyway.
    } else if (type == "Strip") {
        const std::string content = file.stringOr(node, "content", " ", where);
        const std::int64_t start =
            file.asInteger(file.member(node, "start", where), where + ".start", {INT64_MIN, INT64_MAX});
        const std::int64_t stop =
            file.asInteger(file.member(node, "stop", where), where + ".stop", {INT64_MIN, INT64_MAX});
        if (content != " " || start < 0 || start > 1 || stop != 0)
            file.fail(ErrorCode::Unsupported,
                      where + ": only Strip of one leading space (start 1, stop 0) is supported");
        spec.stripLeadingSpace = spec.stripLeadingSpace || start == 1;
    } else {
        unsupportedType(file, where, type, "Sequence, ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip");
    }
}

} // namespace

std::vector<NormalizerStep> readNormalizer(const JsonFields &file, const json *node) {
    std::vector<NormalizerStep> steps;
    if (node)
        appendNormalizer(file, *node, "normalizer", steps);
    return steps;
}

std::vector<PreTokenizerStep> readPreTokenizer(const JsonFields &file, const json *node) {
    std::vector<PreTokenizerStep> steps;
    if (node)
        appendPreTokenizer(file, *node, "pre_tokenizer", steps);
    const auto byteLevel = std::find_if(steps.begin(), steps.end(), [](const PreTokenizerStep &step) {
        return step.type == PreTokenizerStep::Type::ByteLevel;
    });
    const bool hasMetaspace = std::any_of(steps.begin(), steps.end(), [](const PreTokenizerStep &step) {
        return step.type == PreTokenizerStep::Type::Metaspace;
    });
    if (byteLevel != steps.end() && (byteLevel + 1 != steps.end() || hasMetaspace))
        file.fail(ErrorCode::Unsupported, "pre_tokenizer: ByteLevel must be the last step and cannot follow Metaspace");
    return steps;
}

DecoderSpec readDecoder(const JsonFields &file, const json *node) {
    DecoderSpec spec;
    if (node)
        appendDecoder(file, *node, "decoder", spec);
    return spec;
}

} // namespace fp::engine::detail
