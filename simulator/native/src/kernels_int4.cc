// INT4 group-wise with AVX512_VNNI. Each 64-byte line holds 16 rows × 8 columns: in a row's dword,
// byte j carries column j in its low nibble and column j+4 in its high nibble, so one AND and one
// shift+AND give two registers of 4-column dwords that line up with broadcast activation dwords.
// The nibbles are the stored values v + 8 (0…15), i.e. already UNSIGNED: they go in vpdpbusd's
// unsigned operand and the signed INT8 activations in the other, and the +8 is removed per group
// with 8·Σq (computed once per token and group when the activations are quantized).
#include <cstring>
#include "common.h"

namespace capsim {

void packInt4(Packed& p, const uint8_t* nibbles, const float* scales) {
  const int groups = p.cols / p.groupSize;
  p.blockBytes = static_cast<size_t>(p.cols) * 16 / 2;
  p.blockStride = blockStrideFor(p.blockBytes);
  p.weights = static_cast<uint8_t*>(alignedAlloc(p.blockStride * p.blocks));
  std::memset(p.weights, 0x88, p.blockStride * p.blocks);  // padding rows hold v = 0
  const size_t scaleCount = static_cast<size_t>(p.blocks) * groups * 16;
  p.scales = static_cast<float*>(alignedAlloc(sizeof(float) * scaleCount));
  std::memset(p.scales, 0, sizeof(float) * scaleCount);
  for (int r = 0; r < p.rows; r++) {
    uint8_t* block = p.weights + (r / 16) * p.blockStride;
    for (int k = 0; k < p.cols; k++) {
      const size_t index = static_cast<size_t>(r) * p.cols + k;
      const uint8_t byte = nibbles[index / 2];
      const uint8_t nibble = (index % 2 == 0) ? (byte & 0x0f) : (byte >> 4);
      const int k8 = k / 8, j = k % 8;
      uint8_t& dst = block[k8 * 64 + (r % 16) * 4 + (j % 4)];
      dst = j < 4 ? static_cast<uint8_t>((dst & 0xf0) | nibble) : static_cast<uint8_t>((dst & 0x0f) | (nibble << 4));
    }
    for (int g = 0; g < groups; g++)
      p.scales[(static_cast<size_t>(r / 16) * groups + g) * 16 + r % 16] = scales[static_cast<size_t>(r) * groups + g];
  }
  p.weightBytes = static_cast<size_t>(p.rows) * p.cols / 2 + static_cast<size_t>(p.rows) * groups * sizeof(float);
}

struct Int4Kernel {
  // 2 blocks × 6 tokens: 12 INT32 group accumulators + 12 FP32 sums + 4 unpacked weight registers.
  static constexpr int NB = 2, T = 6, KC = 1024;
  template <int nb, int tt>
  static void tile(const TileArgs& a) {
    const Packed& w = *a.w;
    const int8_t* x = static_cast<const int8_t*>(a.a->data);
    const int ld = a.a->ld;
    const int groups = w.cols / w.groupSize;
    const int stepsPerGroup = w.groupSize / 8;
    const __m512i low = _mm512_set1_epi8(0x0f);
    const uint8_t* wb[nb];
    const float* sb[nb];
    CAPSIM_UNROLL
    for (int b = 0; b < nb; b++) {
      wb[b] = w.weights + static_cast<size_t>(tileBlock(a, b)) * w.blockStride;
      sb[b] = w.scales + static_cast<size_t>(tileBlock(a, b)) * groups * 16;
    }
    __m512 sum[nb][tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++)
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++)
        sum[b][t] = a.first ? _mm512_setzero_ps()
                            : _mm512_load_ps(reinterpret_cast<const float*>(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16));
    const int8_t* xt[tt];
    const int32_t* ct[tt];
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++) {
      xt[t] = x + static_cast<size_t>(a.t0 + t) * ld;
      ct[t] = a.a->groupCorr + static_cast<size_t>(a.t0 + t) * groups;
    }
    for (int g = a.k0 / w.groupSize; g < a.k1 / w.groupSize; g++) {
      __m512i acc[nb][tt];
      CAPSIM_UNROLL
      for (int t = 0; t < tt; t++)
        CAPSIM_UNROLL
        for (int b = 0; b < nb; b++) acc[b][t] = _mm512_setzero_si512();
      const int k8Begin = g * stepsPerGroup;
      for (int k8 = k8Begin; k8 < k8Begin + stepsPerGroup; k8++) {
        __m512i lo[nb], hi[nb];
        CAPSIM_UNROLL
        for (int b = 0; b < nb; b++) {
          const __m512i v = _mm512_load_si512(wb[b] + static_cast<size_t>(k8) * 64);
          lo[b] = _mm512_and_si512(v, low);
          hi[b] = _mm512_and_si512(_mm512_srli_epi16(v, 4), low);
        }
        CAPSIM_UNROLL
        for (int t = 0; t < tt; t++) {
          int32_t q0, q1;
          __builtin_memcpy(&q0, xt[t] + k8 * 8, sizeof q0);
          __builtin_memcpy(&q1, xt[t] + k8 * 8 + 4, sizeof q1);
          const __m512i x0 = _mm512_set1_epi32(q0), x1 = _mm512_set1_epi32(q1);
          CAPSIM_UNROLL
          for (int b = 0; b < nb; b++) {
            acc[b][t] = _mm512_dpbusd_epi32(acc[b][t], lo[b], x0);
            acc[b][t] = _mm512_dpbusd_epi32(acc[b][t], hi[b], x1);
          }
        }
      }
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++) {
        const __m512 scale = _mm512_load_ps(sb[b] + static_cast<size_t>(g) * 16);
        CAPSIM_UNROLL
        for (int t = 0; t < tt; t++) {
          const __m512i dot = _mm512_sub_epi32(acc[b][t], _mm512_set1_epi32(ct[t][g]));
          sum[b][t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(dot), scale, sum[b][t]);
        }
      }
    }
    CAPSIM_UNROLL
    for (int t = 0; t < tt; t++)
      CAPSIM_UNROLL
      for (int b = 0; b < nb; b++) {
        if (a.last) {
          const __m512 v = _mm512_mul_ps(sum[b][t], _mm512_set1_ps(a.a->xScale[a.t0 + t]));
          storeRows(w, tileBlock(a, b), a.y + static_cast<size_t>(a.t0 + t) * w.rows, v);
        } else {
          _mm512_store_ps(reinterpret_cast<float*>(a.scratch + ((a.t0 + t) * a.nbMax + b) * 16), sum[b][t]);
        }
      }
  }
};

// Decode (one token): 4 blocks at once, so that 4 independent vpdpbusd chains hide its latency
// (each group restarts its INT32 accumulators). Measured here: 2 blocks read about 70 % of the
// memory bandwidth, 4 about 80 %; 8 was no better and spills registers.
struct Int4DecodeKernel : Int4Kernel {
  static constexpr int NB = 4, T = 1;
};

void runInt4(const Packed& w, const Activations& a, int n, float* y, int b0, int b1, uint32_t* scratch) {
  if (n == 1) runBlocks<Int4DecodeKernel>(w, a, n, y, b0, b1, scratch);
  else runBlocks<Int4Kernel>(w, a, n, y, b0, b1, scratch);
}

}  // namespace capsim
