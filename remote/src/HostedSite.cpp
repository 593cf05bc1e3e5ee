#include "fedpilot/remote/HostedSite.h"

#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/ModelFingerprint.h"
#include "fedpilot/engine/SiteHost.h"

namespace fp::remote {

Result<std::shared_ptr<HostedSite>> loadHostedSite(const std::string &siteFile, std::vector<std::string> *warnings) {
    auto spec = engine::readSiteFile(siteFile);
    if (!spec) {
        return std::unexpected(spec.error());
    }
    const std::string where = "site file " + siteFile;
    engine::ModelOptions modelOptions;
    modelOptions.tokenizerPath = spec->tokenizerPath;
    auto model = engine::LanguageModel::load(spec->modelPath, modelOptions);
    if (!model) {
        return std::unexpected(model.error().withContext(where + ": model.path"));
    }
    auto sha = engine::modelFilesSha256(spec->modelPath);
    if (!sha) {
        return std::unexpected(sha.error().withContext(where + ": model.path"));
    }
    auto hosted = std::make_shared<HostedSite>();
    hosted->name = spec->site.name;
    hosted->modelSha256 = *sha;
    hosted->tokenizerSha256 = engine::tokenizerSha256(model->tokenizer());
    hosted->model = std::make_shared<engine::LanguageModel>(std::move(*model));
    auto site = engine::buildLocalSite(spec->site, hosted->model, warnings);
    if (!site) {
        return std::unexpected(site.error().withContext(where));
    }
    hosted->site = std::move(*site);
    return hosted;
}

} // namespace fp::remote
