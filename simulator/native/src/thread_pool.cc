#include "thread_pool.h"
#include <immintrin.h>

namespace capsim {

namespace {
constexpr int kSpinIterations = 20000;  // ≈ 50–100 µs of pause instructions
}

ThreadPool& ThreadPool::instance() {
  static ThreadPool pool;
  return pool;
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    generation_.fetch_add(1);
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::ensureWorkers(int count) {
  while (static_cast<int>(workers_.size()) < count) {
    // The worker starts from the current generation, read here: a thread that read it itself
    // could start after run() bumped it and miss its first job.
    const uint64_t seen = generation_.load();
    workers_.emplace_back([this, seen] { workerLoop(seen); });
  }
}

void ThreadPool::runAll(int parts, const std::function<void(int)>& job) { run(parts, job, true); }
void ThreadPool::runShared(int parts, const std::function<void(int)>& job) { run(parts, job, false); }

void ThreadPool::run(int parts, const std::function<void(int)>& job, bool requireAll) {
  if (parts <= 1) {
    job(0);
    return;
  }
  std::lock_guard<std::mutex> runLock(runMutex_);
  ensureWorkers(parts - 1);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = &job;
    slots_ = parts - 1;
    claimed_ = 0;
    open_ = true;
    finished_.store(0);
    generation_.fetch_add(1);
  }
  wake_.notify_all();
  job(0);
  int expected = parts - 1;
  if (!requireAll) {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = false;
    expected = claimed_;
  }
  for (int i = 0; i < kSpinIterations && finished_.load(std::memory_order_acquire) != expected; i++) _mm_pause();
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return finished_.load() == expected; });
  open_ = false;
  job_ = nullptr;
}

void ThreadPool::workerLoop(uint64_t seen) {
  for (;;) {
    for (int i = 0; i < kSpinIterations && generation_.load(std::memory_order_acquire) == seen; i++) _mm_pause();
    const std::function<void(int)>* job = nullptr;
    int part = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load() != seen || stop_; });
      if (stop_) return;
      seen = generation_.load();
      if (open_ && claimed_ < slots_) {
        part = ++claimed_;
        job = job_;
      }
    }
    if (!job) continue;
    (*job)(part);
    finished_.fetch_add(1, std::memory_order_acq_rel);
    std::lock_guard<std::mutex> lock(mutex_);
    done_.notify_one();
  }
}

}  // namespace capsim
