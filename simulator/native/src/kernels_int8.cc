// INT8 with AVX512_VNNI. vpdpbusd multiplies UNSIGNED bytes by SIGNED bytes (4 per INT32 lane), so
// the activations (signed, −127…127) are shifted to u = q + 128 (1…255) and the kernel corrects
// afterwards: Σ u·w = Σ q·w + 128·Σ w, and Σ w per row is computed once at pack time. The shift
// costs nothing per element; a sign trick on the weights instead would need an op per load.
#include <cstring>
#include "common.h"

namespace capsim {

void packInt8(Packed& p, const int8_t* values, const float* scales) {
  p.blockBytes = static_cast<size_t>(p.cols) * 16;
  p.blockStride = blockStrideFor(p.blockBytes);
  p.weights = static_cast<uint8_t*>(alignedAlloc(p.blockStride * p.blocks));
  std::memset(p.weights, 0, p.blockStride * p.blocks);
  p.scales = static_cast<float*>(alignedAlloc(sizeof(float) * 16 * p.blocks));
  p.rowSums = static_cast<int32_t*>(alignedAlloc(sizeof(int32_t) * 16 * p.blocks));
  std::memset(p.scales, 0, sizeof(float) * 16 * p.blocks);
  std::memset(p.rowSums, 0, sizeof(int32_t) * 16 * p.blocks);
  for (int r = 0; r < p.rows; r++) {
    int8_t* block = reinterpret_cast<int8_t*>(p.weights + (r / 16) * p.blockStride);
    int32_t sum = 0;
    for (int k = 0; k < p.cols; k++) {
      const int8_t v = values[static_cast<size_t>(r) * p.cols + k];
      block[(k / 4) * 64 + (r % 16) * 4 + (k % 4)] = v;
      sum += v;
    }
    p.rowSums[r] = sum;
    p.scales[r] = scales[r];
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
    for (int b = 0; b < nb; b++) wb[b] = w.weights + (a.block0 + b) * w.blockStride;
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
      const int block = a.block0 + b;
      const __m512i correction = _mm512_slli_epi32(_mm512_load_si512(w.rowSums + block * 16), 7);  // 128·Σw
      const __m512 wScale = _mm512_load_ps(w.scales + block * 16);
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
