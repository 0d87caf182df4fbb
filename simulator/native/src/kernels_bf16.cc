// BF16: vdpbf16ps adds, per FP32 lane, the products of one BF16 pair, so a 64-byte line holds
// 16 rows × 2 adjacent columns and the activation pair (x[k], x[k+1]) is broadcast as one dword.
#include <cstring>
#include "common.h"

namespace capsim {

void packBf16(Packed& p, const uint16_t* values) {
  p.blockBytes = static_cast<size_t>(p.cols) * 16 * sizeof(uint16_t);
  p.blockStride = blockStrideFor(p.blockBytes);
  p.weights = static_cast<uint8_t*>(alignedAlloc(p.blockStride * p.blocks));
  std::memset(p.weights, 0, p.blockStride * p.blocks);
  for (int r = 0; r < p.rows; r++) {
    uint16_t* block = reinterpret_cast<uint16_t*>(p.weights + (r / 16) * p.blockStride);
    for (int k = 0; k < p.cols; k++)
      block[(k / 2) * 32 + (r % 16) * 2 + (k % 2)] = values[static_cast<size_t>(r) * p.cols + k];
  }
  p.weightBytes = static_cast<size_t>(p.rows) * p.cols * sizeof(uint16_t);
}

struct Bf16Kernel {
  static constexpr int NB = 4, T = 6, KC = 512;
  template <int nb, int tt>
  static void tile(const TileArgs& a) {
    const Packed& w = *a.w;
    const uint16_t* x = static_cast<const uint16_t*>(a.a->data);
    const int ld = a.a->ld;
    const uint8_t* wb[nb];
    CAPSIM_UNROLL
    for (int b = 0; b < nb; b++) wb[b] = w.weights + static_cast<size_t>(tileBlock(a, b)) * w.blockStride;
    __m512 acc[nb][tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++)
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++)
        acc[b][t] = a.first ? _mm512_setzero_ps()
                            : _mm512_load_ps(reinterpret_cast<const float*>(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16));
    const int32_t* xt[tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++) xt[t] = reinterpret_cast<const int32_t*>(x + static_cast<size_t>(a.t0 + t) * ld);
    for (int k2 = a.k0 / 2; k2 < a.k1 / 2; k2++) {
      __m512bh wv[nb];
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++) wv[b] = (__m512bh)_mm512_load_si512(wb[b] + static_cast<size_t>(k2) * 64);
      CAPSIM_UNROLL
      for (int t = 0; t < tt; t++) {
        int32_t pair;
        __builtin_memcpy(&pair, xt[t] + k2, sizeof pair);
        const __m512bh xv = (__m512bh)_mm512_set1_epi32(pair);
        CAPSIM_UNROLL
        for (int b = 0; b < nb; b++) acc[b][t] = _mm512_dpbf16_ps(acc[b][t], wv[b], xv);
      }
    }
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++)
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++) {
        if (a.last) storeRows(w, tileBlock(a, b), a.y + static_cast<size_t>(a.t0 + t) * w.rows, acc[b][t]);
        else _mm512_store_ps(reinterpret_cast<float*>(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16), acc[b][t]);
      }
  }
};

void runBf16(const Packed& w, const Activations& a, int n, float* y, int b0, int b1, uint32_t* scratch) {
  runBlocks<Bf16Kernel>(w, a, n, y, b0, b1, scratch);
}

}  // namespace capsim
