#include "Args.h"
#include "Commands.h"

#include "fedpilot/engine/Runtime.h"

#include <cstdio>
#include <iostream>

#ifdef FP_FULL_BUILD
#include "fedpilot/remote/Agent.h"
#include "fedpilot/storage/Workspace.h"
#include <QtGlobal>
#endif

namespace fp::app {

int runInfo(const std::vector<std::string> &arguments) {
    auto args = Args::parse(arguments, {"no-bench"}, {"threads", "device"});
    if (!args) {
        return reportError("info", args.error());
    }
    auto threads = args->integer("threads", 0, 1, 1024);
    if (!threads) {
        return reportError("info", threads.error());
    }
    auto device = engine::resolveDevice(args->valueOr("device", "auto"));
    if (!device) {
        return reportError("info", device.error());
    }
    const int inForce = engine::configureThreads(int(*threads));

    std::printf("fedpilot %s\n", FP_VERSION);
    std::printf("  %-9s %s\n", "LibTorch", engine::torchVersion().c_str());
#ifdef FP_FULL_BUILD
    std::printf("  %-9s %s\n", "Qt", qVersion());
    std::printf("  %-9s %s\n", "gRPC", remote::grpcVersion().c_str());
    std::printf("  %-9s %s\n", "SQLite", storage::sqliteVersion().c_str());
#else
    std::printf("  %-9s %s\n", "Qt/gRPC", "not built in (FP_ENGINE_ONLY)");
#endif
    const std::string cuda = engine::cudaAvailable() ? engine::cudaDeviceName() : "CUDA not available";
    std::printf("  %-9s %s (%s)\n", "device", engine::deviceName(*device), cuda.c_str());
    std::printf("  %-9s %d of %d cores (--threads N overrides)\n", "threads", inForce, engine::availableCores());
    std::printf("  %-9s %s\n", "BLAS", engine::blasLibrary().c_str());
    if (!args->has("no-bench")) {
        auto rate = engine::measureMatmulRate(*device);
        if (!rate) {
            return reportError("info", rate.error());
        }
        std::printf("  %-9s %.1f GFLOP/s fp32 (%dx%d, %d multiplications in %.2f s)\n", "matmul", rate->gflops, rate->n,
                    rate->n, rate->repetitions, rate->seconds);
    }
    return ExitOk;
}

} // namespace fp::app
