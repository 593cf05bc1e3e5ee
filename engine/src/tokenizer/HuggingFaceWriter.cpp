#include "HuggingFaceWriter.h"

#include "Utf8.h"
#include "formats/FileIo.h"
#include "formats/JsonFields.h"

#include <filesystem>
#include <unordered_map>

namespace fp::engine::detail {

namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char *kSpaceSymbol = "\xE2\x96\x81"; // U+2581, SentencePiece's space

struct ExportedFiles {
    ordered_json tokenizer;
    ordered_json config;
    ordered_json specialTokensMap;
};

// The pieces as tokenizer.json spells them. llama2.c pieces get U+2581 for space and the
// Hugging Face names of the control tokens; all must be valid UTF-8 and distinct.
std::vector<std::string> exportedPieces(const TokenizerImpl &impl, const std::string &what) {
    std::vector<std::string> pieces;
    std::unordered_map<std::string, int> seen;
    for (int id = 0; id < impl.vocab.size(); ++id) {
        std::string piece = impl.vocab.piece(id);
        if (impl.kind == Tokenizer::Kind::Llama2c) {
            if (id <= 2)
                piece = id == 0 ? "<unk>" : id == 1 ? "<s>" : "</s>";
            else if (impl.vocab.kind(id) == TokenKind::Normal)
                piece = replaceAll(piece, " ", kSpaceSymbol);
            if (!isValidUtf8(piece))
                throw JsonFieldError(ErrorCode::Unsupported, what + ": token " + std::to_string(id) +
                                                                 " is not valid UTF-8; tokenizer.json cannot hold it");
            const auto [it, inserted] = seen.emplace(piece, id);
            if (!inserted)
                throw JsonFieldError(ErrorCode::Unsupported, what + ": tokens " + std::to_string(it->second) + " and " +
                                                                 std::to_string(id) + " both become \"" + piece +
                                                                 "\" in tokenizer.json");
        }
        pieces.push_back(std::move(piece));
    }
    return pieces;
}

ordered_json addedTokenJson(int id, const std::string &content, bool special, const AddedToken *source) {
    return ordered_json{{"id", id},
                        {"content", content},
                        {"single_word", source ? source->singleWord : false},
                        {"lstrip", source ? source->lstrip : false},
                        {"rstrip", source ? source->rstrip : false},
                        {"normalized", source ? source->normalized : false},
                        {"special", special}};
}

ordered_json mergesJson(const TokenizerImpl &impl, const std::vector<std::string> &pieces) {
    const std::vector<MergeEntry> merges = impl.bpe.mergesByRank();
    bool needArrays = false; // the "a b" form cannot hold pieces with a space
    for (const MergeEntry &merge : merges) {
        needArrays = needArrays || pieces[static_cast<std::size_t>(merge.left)].find(' ') != std::string::npos ||
                     pieces[static_cast<std::size_t>(merge.right)].find(' ') != std::string::npos;
    }
    ordered_json list = ordered_json::array();
    for (const MergeEntry &merge : merges) {
        const std::string &left = pieces[static_cast<std::size_t>(merge.left)];
        const std::string &right = pieces[static_cast<std::size_t>(merge.right)];
        if (needArrays)
            list.push_back(ordered_json::array({left, right}));
        else
            list.push_back(left + " " + right);
    }
    return list;
}

ordered_json modelJson(const TokenizerImpl &impl, const std::vector<std::string> &pieces) {
    ordered_json vocab = ordered_json::object();
    const std::vector<bool> &inModel = impl.huggingFace.inModelVocab;
    for (int id = 0; id < impl.vocab.size(); ++id) {
        const bool listed = impl.kind == Tokenizer::Kind::Llama2c || inModel[static_cast<std::size_t>(id)];
        if (listed && impl.vocab.kind(id) != TokenKind::Unused)
            vocab[pieces[static_cast<std::size_t>(id)]] = id;
    }
    return ordered_json{
        {"type", "BPE"},
        {"dropout", nullptr},
        {"unk_token", impl.unkId >= 0 ? ordered_json(pieces[static_cast<std::size_t>(impl.unkId)]) : ordered_json()},
        {"continuing_subword_prefix", nullptr},
        {"end_of_word_suffix", nullptr},
        {"fuse_unk", impl.fuseUnk || impl.kind == Tokenizer::Kind::Llama2c},
        {"byte_fallback", impl.byteFallback},
        {"ignore_merges", impl.ignoreMerges},
        {"vocab", std::move(vocab)},
        {"merges", mergesJson(impl, pieces)}};
}

ordered_json stringPattern(const char *text) { return ordered_json{{"String", text}}; }

// The Llama 2 layout: SentencePiece's dummy prefix and U+2581 as normalizer, byte fallback decoder.
void addLlama2Sections(ordered_json &root) {
    root["normalizer"] = {{"type", "Sequence"},
                          {"normalizers",
                           {{{"type", "Prepend"}, {"prepend", kSpaceSymbol}},
                            {{"type", "Replace"}, {"pattern", stringPattern(" ")}, {"content", kSpaceSymbol}}}}};
    root["pre_tokenizer"] = nullptr;
    const ordered_json bos = {{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}};
    const ordered_json bos1 = {{"SpecialToken", {{"id", "<s>"}, {"type_id", 1}}}};
    root["post_processor"] = {
        {"type", "TemplateProcessing"},
        {"single", {bos, {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}}},
        {"pair",
         {bos, {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}, bos1, {{"Sequence", {{"id", "B"}, {"type_id", 1}}}}}},
        {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {1}}, {"tokens", {"<s>"}}}}}}};
    root["decoder"] = {{"type", "Sequence"},
                       {"decoders",
                        {{{"type", "Replace"}, {"pattern", stringPattern(kSpaceSymbol)}, {"content", " "}},
                         {{"type", "ByteFallback"}},
                         {{"type", "Fuse"}},
                         {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}};
}

ordered_json addedTokensJson(const TokenizerImpl &impl, const std::vector<std::string> &pieces) {
    ordered_json list = ordered_json::array();
    if (impl.kind == Tokenizer::Kind::Llama2c) {
        for (int id = 0; id <= 2; ++id)
            list.push_back(addedTokenJson(id, pieces[static_cast<std::size_t>(id)], true, nullptr));
        return list;
    }
    for (const AddedToken &token : impl.addedTokens.tokens())
        list.push_back(addedTokenJson(token.id, token.content, token.special, &token));
    return list;
}

void addConfigs(const TokenizerImpl &impl, const std::vector<std::string> &pieces, ExportedFiles &files) {
    auto name = [&](int id) { return id >= 0 ? ordered_json(pieces[static_cast<std::size_t>(id)]) : ordered_json(); };
    const bool sentencePiece = impl.kind != Tokenizer::Kind::ByteLevelBpe;
    ordered_json decoderTable = ordered_json::object();
    for (const ordered_json &token : files.tokenizer["added_tokens"]) {
        ordered_json entry = token;
        entry.erase("id");
        decoderTable[std::to_string(token["id"].get<int>())] = std::move(entry);
    }
    files.config = {{"add_bos_token", impl.bosId >= 0},
                    {"add_eos_token", false},
                    {"added_tokens_decoder", std::move(decoderTable)},
                    {"bos_token", name(impl.bosId)},
                    {"eos_token", name(impl.eosId)},
                    {"unk_token", name(impl.unkId)},
                    {"clean_up_tokenization_spaces", false},
                    {"legacy", sentencePiece},
                    {"tokenizer_class", sentencePiece ? "LlamaTokenizerFast" : "PreTrainedTokenizerFast"}};
    files.specialTokensMap = ordered_json::object();
    for (const auto &[key, id] :
         {std::pair{"bos_token", impl.bosId}, {"eos_token", impl.eosId}, {"unk_token", impl.unkId}}) {
        if (id >= 0)
            files.specialTokensMap[key] = pieces[static_cast<std::size_t>(id)];
    }
}

ExportedFiles exportTokenizer(const TokenizerImpl &impl, const std::string &what) {
    const std::vector<std::string> pieces = exportedPieces(impl, what);
    ExportedFiles files;
    ordered_json &root = files.tokenizer;
    root["version"] = "1.0";
    root["truncation"] = nullptr;
    root["padding"] = nullptr;
    root["added_tokens"] = addedTokensJson(impl, pieces);
    if (impl.kind == Tokenizer::Kind::Llama2c) {
        addLlama2Sections(root);
    } else {
        root["normalizer"] = ordered_json::parse(impl.huggingFace.normalizer);
        root["pre_tokenizer"] = ordered_json::parse(impl.huggingFace.preTokenizer);
        root["post_processor"] = ordered_json::parse(impl.huggingFace.postProcessor);
        root["decoder"] = ordered_json::parse(impl.huggingFace.decoder);
    }
    root["model"] = modelJson(impl, pieces);
    addConfigs(impl, pieces, files);
    return files;
}

Result<void> writeJson(const std::filesystem::path &path, const ordered_json &value) {
    return writeFileAtomically(path.string(), [&](std::ostream &out) { out << value.dump(2) << '\n'; });
}

} // namespace

Result<void> saveHuggingFaceTokenizer(const TokenizerImpl &impl, const std::string &dir) {
    const std::string what = "saving tokenizer to " + dir;
    if (impl.kind == Tokenizer::Kind::Empty)
        return fail(ErrorCode::InvalidArgument, what + ": the tokenizer is empty");
    ExportedFiles files;
    try {
        files = exportTokenizer(impl, what);
    } catch (const JsonFieldError &e) {
        return fail(e.code(), e.what());
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return fail(ErrorCode::Io, what + ": cannot create the folder: " + ec.message());
    const std::filesystem::path folder(dir);
    for (const auto &[name, value] : {std::pair<const char *, const ordered_json *>{"tokenizer.json", &files.tokenizer},
                                      {"tokenizer_config.json", &files.config},
                                      {"special_tokens_map.json", &files.specialTokensMap}}) {
        if (auto written = writeJson(folder / name, *value); !written)
            return written;
    }
    return {};
}

} // namespace fp::engine::detail
