// Hugging Face Llama directories: config.json + model.safetensors, or shards listed in
// model.safetensors.index.json {"metadata": {...}, "weight_map": {tensor: shard file}}.

#include "FileIo.h"
#include "JsonFields.h"
#include "fedpilot/engine/ModelFiles.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

namespace fp::engine {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char *kWeightsFile = "model.safetensors";
constexpr const char *kIndexFile = "model.safetensors.index.json";

std::string shapeText(const std::vector<int64_t> &shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? "," : "") + std::to_string(shape[i]);
    return s + "]";
}

// First mismatch between tensors and the specs, as an Error (NotFound / BadFormat / Unsupported).
Result<void> checkAgainstSpecs(const TensorMap &tensors, const std::vector<TensorSpec> &specs, const std::string &ctx) {
    for (const TensorSpec &spec : specs) {
        const auto it = tensors.find(spec.name);
        if (it == tensors.end())
            return fail(ErrorCode::NotFound,
                        ctx + ": missing tensor '" + spec.name + "' (expected shape " + shapeText(spec.shape) + ")");
        const RawTensor &t = it->second;
        if (t.shape != spec.shape)
            return fail(ErrorCode::BadFormat, ctx + ": tensor '" + spec.name + "' has shape " + shapeText(t.shape) +
                                                  ", the config implies " + shapeText(spec.shape));
        if (t.dtype != DType::F32 && t.dtype != DType::F16 && t.dtype != DType::BF16)
            return fail(ErrorCode::Unsupported, ctx + ": tensor '" + spec.name + "' has dtype " + dtypeName(t.dtype) +
                                                    ", expected F32, F16 or BF16");
        if (!t.hasConsistentSize())
            return fail(ErrorCode::BadFormat,
                        ctx + ": tensor '" + spec.name + "' has a byte count not matching its shape");
    }
    return {};
}

// Keeps exactly the decoder's tensors. Drops what transformers itself ignores (rotary inv_freq
// buffers, the duplicate lm_head of a tied model); anything else means an architecture we would
// silently compute wrong, so it is refused.
Result<TensorMap> selectLlamaTensors(TensorMap all, const LlamaConfig &config, const std::string &ctx) {
    const auto specs = llamaTensorSpecs(config);
    if (auto r = checkAgainstSpecs(all, specs, ctx); !r)
        return std::unexpected(r.error());
    TensorMap selected;
    for (const TensorSpec &spec : specs)
        selected.emplace(spec.name, std::move(all.at(spec.name)));
    for (const auto &[name, t] : all) {
        if (selected.contains(name) || name.ends_with("rotary_emb.inv_freq") ||
            (config.tiedEmbeddings && name == "lm_head.weight"))
            continue;
        return fail(ErrorCode::Unsupported,
                    ctx + ": unexpected tensor '" + name + "' (not part of a bias-free Llama decoder)");
    }
    return selected;
}

bool isPlainFileName(const std::string &name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\\') == std::string::npos;
}

// shard file name -> tensor names it holds, from the index's weight_map.
Result<std::map<std::string, std::vector<std::string>>> readShardIndex(const std::string &indexPath) {
    auto j = detail::readJsonFile(indexPath, "index file", detail::kConfigJsonLimits);
    if (!j)
        return std::unexpected(j.error());
    return detail::catchJsonFields([&]() -> Result<std::map<std::string, std::vector<std::string>>> {
        const detail::JsonFields f("index file " + indexPath);
        const json &map = f.asObject(f.member(*j, "weight_map", ""), "weight_map");
        std::map<std::string, std::vector<std::string>> shards;
        for (const auto &[tensor, shard] : map.items()) {
            const std::string where = "weight_map." + detail::quotePrefix(tensor);
            const std::string file = f.asString(shard, where);
            if (!isPlainFileName(file))
                f.fail(ErrorCode::BadFormat, where,
                       detail::quotePrefix(file) + " must name a file in the same directory");
            shards[file].push_back(tensor);
        }
        return shards;
    });
}

