#include "CommandLine.h"
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
    CommandLine cli("fedpilot-cli info",
                    "Versions, compute device, intra-op threads, BLAS and a measured matmul rate.");
    long long threads = 0;
    std::string deviceName = "auto";
    bool noBench = false;
    cli.add_option("--threads", threads, "intra-op threads (default: every core the process may use)")
        ->check(integerFrom(1, 1024));
    cli.add_option("--device", deviceName, "cpu, cuda or auto")->capture_default_str();
    cli.add_flag("--no-bench", noBench, "skip the matmul measurement");
    if (const auto code = cli.accept(arguments)) {
        return *code;
    }
    auto device = engine::resolveDevice(deviceName);
    if (!device) {
        return reportError("info", device.error());
    }
    const int inForce = engine::configureThreads(int(threads));

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
    if (!noBench) {
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
