// What a trial estimate reads and measures: the sites' clients (data read and split as a run does) and a short
// timing of the trial's model on this machine (TrialEstimate.h).
#include "fedpilot/engine/TrialEstimate.h"

#include "federation/ClientWork.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Runtime.h"
#include "fedpilot/engine/Safetensors.h"
#include "fedpilot/engine/SiteHost.h"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace fp::engine {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The first simulated site's samples and the indices of its first client that holds any.
struct CalibrationSamples {
    SiteSamples site;
    std::vector<size_t> indices;
};

Result<CalibrationSamples> firstClientSamples(const TrialSpec &trial) {
    for (const auto &spec : trial.sites) {
        if (spec.remote()) {
            continue;
        }
        auto loaded = loadSiteSamples(siteDataOf(trial, spec), nullptr);
        if (!loaded) {
            return std::unexpected(loaded.error());
        }
        for (const auto &client : loaded->partition.clients) {
            if (!client.samples.empty()) {
                CalibrationSamples found{std::move(*loaded), client.samples};
                return found;
            }
        }
    }
    return fail(ErrorCode::InvalidArgument,
                "sites: no simulated site with samples to calibrate on (sites with an agent time themselves)");
}

} // namespace

Result<std::vector<SiteClientCounts>> countTrialClients(const TrialSpec &trial, std::vector<std::string> *warnings) {
    std::vector<SiteClientCounts> counts;
    for (const auto &spec : trial.sites) {
        SiteClientCounts site;
        site.site = spec.name;
        site.remote = spec.remote();
        if (!site.remote) {
            auto loaded = loadSiteSamples(siteDataOf(trial, spec), warnings);
            if (!loaded) {
                return std::unexpected(loaded.error());
            }
            for (const auto &client : loaded->partition.clients) {
                site.samples.push_back(int64_t(client.samples.size()));
            }
            site.heldOut = int64_t(loaded->partition.heldOut.size());
        }
        counts.push_back(std::move(site));
    }
    return counts;
}

Result<ComputeCalibration> calibrateCompute(const TrialSpec &trial, int samples, int threads,
                                            const std::function<bool()> &cancelled) {
    const auto stop = [&] { return cancelled && cancelled(); };
    auto found = firstClientSamples(trial);
    if (!found) {
        return std::unexpected(found.error());
    }
    ModelOptions modelOptions;
    modelOptions.tokenizerPath = trial.tokenizerPath;
    auto model = LanguageModel::load(trial.modelPath, modelOptions);
    if (!model) {
        return std::unexpected(model.error().withContext("model.path"));
    }
    if (auto ok = model->attachLora(trial.lora, detail::mixSeed(trial.schedule.seed, 7)); !ok) {
        return std::unexpected(ok.error().withContext("lora"));
    }
    ComputeCalibration calibration;
    calibration.threads = configureThreads(threads > 0 ? threads : automaticThreads(model->config().dim));
    auto adapter = encodeSafetensors(model->adapterTensors());
    if (!adapter) {
        return std::unexpected(adapter.error());
    }
    calibration.adapterBytes = int64_t(adapter->size());
    if (stop()) {
        return fail(ErrorCode::Cancelled, "calibration cancelled");
    }
    std::vector<size_t> chosen = found->indices;
    chosen.resize(std::min(chosen.size(), size_t(std::max(1, samples))));
    // One sample first, untimed: the first call allocates buffers and merges the adapter, which a run pays once.
    if (auto warm = detail::extractFeatures(*model, found->site.samples, {chosen.front()}, trial.featureTokens,
                                            trial.truncation, trial.promptTemplate);
        !warm) {
        return std::unexpected(warm.error());
    }
    const auto featureStart = std::chrono::steady_clock::now();
    auto features = detail::extractFeatures(*model, found->site.samples, chosen, trial.featureTokens, trial.truncation,
                                            trial.promptTemplate);
    if (!features) {
        return std::unexpected(features.error());
    }
    calibration.featureSecondsPerSample = secondsSince(featureStart) / double(chosen.size());
    calibration.featureSamples = int(chosen.size());
    if (stop()) {
        return fail(ErrorCode::Cancelled, "calibration cancelled");
    }
    chosen.resize(std::max<size_t>(1, chosen.size() / 2));
    TrainRequest request;
    request.count = int64_t(chosen.size());
    request.learningRate = trial.schedule.learningRate;
    request.batchSize = 1;
    request.maxTokens = trial.maxTokens;
    request.truncation = trial.truncation;
    request.promptTemplate = trial.promptTemplate;
    request.seed = trial.schedule.seed;
    if (auto warm = detail::trainOnCoreset(*model, found->site.samples, {chosen.front()}, request); !warm) {
        return std::unexpected(warm.error());
    }
    const auto trainStart = std::chrono::steady_clock::now();
    auto trained = detail::trainOnCoreset(*model, found->site.samples, chosen, request);
    if (!trained) {
        return std::unexpected(trained.error());
    }
    calibration.trainSecondsPerSample = secondsSince(trainStart) / double(chosen.size());
    calibration.trainSamples = int(chosen.size());
    return calibration;
}

} // namespace fp::engine
