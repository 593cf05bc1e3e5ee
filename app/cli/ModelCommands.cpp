// fedpilot-cli generate / convert: the engine's model loading and generation, from the shell.
#include "CommandLine.h"
#include "Commands.h"

#include "fedpilot/engine/LanguageModel.h"

#include <cstdio>
#include <iostream>
#include <limits>

namespace fp::app {

int runGenerate(const std::vector<std::string> &arguments) {
    CommandLine cli("fedpilot-cli generate", "Continues a prompt with a model and prints the generated text.");
    std::string modelPath, tokenizerPath, prompt, adapterDir, deviceName = "cpu";
    long long maxNew = 128, seed = 0, threads = 0;
    double temperature = 0.0, topP = 1.0;
    bool stream = false;
    cli.add_option("--model", modelPath, "Hugging Face model folder or llama2.c checkpoint")->required();
    cli.add_option("--tokenizer", tokenizerPath, "tokenizer file (default: the one beside the model)");
    cli.add_option("--prompt", prompt, "the text to continue");
    cli.add_option("--max-new-tokens", maxNew, "tokens to generate")
        ->check(integerFrom(0, 1 << 20))
        ->capture_default_str();
    cli.add_option("--temperature", temperature, "0: greedy")->check(realNumber())->capture_default_str();
    cli.add_option("--top-p", topP, "nucleus sampling mass")->check(realNumber())->capture_default_str();
    cli.add_option("--seed", seed, "sampling seed")->check(integerFrom(0, std::numeric_limits<long long>::max()));
    cli.add_option("--threads", threads, "intra-op threads")->check(integerFrom(1, 1024));
    cli.add_option("--device", deviceName, "cpu, cuda or auto")->capture_default_str();
    cli.add_option("--adapter", adapterDir, "PEFT LoRA adapter folder to apply");
    cli.add_flag("--stream", stream, "print tokens as they are generated");
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    auto device = engine::resolveDevice(deviceName);
    if (!device) {
        return reportError("generate", device.error());
    }
    engine::configureThreads(int(threads));
    engine::ModelOptions modelOptions;
    modelOptions.device = *device;
    modelOptions.tokenizerPath = tokenizerPath;
    auto model = engine::LanguageModel::load(modelPath, modelOptions);
    if (!model) {
        return reportInputError("generate", model.error());
    }
    if (!adapterDir.empty()) {
        if (auto ok = model->loadAdapter(adapterDir); !ok) {
            return reportInputError("generate", ok.error().withContext("--adapter " + adapterDir));
        }
    }
    engine::GenerationOptions options;
    options.maxNewTokens = int(maxNew);
    options.temperature = float(temperature);
    options.topP = float(topP);
    options.seed = uint64_t(seed);
    auto text = model->generate(prompt, options, [&](int, const std::string &piece) {
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
    CommandLine cli("fedpilot-cli convert", "Writes a model in the Hugging Face layout.");
    std::string modelPath, tokenizerPath, outDir;
    cli.add_option("--model", modelPath, "Hugging Face model folder or llama2.c checkpoint")->required();
    cli.add_option("--tokenizer", tokenizerPath, "tokenizer file (default: the one beside the model)");
    cli.add_option("--out", outDir, "folder to write")->required();
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    if (auto ok = engine::convertToHuggingFace(modelPath, tokenizerPath, outDir); !ok) {
        return reportInputError("convert", ok.error());
    }
    std::cout << "wrote " << outDir << " (config.json, model.safetensors, tokenizer.json)\n";
    return ExitOk;
}

} // namespace fp::app
