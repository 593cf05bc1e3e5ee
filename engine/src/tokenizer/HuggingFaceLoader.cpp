#include "HuggingFaceLoader.h"

#include "HuggingFacePipeline.h"
#include "formats/JsonFields.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace fp::engine::detail {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxTokenId = (1 << 21) - 1; // real vocabularies stay below 300k

struct BpeSettings {
    bool byteFallback = false;
    bool fuseUnk = false;
    bool ignoreMerges = false;
    std::string unkToken;
};

int readTokenId(const JsonFields &file, const json &value, const std::string &where) {
    return static_cast<int>(file.asInteger(value, where, {0, kMaxTokenId}));
}

BpeSettings readBpeSettings(const JsonFields &file, const json &model) {
    std::string type = file.stringOr(model, "type", "", "model");
    if (type.empty() && file.optional(model, "merges", "model"))
        type = "BPE"; // files written before "type" existed
    if (type != "BPE")
        file.fail(ErrorCode::Unsupported, "model.type is " + quotePrefix(type) + "; only BPE models are supported");
    for (const char *affix : {"continuing_subword_prefix", "end_of_word_suffix"}) {
        if (!file.stringOr(model, affix, "", "model").empty())
            file.fail(ErrorCode::Unsupported, std::string("model.") + affix + " is not supported");
    }
    if (const json *dropout = file.optional(model, "dropout", "model");
        dropout && dropout->is_number() && dropout->get<double>() > 0.0)
        file.fail(ErrorCode::Unsupported, "model.dropout > 0 (BPE dropout) is not supported");
    BpeSettings settings;
    settings.byteFallback = file.booleanOr(model, "byte_fallback", false, "model");
    settings.fuseUnk = file.booleanOr(model, "fuse_unk", false, "model");
    settings.ignoreMerges = file.booleanOr(model, "ignore_merges", false, "model");
    settings.unkToken = file.stringOr(model, "unk_token", "", "model");
    return settings;
}

std::vector<std::pair<int, std::string>> readModelVocab(const JsonFields &file, const json &model) {
    const json &vocab = file.asObject(file.member(model, "vocab", "model"), "model.vocab");
    std::vector<std::pair<int, std::string>> entries;
    entries.reserve(vocab.size());
    for (const auto &[piece, value] : vocab.items()) {
        // The common case without building the field's path; anything else gets the full check and message.
        const bool plain = value.is_number_unsigned() && value.get<std::uint64_t>() <= std::uint64_t(kMaxTokenId);
        const int id = plain ? value.get<int>() : readTokenId(file, value, "model.vocab[" + quotePrefix(piece) + "]");
        entries.emplace_back(id, piece);
    }
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 1; i < entries.size(); ++i) {
        if (entries[i].first == entries[i - 1].first)
            file.fail(ErrorCode::BadFormat, "model.vocab gives id " + std::to_string(entries[i].first) + " to both " +
                                                quotePrefix(entries[i - 1].second) + " and " +
                                                quotePrefix(entries[i].second));
    }
    return entries;
}

std::vector<AddedToken> readAddedTokens(const JsonFields &file, const json &root) {
    std::vector<AddedToken> tokens;
    const json *list = file.optional(root, "added_tokens", "");
    if (!list)
        return tokens;
    file.asArray(*list, "added_tokens");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json &node = (*list)[i];
        const std::string where = "added_tokens[" + std::to_string(i) + "]";
        AddedToken token;
        token.id = readTokenId(file, file.member(node, "id", where), where + ".id");
        token.content = file.asString(file.member(node, "content", where), where + ".content");
        if (token.content.empty())
            file.fail(ErrorCode::BadFormat, where + ".content is empty");
        token.special = file.booleanOr(node, "special", false, where);
        token.lstrip = file.booleanOr(node, "lstrip", false, where);
        token.rstrip = file.booleanOr(node, "rstrip", false, where);
        token.normalized = file.booleanOr(node, "normalized", !token.special, where);
        token.singleWord = file.booleanOr(node, "single_word", false, where);
        tokens.push_back(std::move(token));
    }
    return tokens;
}

