#include "fedpilot/engine/Runtime.h"

#include <torch/torch.h>

#include <dlfcn.h>
#include <malloc.h>
#include <sched.h>

#include <chrono>
#include <fstream>
#include <string>

namespace fp::engine {

const char *deviceName(Device device) { return device == Device::Cuda ? "cuda" : "cpu"; }

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string cudaDeviceName() {
    if (!cudaAvailable()) {
        return {};
    }
    return "CUDA device 0 of " + std::to_string(torch::cuda::device_count());
}

Result<Device> resolveDevice(std::string_view name) {
    if (name == "cpu") {
        return Device::Cpu;
    }
    if (name == "cuda") {
        if (!cudaAvailable()) {
            return fail(ErrorCode::Unsupported, "--device cuda: this LibTorch build or machine has no CUDA device");
        }
        return Device::Cuda;
    }
    if (name == "auto") {
        return cudaAvailable() ? Device::Cuda : Device::Cpu;
    }
    return fail(ErrorCode::InvalidArgument, "--device: expected cpu, cuda or auto, got '" + std::string(name) + "'");
}

std::string torchVersion() {
#ifdef TORCH_VERSION
    return TORCH_VERSION;
#else
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
#endif
}

int availableCores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0) {
            return n;
        }
    }
    return 1;
}

int configureThreads(int requested) {
    const int n = requested > 0 ? requested : availableCores();
    torch::set_num_threads(n);
    // OpenBLAS (behind the libblas.so.3 LibTorch links) keeps its own thread pool sized to every core;
    // left alone it competes with LibTorch's threads and spins, which made 2 threads slower than 1 here.
    // Attention and activation buffers of tens of MB are allocated and freed every forward; with glibc's
    // default thresholds each one is a fresh mmap whose pages the kernel zero-fills (measured: 40% of the
    // time of feature extraction in the kernel). Keep such blocks in the heap for reuse instead.
    static const bool allocatorTuned = [] {
        mallopt(M_MMAP_THRESHOLD, 1 << 30);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        return true;
    }();
    (void)allocatorTuned;
    using SetThreads = void (*)(int);
    if (auto *setBlasThreads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) {
        setBlasThreads(n);
    }
    return torch::get_num_threads();
}

int currentThreads() { return torch::get_num_threads(); }

std::string blasLibrary() {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    bool sawGenericBlas = false;
    while (std::getline(maps, line)) {
        if (line.find("openblas") != std::string::npos) {
            if (line.find("pthread") != std::string::npos) {
                return "OpenBLAS (pthread)";
            }
            if (line.find("openmp") != std::string::npos) {
                return "OpenBLAS (OpenMP)";
            }
            return "OpenBLAS";
        }
        if (line.find("libmkl") != std::string::npos) {
            return "Intel MKL";
        }
        if (line.find("libblis") != std::string::npos) {
            return "BLIS";
        }
        if (line.find("libblas.so") != std::string::npos) {
            sawGenericBlas = true;
        }
    }
    return sawGenericBlas ? "reference BLAS (slow: install libopenblas0-pthread)" : "built into LibTorch";
}

Result<MatmulRate> measureMatmulRate(Device device, int n, double minSeconds) {
    if (n <= 0 || minSeconds <= 0) {
        return fail(ErrorCode::InvalidArgument, "matmul benchmark: n and duration must be positive");
    }
    try {
        torch::NoGradGuard noGrad;
        const auto options =
            torch::TensorOptions().dtype(torch::kFloat32).device(device == Device::Cuda ? torch::kCUDA : torch::kCPU);
        auto a = torch::randn({n, n}, options);
        auto b = torch::randn({n, n}, options);
        auto c = torch::matmul(a, b); // warm-up (BLAS thread pool, CUDA context)
        if (device == Device::Cuda) {
            c.cpu();
        }
        MatmulRate rate;
        rate.n = n;
        const auto start = std::chrono::steady_clock::now();
        double elapsed = 0.0;
        while (elapsed < minSeconds || rate.repetitions < 2) {
            c = torch::matmul(a, b);
            ++rate.repetitions;
            if (device == Device::Cuda) {
                c.sum().item<float>(); // synchronise
            }
            elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
        rate.seconds = elapsed;
        rate.gflops = 2.0 * n * double(n) * n * rate.repetitions / elapsed / 1e9;
        return rate;
    } catch (const std::exception &e) {
        return fail(ErrorCode::Runtime, std::string("matmul benchmark failed: ") + e.what());
    }
}

int automaticThreads(int modelDim) { return modelDim < 1024 ? 1 : 0; }

} // namespace fp::engine
