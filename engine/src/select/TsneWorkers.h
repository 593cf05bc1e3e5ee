#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fp::engine::tsne_detail {

// A pool of threads that lives for one t-SNE call. forEachChunk cuts [0, count) into fixed chunks of
// `chunk` items; which thread runs a chunk never changes a result, because every chunk writes its own
// outputs and all reductions over chunks happen afterwards, in index order, on the calling thread.
class TsneWorkers {
public:
    using ChunkBody = std::function<void(std::size_t begin, std::size_t end)>;

    explicit TsneWorkers(int threads); // threads >= 1, the caller's thread included
    ~TsneWorkers();
    TsneWorkers(const TsneWorkers &) = delete;
    TsneWorkers &operator=(const TsneWorkers &) = delete;

    [[nodiscard]] int threads() const { return static_cast<int>(m_workers.size()) + 1; }

    // Runs body over all chunks and returns when every chunk is done; rethrows the first exception.
    void forEachChunk(std::size_t count, std::size_t chunk, const ChunkBody &body);

private:
    struct Job;
    void workerLoop();
    void stopAll();
    static void runChunks(Job &job);

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    Job *m_job = nullptr;
    unsigned long long m_generation = 0;
    int m_busy = 0;
    bool m_stop = false;
};

} // namespace fp::engine::tsne_detail
