// The machine's ceilings, measured by the same binary that runs the kernels:
// - bandwidth: streaming reads (AVX-512 loads; the faster of two patterns, see streamSum) over a
//   buffer far larger than the 32 MiB L3, split across threads like a decode GEMV, median of repeats;
// - peak: the format's multiply-add instruction (vfmadd231ps, vdpbf16ps, vpdpbusd) on 12
//   independent register accumulators, i.e. what the microkernels could reach with free loads.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>
#include "matmul.h"
#include "thread_pool.h"

namespace capsim {

namespace {
double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Two read patterns; the ceiling is the faster one (a kernel should never beat its ceiling):
// - one sequential stream with 4 independent accumulators (the textbook streaming sum);
// - four concurrent streams inside windows of four 224 KiB + 256 B blocks, the way a decode tile
//   reads its packed weights (four long streams, common.h); on this CPU it reads 5–20 % faster than
//   the single stream (2026-11-29, another host of this kind, 1 GiB, 20 paired passes: single
//   stream 33–35 GB/s median, windows 39–41 GB/s, ratio 0.84–0.86).
// The "measured memory bandwidth" is kept as the faster of the two on purpose: the kernels
// read four streams, so a single-stream ceiling would flatter every bandwidth fraction by ≈ 15 %.
// (Four streams a power of two apart read slower, 16 vs 21 GB/s: cache-set and bank conflicts.)
__attribute__((noinline)) int64_t streamSum(const uint8_t* p, size_t bytes) {
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
  for (size_t i = 0; i + 256 <= bytes; i += 256) {
    a0 = _mm512_add_epi64(a0, _mm512_load_si512(p + i));
    a1 = _mm512_add_epi64(a1, _mm512_load_si512(p + i + 64));
    a2 = _mm512_add_epi64(a2, _mm512_load_si512(p + i + 128));
    a3 = _mm512_add_epi64(a3, _mm512_load_si512(p + i + 192));
  }
  alignas(64) int64_t lanes[8];
  _mm512_store_si512(lanes, _mm512_add_epi64(_mm512_add_epi64(a0, a1), _mm512_add_epi64(a2, a3)));
  int64_t sum = 0;
  for (int64_t v : lanes) sum += v;
  return sum;
}

constexpr size_t kWindowBlockBytes = 224 * 1024 + 256;

// Reads whole windows only; returns the bytes it read through `readBytes`.
__attribute__((noinline)) int64_t windowSum(const uint8_t* p, size_t bytes, size_t* readBytes) {
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
  const size_t window = 4 * kWindowBlockBytes;
  size_t w0 = 0;
  for (; w0 + window <= bytes; w0 += window) {
    const uint8_t* q = p + w0;
    for (size_t i = 0; i < kWindowBlockBytes; i += 64) {
      a0 = _mm512_add_epi64(a0, _mm512_load_si512(q + i));
      a1 = _mm512_add_epi64(a1, _mm512_load_si512(q + kWindowBlockBytes + i));
      a2 = _mm512_add_epi64(a2, _mm512_load_si512(q + 2 * kWindowBlockBytes + i));
      a3 = _mm512_add_epi64(a3, _mm512_load_si512(q + 3 * kWindowBlockBytes + i));
    }
  }
  *readBytes = w0;
  alignas(64) int64_t lanes[8];
  _mm512_store_si512(lanes, _mm512_add_epi64(_mm512_add_epi64(a0, a1), _mm512_add_epi64(a2, a3)));
  int64_t sum = 0;
  for (int64_t v : lanes) sum += v;
  return sum;
}

volatile float sinkF;
float lanesSum(__m512 v) {
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, v);
  float sum = 0;
  for (float x : lanes) sum += x;
  return sum;
}
int lanesSum(__m512i v) {
  alignas(64) int32_t lanes[16];
  _mm512_store_si512(lanes, v);
  int sum = 0;
  for (int32_t x : lanes) sum += x;
  return sum;
}
volatile int sinkI;

// Returns FLOP per thread done in `iterations` loops of 12 instructions.
double registerLoop(Format f, long iterations) {
  volatile float seed = 1.0f;
  const float s = seed;
  if (f == Format::Fp32) {
    __m512 acc[12];
    for (auto& a : acc) a = _mm512_set1_ps(s);
    const __m512 m = _mm512_set1_ps(s * 0.999f), c = _mm512_set1_ps(s * 1e-7f);
    for (long i = 0; i < iterations; i++)
      for (auto& a : acc) a = _mm512_fmadd_ps(a, m, c);
    __m512 t = acc[0];
    for (int i = 1; i < 12; i++) t = _mm512_add_ps(t, acc[i]);
    sinkF = lanesSum(t);
    return 12.0 * iterations * 16 * 2;
  }
  if (f == Format::Bf16) {
    __m512 acc[12];
    for (auto& a : acc) a = _mm512_set1_ps(s);
    const __m512bh m = (__m512bh)_mm512_set1_epi16(static_cast<short>(0x3f80 * static_cast<int>(s)));
    for (long i = 0; i < iterations; i++)
      for (auto& a : acc) a = _mm512_dpbf16_ps(a, m, m);
    __m512 t = acc[0];
    for (int i = 1; i < 12; i++) t = _mm512_add_ps(t, acc[i]);
    sinkF = lanesSum(t);
    return 12.0 * iterations * 32 * 2;
  }
  __m512i acc[12];
  for (auto& a : acc) a = _mm512_set1_epi32(static_cast<int>(s));
  const __m512i m = _mm512_set1_epi8(static_cast<char>(s));
  for (long i = 0; i < iterations; i++)
    for (auto& a : acc) a = _mm512_dpbusd_epi32(a, m, m);
  __m512i t = acc[0];
  for (int i = 1; i < 12; i++) t = _mm512_add_epi32(t, acc[i]);
  sinkI = lanesSum(t);
  return 12.0 * iterations * 64 * 2;
}
}  // namespace

