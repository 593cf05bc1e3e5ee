#include "select/TsneWorkers.h"

#include <algorithm>
#include <atomic>
#include <exception>

namespace fp::engine::tsne_detail {

struct TsneWorkers::Job {
    std::size_t count = 0;
    std::size_t chunk = 1;
    const ChunkBody *body = nullptr;
    std::atomic<std::size_t> next{0};
    std::mutex errorMutex;
    std::exception_ptr error;
};

TsneWorkers::TsneWorkers(int threads) {
    try {
        for (int i = 1; i < threads; ++i) {
            m_workers.emplace_back([this] { workerLoop(); });
        }
    } catch (...) { // the OS refused a thread: stop the ones already running before giving up
        stopAll();
        throw;
    }
}

TsneWorkers::~TsneWorkers() { stopAll(); }

void TsneWorkers::stopAll() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (auto &worker : m_workers) {
        worker.join();
    }
    m_workers.clear();
}

void TsneWorkers::runChunks(Job &job) {
    for (;;) {
        const std::size_t begin = job.next.fetch_add(job.chunk);
        if (begin >= job.count) {
            return;
        }
        try {
            (*job.body)(begin, std::min(job.count, begin + job.chunk));
        } catch (...) {
            std::lock_guard lock(job.errorMutex);
            if (!job.error) {
                job.error = std::current_exception();
            }
            job.next.store(job.count); // the others stop taking chunks
        }
    }
}

void TsneWorkers::workerLoop() {
    unsigned long long seen = 0;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
        if (m_stop) {
            return;
        }
        seen = m_generation;
        Job *job = m_job;
        lock.unlock();
        runChunks(*job);
        lock.lock();
        if (--m_busy == 0) {
            m_done.notify_one();
        }
    }
}

void TsneWorkers::forEachChunk(std::size_t count, std::size_t chunk, const ChunkBody &body) {
    chunk = std::max<std::size_t>(chunk, 1);
    if (count == 0) {
        return;
    }
    if (m_workers.empty() || count <= chunk) {
        for (std::size_t begin = 0; begin < count; begin += chunk) {
            body(begin, std::min(count, begin + chunk));
        }
        return;
    }
    Job job;
    job.count = count;
    job.chunk = chunk;
    job.body = &body;
    {
        std::lock_guard lock(m_mutex);
        m_job = &job;
        m_busy = static_cast<int>(m_workers.size());
        ++m_generation;
    }
    m_wake.notify_all();
    runChunks(job);
    {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [&] { return m_busy == 0; });
        m_job = nullptr;
    }
    if (job.error) {
        std::rethrow_exception(job.error);
    }
}

} // namespace fp::engine::tsne_detail
