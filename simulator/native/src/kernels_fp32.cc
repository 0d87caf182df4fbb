// FP32: one vfmadd231ps per 64-byte line (16 rows × 1 column), the column's activation broadcast.
#include <cstring>
#include "common.h"

namespace capsim {

void packFp32(Packed& p, const float* values) {
  p.blockBytes = static_cast<size_t>(p.cols) * 16 * sizeof(float);
  p.blockStride = blockStrideFor(p.blockBytes);
  p.weights = static_cast<uint8_t*>(alignedAlloc(p.blockStride * p.blocks));
  std::memset(p.weights, 0, p.blockStride * p.blocks);
  for (int r = 0; r < p.rows; r++) {
    float* block = reinterpret_cast<float*>(p.weights + (r / 16) * p.blockStride);
    for (int k = 0; k < p.cols; k++) block[k * 16 + (r % 16)] = values[static_cast<size_t>(r) * p.cols + k];
  }
  p.weightBytes = static_cast<size_t>(p.rows) * p.cols * sizeof(float);
}

struct Fp32Kernel {
  // 4 blocks × 6 tokens = 24 accumulators + 4 weight registers + 1 broadcast ≤ 32 zmm; per column
  // 4 loads + 6 broadcasts feed 24 FMAs. KC = 256 keeps a 64-row tile's weights at 64 KiB.
  static constexpr int NB = 4, T = 6, KC = 256;
  template <int nb, int tt>
  static void tile(const TileArgs& a) {
    const Packed& w = *a.w;
    const float* x = static_cast<const float*>(a.a->data);
    const int ld = a.a->ld;
    const float* wb[nb];
    CAPSIM_UNROLL
    for (int b = 0; b < nb; b++) wb[b] = reinterpret_cast<const float*>(w.weights + static_cast<size_t>(tileBlock(a, b)) * w.blockStride);
    __m512 acc[nb][tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++)
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++)
        acc[b][t] = a.first ? _mm512_setzero_ps()
                            : _mm512_load_ps(reinterpret_cast<const float*>(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16));
    const float* xt[tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++) xt[t] = x + static_cast<size_t>(a.t0 + t) * ld;
    for (int k = a.k0; k < a.k1; k++) {
      __m512 wv[nb];
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++) wv[b] = _mm512_load_ps(wb[b] + k * 16);
      CAPSIM_UNROLL
      for (int t = 0; t < tt; t++) {
        const __m512 xv = _mm512_set1_ps(xt[t][k]);
        CAPSIM_UNROLL
        for (int b = 0; b < nb; b++) acc[b][t] = _mm512_fmadd_ps(wv[b], xv, acc[b][t]);
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

void runFp32(const Packed& w, const Activations& a, int n, float* y, int b0, int b1, uint32_t* scratch) {
  runBlocks<Fp32Kernel>(w, a, n, y, b0, b1, scratch);
}

}  // namespace capsim