Result<TensorMap> readShardedWeights(const fs::path &dir) {
    const std::string indexPath = (dir / kIndexFile).string();
    auto shards = readShardIndex(indexPath);
    if (!shards)
        return std::unexpected(shards.error());
    TensorMap all;
    for (const auto &[shardName, names] : *shards) {
        const std::string shardPath = (dir / shardName).string();
        if (!fs::exists(shardPath))
            return fail(ErrorCode::NotFound,
                        "index file " + indexPath + " names shard '" + shardName + "', which does not exist");
        auto shard = readSafetensors(shardPath);
        if (!shard)
            return std::unexpected(shard.error());
        for (const std::string &name : names) {
            auto node = shard->extract(name);
            if (node.empty())
                return fail(ErrorCode::NotFound, "index file " + indexPath + " places tensor '" + name +
                                                     "' in shard '" + shardName + "', which does not contain it");
            all.insert(std::move(node));
        }
    }
    return all;
}

Result<Checkpoint> loadHfUnguarded(const std::string &dirText) {
    const fs::path dir(dirText);
    if (!fs::is_directory(dir))
        return fail(ErrorCode::NotFound, "model directory " + dirText + ": no such directory");
    auto config = readHfConfig((dir / "config.json").string());
    if (!config)
        return std::unexpected(config.error());
    Result<TensorMap> all;
    std::string source;
    if (fs::exists(dir / kWeightsFile)) {
        source = (dir / kWeightsFile).string();
        all = readSafetensors(source);
    } else if (fs::exists(dir / kIndexFile)) {
        source = (dir / kIndexFile).string();
        all = readShardedWeights(dir);
    } else {
        return fail(ErrorCode::NotFound, "model directory " + dirText + ": no " + kWeightsFile + " or " + kIndexFile);
    }
    if (!all)
        return std::unexpected(all.error());
    auto tensors = selectLlamaTensors(std::move(*all), *config, "weights " + source);
    if (!tensors)
        return std::unexpected(tensors.error());
    return Checkpoint{*config, std::move(*tensors), "Hugging Face checkpoint " + dirText};
}

Result<void> saveHfUnguarded(const Checkpoint &cp, const std::string &dirText) {
    const std::string ctx = "saving checkpoint to " + dirText;
    if (auto r = cp.config.validate(); !r)
        return std::unexpected(Error(ErrorCode::InvalidArgument, r.error().message).withContext(ctx));
    if (auto r = checkAgainstSpecs(cp.tensors, llamaTensorSpecs(cp.config), ctx); !r)
        return std::unexpected(Error(ErrorCode::InvalidArgument, r.error().message));
    if (cp.tensors.size() != llamaTensorSpecs(cp.config).size())
        return fail(ErrorCode::InvalidArgument, ctx + ": the checkpoint holds tensors beyond the Llama decoder's");
    const fs::path dir(dirText);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return fail(ErrorCode::Io, ctx + ": cannot create the directory: " + ec.message());
    if (auto r = writeHfConfig(cp.config, (dir / "config.json").string()); !r)
        return r;
    if (auto r = writeSafetensors((dir / kWeightsFile).string(), cp.tensors, {{"format", "pt"}}); !r)
        return r;
    nlohmann::ordered_json generation{{"bos_token_id", cp.config.bosId}, {"eos_token_id", cp.config.eosId}};
    const std::string text = generation.dump(2) + "\n";
    return detail::writeFileAtomically((dir / "generation_config.json").string(),
                                       [&](std::ostream &out) { out << text; });
}

} // namespace

Result<Checkpoint> loadHfCheckpoint(const std::string &dir) {
    return detail::catchAtBoundary("model directory " + dir, [&] { return loadHfUnguarded(dir); });
}

Result<void> saveHfCheckpoint(const Checkpoint &checkpoint, const std::string &dir) {
    return detail::catchAtBoundary("saving checkpoint to " + dir, [&] { return saveHfUnguarded(checkpoint, dir); });
}

Result<Checkpoint> loadCheckpoint(const std::string &path) {
    return detail::catchAtBoundary("model " + path, [&]() -> Result<Checkpoint> {
        const fs::path p(path);
        std::error_code ec;
        const auto status = fs::status(p, ec);
        if (status.type() == fs::file_type::not_found)
            return fail(ErrorCode::NotFound, "model " + path + ": no such file or directory");
        if (fs::is_directory(status))
            return loadHfCheckpoint(path);
        if (p.filename() == "config.json" || p.extension() == ".safetensors" || p.filename() == kIndexFile)
            return loadHfCheckpoint(p.parent_path().empty() ? std::string(".") : p.parent_path().string());
        return loadLlama2cCheckpoint(path);
    });
}

} // namespace fp::engine