// Fills impl.vocab from model.vocab and added_tokens (ids may leave holes: Unused).
void assembleVocabulary(TokenizerImpl &impl, const std::vector<std::pair<int, std::string>> &modelVocab,
                        const std::vector<AddedToken> &added, const BpeSettings &settings) {
    int size = modelVocab.empty() ? 0 : modelVocab.back().first + 1;
    for (const AddedToken &token : added)
        size = std::max(size, token.id + 1);
    std::vector<std::string> pieces(static_cast<std::size_t>(size));
    std::vector<TokenKind> kinds(static_cast<std::size_t>(size), TokenKind::Unused);
    std::vector<bool> &inModel = impl.huggingFace.inModelVocab;
    inModel.assign(static_cast<std::size_t>(size), false);
    for (const auto &[id, piece] : modelVocab) {
        const auto index = static_cast<std::size_t>(id);
        pieces[index] = piece;
        kinds[index] = settings.byteFallback && parseByteToken(piece) ? TokenKind::Byte : TokenKind::Normal;
        inModel[index] = true;
    }
    for (const AddedToken &token : added) {
        const auto index = static_cast<std::size_t>(token.id);
        if (!inModel[index])
            pieces[index] = token.content;
        if (token.special)
            kinds[index] = TokenKind::Control;
        else if (!inModel[index])
            kinds[index] = TokenKind::Added;
    }
    if (!settings.unkToken.empty()) {
        for (const auto &[id, piece] : modelVocab) {
            if (piece == settings.unkToken) {
                impl.unkId = id;
                kinds[static_cast<std::size_t>(id)] = TokenKind::Unknown;
                break;
            }
        }
    }
    impl.vocab.assign(std::move(pieces), {}, std::move(kinds));
}

std::pair<std::string, std::string> readMergePair(const JsonFields &file, const json &entry, const std::string &where) {
    if (entry.is_array()) {
        if (entry.size() != 2)
            file.fail(ErrorCode::BadFormat, where + " must hold 2 pieces, found " + std::to_string(entry.size()));
        return {file.asString(entry[0], where + "[0]"), file.asString(entry[1], where + "[1]")};
    }
    const std::string text = file.asString(entry, where);
    const std::size_t space = text.find(' ');
    if (space == std::string::npos || text.find(' ', space + 1) != std::string::npos)
        file.fail(ErrorCode::BadFormat, where + " " + quotePrefix(text) + " must be two pieces separated by one space");
    return {text.substr(0, space), text.substr(space + 1)};
}

void readMerges(const JsonFields &file, const json &model, TokenizerImpl &impl) {
    const json *merges = file.optional(model, "merges", "model");
    if (!merges)
        return;
    file.asArray(*merges, "model.merges");
    auto idOf = [&](const std::string &piece, const std::string &where) {
        const int id = impl.vocab.find(piece);
        if (id < 0)
            file.fail(ErrorCode::BadFormat, where + ": piece " + quotePrefix(piece) + " is not in model.vocab");
        return id;
    };
    for (std::size_t rank = 0; rank < merges->size(); ++rank) {
        const std::string where = "model.merges[" + std::to_string(rank) + "]";
        const auto [left, right] = readMergePair(file, (*merges)[rank], where);
        const int leftId = idOf(left, where);
        const int rightId = idOf(right, where);
        impl.bpe.addMerge(leftId, rightId, {static_cast<double>(rank), idOf(left + right, where)});
    }
}

// bos_token / eos_token of tokenizer_config.json: a string, {"content": ...}, or absent/null.
std::optional<std::string> configuredToken(const JsonFields &config, const json &root, const char *key) {
    const json *value = config.optional(root, key, "");
    if (!value)
        return std::nullopt;
    if (value->is_object())
        return config.asString(config.member(*value, "content", key), std::string(key) + ".content");
    return config.asString(*value, key);
}

