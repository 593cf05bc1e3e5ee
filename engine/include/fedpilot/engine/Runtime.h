#pragma once

#include "fedpilot/engine/Error.h"

#include <string>
#include <string_view>

// Facts about the compute runtime (LibTorch build, device, threads, BLAS speed),
// and the one place where the intra-op thread count is set.
namespace fp::engine {

enum class Device { Cpu, Cuda };

[[nodiscard]] const char *deviceName(Device device);

// "cpu", "cuda" or "auto" (CUDA when available, else CPU). Asking for cuda without a GPU is an error.
[[nodiscard]] Result<Device> resolveDevice(std::string_view name);

[[nodiscard]] bool cudaAvailable();
[[nodiscard]] std::string cudaDeviceName(); // empty without CUDA
[[nodiscard]] std::string torchVersion();

// Cores this process may run on (sched affinity), at least 1.
[[nodiscard]] int availableCores();

// Sets LibTorch's intra-op thread count: requested > 0 as given, 0 means availableCores().
// LibTorch starts with one thread on some machines, so every program calls this once at start. It also sizes
// OpenBLAS's own pool to the same count and (once per process) keeps large freed blocks in glibc's heap,
// since the engine allocates and frees tens of MB per forward.
// Returns the count now in force.
int configureThreads(int requested);
[[nodiscard]] int currentThreads();

// The intra-op threads to use when the user did not say, for a model of this hidden size: 1 below 1024 (measured
// on 2 cores: the demo's stories260K trial ran 3.1x faster on 1 thread than on 2, a 20M model's LoRA step 2.1x;
// the second thread mostly spins), else 0 (every core). The console and fedpilot-agent use the same rule, so a
// remote site computes what a simulated one would.
[[nodiscard]] int automaticThreads(int modelDim);

// The BLAS library LibTorch actually loaded (resolved from the process's mapped files),
// e.g. "OpenBLAS (pthread)" or "reference BLAS (slow)".
[[nodiscard]] std::string blasLibrary();

struct MatmulRate {
    int n = 0;            // square matrix size
    int repetitions = 0;  // timed multiplications
    double seconds = 0.0; // wall time of the timed part
    double gflops = 0.0;  // 2*n^3*repetitions / seconds / 1e9
};

// Times fp32 n x n matmuls on the given device for about minSeconds and reports the rate.
[[nodiscard]] Result<MatmulRate> measureMatmulRate(Device device, int n = 1024, double minSeconds = 0.5);

} // namespace fp::engine
