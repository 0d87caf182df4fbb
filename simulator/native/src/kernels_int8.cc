// INT8 with AVX512_VNNI. vpdpbusd multiplies UNSIGNED bytes by SIGNED bytes (4 per INT32 lane), so
// the activations (signed, −127…127) are shifted to u = q + 128 (1…255) and the kernel corrects
// afterwards: Σ u·w = Σ q·w + 128·Σ w, and Σ w per row is computed once at pack time. The shift
// costs nothing per element; a sign trick on the weights instead would need an op per load.
//
// Each block's 16 row sums and 16 scales live right after its weights, in the 256 bytes that
// separate blocks anyway (common.h), so decode reads them inside the block's own stream. Kept in
// two separate arrays, they cost one cold cache miss per block and array at the end of every
// tile: the bench shape's decode step then read its weights at 85–87 % of the measured bandwidth,
// against 92–94 % with them in the stream (paired medians of 100 interleaved rounds).
#include <cstring>
#include "common.h"

namespace capsim {

// Where block b's row sums (16 × INT32) and scales (16 × FP32) are: its first two lines past the weights.
inline const int32_t* int8RowSums(const Packed& w, int block) {
  return reinterpret_cast<const int32_t*>(w.weights + static_cast<size_t>(block) * w.blockStride + w.blockBytes);
}
inline const float* int8Scales(const Packed& w, int block) {
  return reinterpret_cast<const float*>(w.weights + static_cast<size_t>(block) * w.blockStride + w.blockBytes + 64);
}

void packInt8(Packed& p, const int8_t* values, const float* scales) {
  p.blockBytes = static_cast<size_t>(p.cols) * 16;
  p.blockStride = blockStrideFor(p.blockBytes);
  static_assert(kBlockPadBytes >= 128, "the INT8 block tail holds 16 row sums and 16 scales");
  p.weights = static_cast<uint8_t*>(alignedAlloc(p.blockStride * p.blocks));
  std::memset(p.weights, 0, p.blockStride * p.blocks);
  for (int r = 0; r < p.rows; r++) {
    uint8_t* base = p.weights + static_cast<size_t>(r / 16) * p.blockStride;
    int8_t* block = reinterpret_cast<int8_t*>(base);
    int32_t sum = 0;
    for (int k = 0; k < p.cols; k++) {
      const int8_t v = values[static_cast<size_t>(r) * p.cols + k];
      block[(k / 4) * 64 + (r % 16) * 4 + (k % 4)] = v;
      sum += v;
    }
    std::memcpy(base + p.blockBytes + (r % 16) * sizeof(int32_t), &sum, sizeof sum);
    std::memcpy(base + p.blockBytes + 64 + (r % 16) * sizeof(float), &scales[r], sizeof(float));
  }
  p.weightBytes = static_cast<size_t>(p.rows) * p.cols + static_cast<size_t>(p.rows) * sizeof(float);
}

struct Int8Kernel {
  // 4 blocks × 6 tokens: 24 INT32 accumulators; per 4 columns 4 line loads + 6 dword broadcasts
  // feed 24 vpdpbusd. KC = 1024 keeps a 64-row tile's weights at 64 KiB.
  static constexpr int NB = 4, T = 6, KC = 1024;
  template <int nb, int tt>
  static void tile(const TileArgs& a) {
    const Packed& w = *a.w;
    const uint8_t* x = static_cast<const uint8_t*>(a.a->data);
    const int ld = a.a->ld;
    const uint8_t* wb[nb];
    CAPSIM_UNROLL
    for (int b = 0; b < nb; b++) wb[b] = w.weights + static_cast<size_t>(tileBlock(a, b)) * w.blockStride;
    __m512i acc[nb][tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++)
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++)
        acc[b][t] = a.first ? _mm512_setzero_si512() : _mm512_load_si512(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16);
    const uint8_t* xt[tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++) xt[t] = x + static_cast<size_t>(a.t0 + t) * ld;
    for (int k4 = a.k0 / 4; k4 < a.k1 / 4; k4++) {
      __m512i wv[nb];
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++) wv[b] = _mm512_load_si512(wb[b] + static_cast<size_t>(k4) * 64);
      CAPSIM_UNROLL
      for (int t = 0; t < tt; t++) {
        int32_t quad;
        __builtin_memcpy(&quad, xt[t] + k4 * 4, sizeof quad);
        const __m512i xv = _mm512_set1_epi32(quad);
        CAPSIM_UNROLL
        for (int b = 0; b < nb; b++) acc[b][t] = _mm512_dpbusd_epi32(acc[b][t], xv, wv[b]);
      }
    }
    if (!a.last) {
      CAPSIM_UNROLL
      for (int t = 0; t < tt; t++)
        CAPSIM_UNROLL
        for (int b = 0; b < nb; b++) _mm512_store_si512(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16, acc[b][t]);
      return;
    }
    CAPSIM_UNROLL
    for (int b = 0; b < nb; b++) {
      const int block = tileBlock(a, b);
      const __m512i correction = _mm512_slli_epi32(_mm512_load_si512(int8RowSums(w, block)), 7);  // 128·Σw
      const __m512 wScale = _mm512_load_ps(int8Scales(w, block));
      CAPSIM_UNROLL
      for (int t = 0; t < tt; t++) {
        const __m512 dot = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[b][t], correction));
        const __m512 v = _mm512_mul_ps(_mm512_mul_ps(dot, _mm512_set1_ps(a.a->xScale[a.t0 + t])), wScale);
        storeRows(w, block, a.y + static_cast<size_t>(a.t0 + t) * w.rows, v);
      }
    }
  }
};

void runInt8(const Packed& w, const Activations& a, int n, float* y, int b0, int b1, uint32_t* scratch) {
  runBlocks<Int8Kernel>(w, a, n, y, b0, b1, scratch);
}

}  // namespace capsim
