// A persistent pool: the caller's thread runs part 0 and workers run parts 1…n−1. Workers spin
// briefly before sleeping, because decode matmuls last tens of microseconds and a futex wake-up
// costs about as much; after the spin they block so idle engines leave the shared vCPUs alone.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace capsim {

class ThreadPool {
 public:
  static ThreadPool& instance();
  ~ThreadPool();
  // Runs job(0 … parts−1) and returns when all are done. One run at a time.
  void runAll(int parts, const std::function<void(int)>& job);
  // For jobs that pull work from a shared counter (any part may do all of it): the caller runs
  // part 0, and when it has finished, workers that have not started yet are told not to. On two
  // shared vCPUs a worker can be descheduled for a millisecond; the caller then just does the
  // work alone instead of waiting for it.
  void runShared(int parts, const std::function<void(int)>& job);

 private:
  void run(int parts, const std::function<void(int)>& job, bool requireAll);
  void ensureWorkers(int count);
  void workerLoop(uint64_t seen);

  std::mutex runMutex_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  // Guarded by mutex_:
  const std::function<void(int)>* job_ = nullptr;
  int slots_ = 0;     // worker parts of the current run
  int claimed_ = 0;   // worker parts started
  bool open_ = false; // workers may still start parts
  bool stop_ = false;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> finished_{0};
};

}  // namespace capsim
