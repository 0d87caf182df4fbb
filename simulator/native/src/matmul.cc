// Prepares the activations once per call (BF16 rounding / INT8 quantization, as the contract in
// kernel-backend.ts states them) and splits the output-row blocks across the pool's threads.
#include "matmul.h"
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>
#include "thread_pool.h"

namespace capsim {

void* alignedAlloc(size_t bytes) {
  void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
  if (!p) throw std::bad_alloc();
  return p;
}
void alignedFree(void* p) { std::free(p); }

void freePacked(Packed* p) {
  if (!p) return;
  alignedFree(p->weights);
  alignedFree(p->scales);
  delete p;
}

namespace {

// FP32 → BF16 bits of 16 values, round to nearest even, NaN kept quiet: the bit trick of
// quantizeToBf16 in quantize.ts, 16 lanes at a time.
inline void bf16Round16(const float* x, uint16_t* out) {
  const __m512i bits = _mm512_castps_si512(_mm512_loadu_ps(x));
  const __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
  const __m512i rounded = _mm512_srli_epi32(_mm512_add_epi32(bits, _mm512_add_epi32(lsb, _mm512_set1_epi32(0x7fff))), 16);
  const __mmask16 nan = _mm512_cmpgt_epu32_mask(_mm512_and_si512(bits, _mm512_set1_epi32(0x7fffffff)), _mm512_set1_epi32(0x7f800000));
  const __m512i quiet = _mm512_or_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(0x40));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm512_cvtepi32_epi16(_mm512_mask_mov_epi32(rounded, nan, quiet)));
}

// Per token, exactly as quantizeInt8PerRow in quantize.ts: scale = fp32(max|x| / 127),
// q = clamp(roundHalfAway(fp32(x / scale)), ±127); vdivps is correctly rounded like the FP32
// division there, and round-half-away is built from truncation (v − trunc(v) is exact), so both
// backends produce the same integers. INT8 stores q + 128 (vpdpbusd's unsigned operand); INT4
// stores q, plus 8·Σq per group to remove the nibbles' +8 offset.
void quantizeTokens(const float* x, int n, int cols, Format f, int groupSize, uint8_t* q, float* scales, int32_t* corr) {
  const int groups = f == Format::Int4 ? cols / groupSize : 0;
  const __m512i shift = _mm512_set1_epi32(f == Format::Int8 ? 128 : 0);
  for (int t = 0; t < n; t++) {
    const float* row = x + static_cast<size_t>(t) * cols;
    uint8_t* out = q + static_cast<size_t>(t) * cols;
    __m512 m = _mm512_setzero_ps();
    for (int k = 0; k < cols; k += 16) m = _mm512_max_ps(m, _mm512_abs_ps(_mm512_loadu_ps(row + k)));
    alignas(64) float lanes[16];
    _mm512_store_ps(lanes, m);
    float maxAbs = 0;
    for (float v : lanes) maxAbs = v > maxAbs ? v : maxAbs;
    const float scale = maxAbs / 127.0f;
    scales[t] = scale;
    const __m512 vs = _mm512_set1_ps(scale);
    const __m512 half = _mm512_set1_ps(0.5f), one = _mm512_set1_ps(1.0f), limit = _mm512_set1_ps(127.0f);
    const __m512i signBit = _mm512_set1_epi32(static_cast<int>(0x80000000u));
    for (int k = 0; k < cols; k += 16) {
      __m512i qi = _mm512_setzero_si512();
      if (scale != 0) {
        const __m512 v = _mm512_div_ps(_mm512_loadu_ps(row + k), vs);
        __m512 r = _mm512_roundscale_ps(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        const __mmask16 up = _mm512_cmp_ps_mask(_mm512_abs_ps(_mm512_sub_ps(v, r)), half, _CMP_GE_OQ);
        const __m512 signedOne = _mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(_mm512_castps_si512(v), signBit), _mm512_castps_si512(one)));
        r = _mm512_mask_add_ps(r, up, r, signedOne);
        r = _mm512_min_ps(_mm512_max_ps(r, _mm512_sub_ps(_mm512_setzero_ps(), limit)), limit);
        qi = _mm512_cvttps_epi32(r);
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), _mm512_cvtepi32_epi8(_mm512_add_epi32(qi, shift)));
    }
    for (int g = 0; g < groups; g++) {
      int32_t sum = 0;
      for (int k = g * groupSize; k < (g + 1) * groupSize; k++) sum += static_cast<int8_t>(out[k]);
      corr[static_cast<size_t>(t) * groups + g] = 8 * sum;
    }
  }
}