int resolveSpecial(const TokenizerImpl &impl, const JsonFields &config, const std::optional<std::string> &name,
                   const char *key, std::initializer_list<const char *> defaults) {
    if (name) {
        const int id = impl.vocab.find(*name);
        if (id < 0)
            config.fail(ErrorCode::BadFormat,
                        std::string(key) + " " + quotePrefix(*name) + " is not a token of " + impl.sourcePath);
        return id;
    }
    for (const char *candidate : defaults) {
        if (const int id = impl.vocab.find(candidate); id >= 0)
            return id;
    }
    return -1;
}

void readSpecialIds(TokenizerImpl &impl) {
    const std::filesystem::path configPath =
        std::filesystem::path(impl.sourcePath).parent_path() / "tokenizer_config.json";
    const JsonFields config("tokenizer config " + configPath.string());
    std::optional<std::string> bos, eos;
    std::error_code ec;
    if (std::filesystem::exists(configPath, ec)) {
        auto root = readJsonFile(configPath.string(), "tokenizer config", kConfigJsonLimits);
        if (!root)
            throw JsonFieldError(root.error().code, root.error().message);
        bos = configuredToken(config, *root, "bos_token");
        eos = configuredToken(config, *root, "eos_token");
    }
    impl.bosId = resolveSpecial(impl, config, bos, "bos_token", {"<s>", "<|begin_of_text|>"});
    impl.eosId = resolveSpecial(impl, config, eos, "eos_token", {"</s>", "<|end_of_text|>"});
}

std::shared_ptr<TokenizerImpl> buildTokenizer(const JsonFields &file, const json &root, const std::string &path) {
    file.asObject(root, "the top level");
    const json &model = file.member(root, "model", "");
    const BpeSettings settings = readBpeSettings(file, model);
    auto impl = std::make_shared<TokenizerImpl>();
    impl->sourcePath = path;
    const std::vector<AddedToken> added = readAddedTokens(file, root);
    assembleVocabulary(*impl, readModelVocab(file, model), added, settings);
    readMerges(file, model, *impl);
    if (!settings.unkToken.empty() && impl->unkId < 0)
        file.fail(ErrorCode::BadFormat, "model.unk_token " + quotePrefix(settings.unkToken) + " is not in model.vocab");
    impl->byteFallback = settings.byteFallback;
    impl->fuseUnk = settings.fuseUnk;
    impl->ignoreMerges = settings.ignoreMerges;
    impl->addedTokens = AddedTokenMatcher(added);
    impl->pipeline = TextPipeline(readNormalizer(file, file.optional(root, "normalizer", "")),
                                  readPreTokenizer(file, file.optional(root, "pre_tokenizer", "")));
    impl->decoder = readDecoder(file, file.optional(root, "decoder", ""));
    impl->kind = (impl->pipeline.byteLevel() || impl->decoder.byteLevel) ? Tokenizer::Kind::ByteLevelBpe
                                                                         : Tokenizer::Kind::SentencePieceBpe;
    HuggingFaceSections &sections = impl->huggingFace;
    sections.normalizer = root.value("normalizer", json()).dump();
    sections.preTokenizer = root.value("pre_tokenizer", json()).dump();
    sections.postProcessor = root.value("post_processor", json()).dump();
    sections.decoder = root.value("decoder", json()).dump();
    return impl;
}

} // namespace

Result<std::shared_ptr<TokenizerImpl>> loadHuggingFaceTokenizer(const std::string &path) {
    auto root = readJsonFile(path, "tokenizer file", kTokenizerJsonLimits);
    if (!root)
        return std::unexpected(root.error());
    const JsonFields file("tokenizer file " + path);
    try {
        auto impl = buildTokenizer(file, *root, path);
        readSpecialIds(*impl);
        impl->buildDecodedPieces();
        return impl;
    } catch (const JsonFieldError &e) {
        return fail(e.code(), e.what());
    } catch (const json::exception &e) {
        return fail(ErrorCode::BadFormat, file.origin() + ": " + e.what());
    }
}

} // namespace fp::engine::detail
