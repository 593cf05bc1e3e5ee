// fedpilot-cli generate / convert: the engine's model loading and generation, from the shell.
#include "Args.h"
#include "Commands.h"

#include "fedpilot/engine/LanguageModel.h"

#include <cstdio>
#include <iostream>
#include <limits>

namespace fp::app {

int runGenerate(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {"stream"},
                            {"model", "tokenizer", "prompt", "max-new-tokens", "temperature", "top-p", "seed",
                             "threads", "device", "adapter"});
    if (!args) {
        return reportError("generate", args.error());
    }
    if (!args->value("model")) {
        return reportError("generate", Error(ErrorCode::InvalidArgument, "--model PATH is required"));
    }
    auto maxNew = args->integer("max-new-tokens", 128, 0, 1 << 20);
    auto temperature = args->number("temperature", 0.0);
    auto topP = args->number("top-p", 1.0);
    auto seed = args->integer("seed", 0, 0, std::numeric_limits<long long>::max());
    auto threads = args->integer("threads", 0, 1, 1024);
    for (const auto *r : {&maxNew, &seed, &threads}) {
        if (!*r) {
            return reportError("generate", r->error());
        }
    }
    for (const auto *r : {&temperature, &topP}) {
        if (!*r) {
            return reportError("generate", r->error());
        }
    }
    auto device = engine::resolveDevice(args->valueOr("device", "cpu"));
    if (!device) {
        return reportError("generate", device.error());
    }
    engine::configureThreads(int(*threads));
    engine::ModelOptions modelOptions;
    modelOptions.device = *device;
    modelOptions.tokenizerPath = args->valueOr("tokenizer", "");
    auto model = engine::LanguageModel::load(*args->value("model"), modelOptions);
    if (!model) {
        return reportError("generate", model.error());
    }
    if (const auto adapter = args->value("adapter")) {
        if (auto ok = model->loadAdapter(*adapter); !ok) {
            return reportError("generate", ok.error());
        }
    }
    engine::GenerationOptions options;
    options.maxNewTokens = int(*maxNew);
    options.temperature = float(*temperature);
    options.topP = float(*topP);
    options.seed = uint64_t(*seed);
    const bool stream = args->has("stream");
    auto text = model->generate(args->valueOr("prompt", ""), options, [&](int, const std::string &piece) {
        if (stream) {
            std::fwrite(piece.data(), 1, piece.size(), stdout);
            std::fflush(stdout);
        }
        return true;
    });
    if (!text) {
        return reportError("generate", text.error());
    }
    if (!stream) {
        std::cout << *text;
    }
    std::cout << "\n";
    return ExitOk;
}

int runConvert(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {}, {"model", "tokenizer", "out"});
    if (!args) {
        return reportError("convert", args.error());
    }
    if (!args->value("model") || !args->value("out")) {
        return reportError("convert", Error(ErrorCode::InvalidArgument, "--model SRC and --out DIR are required"));
    }
    if (auto ok =
            engine::convertToHuggingFace(*args->value("model"), args->valueOr("tokenizer", ""), *args->value("out"));
        !ok) {
        return reportError("convert", ok.error());
    }
    std::cout << "wrote " << *args->value("out") << " (config.json, model.safetensors, tokenizer.json)\n";
    return ExitOk;
}

} // namespace fp::app