// The buffer is kept between calls (filled once), so a benchmark can interleave short bandwidth
// measurements with kernel runs on a noisy shared machine; releaseBandwidthBuffer frees it.
namespace {
uint8_t* gBuffer = nullptr;
size_t gBufferBytes = 0;
}

void releaseBandwidthBuffer() {
  alignedFree(gBuffer);
  gBuffer = nullptr;
  gBufferBytes = 0;
}

double measureBandwidth(int threads, size_t bytes, int repeats) {
  bytes = bytes / (256 * static_cast<size_t>(threads)) * 256 * threads;
  if (gBufferBytes != bytes) {
    releaseBandwidthBuffer();
    gBuffer = static_cast<uint8_t*>(alignedAlloc(bytes));
    gBufferBytes = bytes;
    // Fault every page in before timing, with varied data (no shared zero page, nothing to merge).
    for (size_t i = 0; i + 8 <= bytes; i += 8) {
      const uint64_t v = i * 0x9e3779b97f4a7c15ull;
      std::memcpy(gBuffer + i, &v, sizeof v);
    }
  }
  uint8_t* buffer = gBuffer;
  const size_t slice = bytes / threads;
  std::vector<double> streamRates, windowRates;
  std::vector<int64_t> sums(threads);
  std::vector<size_t> windowBytes(threads);
  for (int r = 0; r < repeats + 1; r++) {
    double start = seconds();
    ThreadPool::instance().runAll(threads, [&](int part) { sums[part] += streamSum(buffer + slice * part, slice); });
    const double streamSeconds = seconds() - start;
    start = seconds();
    ThreadPool::instance().runAll(threads, [&](int part) { sums[part] += windowSum(buffer + slice * part, slice, &windowBytes[part]); });
    const double windowSeconds = seconds() - start;
    size_t windowTotal = 0;
    for (size_t b : windowBytes) windowTotal += b;
    if (r > 0) {  // the first pass warms the TLB and the pool
      streamRates.push_back(static_cast<double>(slice * threads) / streamSeconds);
      windowRates.push_back(static_cast<double>(windowTotal) / windowSeconds);
    }
  }
  int64_t total = 0;
  for (auto s : sums) total += s;
  sinkI = static_cast<int>(total);
  return std::max(median(streamRates), median(windowRates));
}

double measurePeak(Format f, int threads, int repeats) {
  const long iterations = 1000000;  // 12 M instructions: about 3–4 ms per repeat
  std::vector<double> rates;
  for (int r = 0; r < repeats + 1; r++) {
    std::vector<double> flops(threads);
    const double start = seconds();
    ThreadPool::instance().runAll(threads, [&](int part) { flops[part] = registerLoop(f, iterations); });
    const double elapsed = seconds() - start;
    double total = 0;
    for (double v : flops) total += v;
    if (r > 0) rates.push_back(total / elapsed);
  }
  return median(rates);
}

bool cpuSupported() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni") &&
         __builtin_cpu_supports("avx512bf16") && __builtin_cpu_supports("fma");
}

}  // namespace capsim