struct Buffers {
  std::vector<uint8_t, std::allocator<uint8_t>> activations;
  std::vector<float> scales;
  std::vector<int32_t> corr;
};

uint32_t* threadScratch(size_t lanes) {
  thread_local uint32_t* buffer = nullptr;
  thread_local size_t capacity = 0;
  if (capacity < lanes) {
    alignedFree(buffer);
    buffer = static_cast<uint32_t*>(alignedAlloc(lanes * sizeof(uint32_t)));
    capacity = lanes;
  }
  return buffer;
}

}  // namespace

void quantizeInt8Rows(const float* x, int rows, int cols, int8_t* q, float* scales) {
  // The INT4 path of quantizeTokens stores q itself (no +128); its per-group sums are not needed.
  std::vector<int32_t> groupSums(static_cast<size_t>(cols / 64));
  for (int r = 0; r < rows; r++) {
    const size_t offset = static_cast<size_t>(r) * cols;
    quantizeTokens(x + offset, 1, cols, Format::Int4, 64, reinterpret_cast<uint8_t*>(q + offset), scales + r, groupSums.data());
  }
}

void matmul(const Packed& w, const float* x, int n, float* y, int threads) {
  if (n <= 0) return;
  thread_local Buffers buf;
  Activations a{x, w.cols, nullptr, nullptr, 0};
  const size_t elements = static_cast<size_t>(n) * w.cols;
  if (w.format == Format::Bf16) {
    buf.activations.resize(elements * 2);
    uint16_t* out = reinterpret_cast<uint16_t*>(buf.activations.data());
    for (size_t i = 0; i < elements; i += 16) bf16Round16(x + i, out + i);
    a.data = out;
  } else if (w.format == Format::Int8 || w.format == Format::Int4) {
    buf.activations.resize(elements);
    buf.scales.resize(n);
    const int groups = w.format == Format::Int4 ? w.cols / w.groupSize : 0;
    buf.corr.resize(static_cast<size_t>(n) * (groups > 0 ? groups : 1));
    quantizeTokens(x, n, w.cols, w.format, w.groupSize, buf.activations.data(), buf.scales.data(), buf.corr.data());
    a.data = buf.activations.data();
    a.xScale = buf.scales.data();
    a.groupCorr = buf.corr.data();
    a.groups = groups;
  }
  // Threads pull chunks of output-row blocks from a shared counter. Each output is computed by
  // the same code in the same order whichever thread owns it (tiles never split a row's sum), so
  // results do not depend on `threads` nor on who took which chunk.
  int parts = threads < 1 ? 1 : threads;
  if (parts > w.blocks) parts = w.blocks;
  const int chunkBlocks = parts == 1 ? w.blocks : std::max(4, (w.blocks / (parts * 4) + 3) / 4 * 4);
  const int chunks = (w.blocks + chunkBlocks - 1) / chunkBlocks;
  std::atomic<int> next{0};
  const size_t scratchLanes = static_cast<size_t>(n) * kMaxScratchBlocks * 16;
  ThreadPool::instance().runShared(parts, [&](int) {
    uint32_t* scratch = threadScratch(scratchLanes);
    for (int c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      const int b0 = c * chunkBlocks;
      const int b1 = std::min(w.blocks, b0 + chunkBlocks);
      switch (w.format) {
        case Format::Fp32: runFp32(w, a, n, y, b0, b1, scratch); break;
        case Format::Bf16: runBf16(w, a, n, y, b0, b1, scratch); break;
        case Format::Int8: runInt8(w, a, n, y, b0, b1, scratch); break;
        case Format::Int4: runInt4(w, a, n, y, b0, b1, scratch); break;
      }
    }
  });
}

}  // namespace capsim
