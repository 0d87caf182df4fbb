#include "attention.h"
#include <immintrin.h>
#include <algorithm>
#include <array>
#include <utility>
#include <atomic>
#include <cmath>
#include <limits>
#include <vector>
#include "thread_pool.h"

#define CAPSIM_ATTN_UNROLL _Pragma("GCC unroll 16")

namespace capsim {

namespace {

// e^x in FP32 (Cephes expf: x = n·ln2 + r, degree-6 polynomial in r, then 2^n by scalef);
// about 1 ulp over the range softmax and SiLU use. Below −104 the result is 0, as e^x is in FP32.
inline __m512 exp512(__m512 x) {
  x = _mm512_min_ps(x, _mm512_set1_ps(88.3762626647949f));
  x = _mm512_max_ps(x, _mm512_set1_ps(-104.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
  __m512 p = _mm512_set1_ps(1.9875691500e-4f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
  const __m512 y = _mm512_add_ps(_mm512_fmadd_ps(p, _mm512_mul_ps(r, r), r), _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(y, n);
}

inline __m512 loadKv(const float* p) { return _mm512_loadu_ps(p); }
inline __m512 loadKv(const int8_t* p) {
  return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
}

constexpr int kPrefetchPositions = 6;

// Prefetching past the end of the written positions is harmless (prefetches never fault).
inline void prefetchRow(const void* p, size_t bytes) {
  const char* c = static_cast<const char*>(p);
  for (size_t off = 0; off < bytes; off += 64) _mm_prefetch(c + off, _MM_HINT_T0);
}

// HG query heads of one KV head for one token: the keys and values each position loads serve all
// HG heads (HG ≤ 4 keeps q, accumulators and loads within the 32 zmm registers at headDim 64).
// Per head the arithmetic is the same whatever HG is: q·k summed over chunks in order, scaled,
// then two softmax passes (max, exp and sum), then Σ w·v.
template <int CH, int HG, class T>
void attendHeads(const AttentionArgs& a, const AttentionSegment& s, int g, int i, int h0, float* scores) {
  constexpr int hd = CH * 16;
  constexpr bool quantized = sizeof(T) == 1;
  const int kvWidth = a.kvHeads * hd;
  const int qkvWidth = (a.queryHeads + 2 * a.kvHeads) * hd;
  const int outWidth = a.queryHeads * hd;
  const float softmaxScale = 1.0f / std::sqrt(static_cast<float>(hd));
  const T* keys = static_cast<const T*>(s.keys) + g * hd;
  const T* values = static_cast<const T*>(s.values) + g * hd;
  const float* keyScales = quantized ? s.keyScales + g : nullptr;
  const float* valueScales = quantized ? s.valueScales + g : nullptr;
  const int context = s.start + i + 1;
  const size_t stride = static_cast<size_t>(context) + 16;  // per-head score rows
  __m512 qv[HG][CH];
  CAPSIM_ATTN_UNROLL
  for (int j = 0; j < HG; j++) {
    const float* q = a.qkv + static_cast<size_t>(s.row + i) * qkvWidth + (h0 + j) * hd;
    CAPSIM_ATTN_UNROLL
    for (int c = 0; c < CH; c++) qv[j][c] = _mm512_loadu_ps(q + 16 * c);
  }
  float maxScore[HG];
  CAPSIM_ATTN_UNROLL
  for (int j = 0; j < HG; j++) maxScore[j] = -std::numeric_limits<float>::infinity();
  for (int p = 0; p < context; p++) {
    const T* k = keys + static_cast<size_t>(p) * kvWidth;
    // Each sequence's cache is its own allocation and a KV head is a 1/kvHeads slice of every
    // position's row, a stride the hardware prefetcher follows poorly: fetch a few positions ahead.
    prefetchRow(k + kPrefetchPositions * kvWidth, hd * sizeof(T));
    __m512 kv[CH];
    CAPSIM_ATTN_UNROLL
    for (int c = 0; c < CH; c++) kv[c] = loadKv(k + 16 * c);
    const float factor = quantized ? keyScales[static_cast<size_t>(p) * a.kvHeads] * softmaxScale : softmaxScale;
    CAPSIM_ATTN_UNROLL
    for (int j = 0; j < HG; j++) {
      __m512 acc = _mm512_mul_ps(qv[j][0], kv[0]);
      CAPSIM_ATTN_UNROLL
      for (int c = 1; c < CH; c++) acc = _mm512_fmadd_ps(qv[j][c], kv[c], acc);
      const float dot = _mm512_reduce_add_ps(acc) * factor;
      scores[j * stride + p] = dot;
      maxScore[j] = dot > maxScore[j] ? dot : maxScore[j];
    }
  }
  float inverseSum[HG];
  CAPSIM_ATTN_UNROLL
  for (int j = 0; j < HG; j++) {
    float* row = scores + j * stride;
    const __m512 vmax = _mm512_set1_ps(maxScore[j]);
    __m512 vsum = _mm512_setzero_ps();
    for (int p = 0; p < context; p += 16) {
      const __mmask16 m = context - p >= 16 ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << (context - p)) - 1);
      const __m512 e = exp512(_mm512_sub_ps(_mm512_maskz_loadu_ps(m, row + p), vmax));
      _mm512_mask_storeu_ps(row + p, m, e);
      vsum = _mm512_mask_add_ps(vsum, m, vsum, e);
    }
    inverseSum[j] = 1.0f / _mm512_reduce_add_ps(vsum);
  }
  __m512 o[HG][CH];
  CAPSIM_ATTN_UNROLL
  for (int j = 0; j < HG; j++) {
    CAPSIM_ATTN_UNROLL
    for (int c = 0; c < CH; c++) o[j][c] = _mm512_setzero_ps();
  }
  for (int p = 0; p < context; p++) {
    const T* v = values + static_cast<size_t>(p) * kvWidth;
    prefetchRow(v + kPrefetchPositions * kvWidth, hd * sizeof(T));
    __m512 vv[CH];
    CAPSIM_ATTN_UNROLL
    for (int c = 0; c < CH; c++) vv[c] = loadKv(v + 16 * c);
    CAPSIM_ATTN_UNROLL
    for (int j = 0; j < HG; j++) {
      float w = scores[j * stride + p] * inverseSum[j];
      if (quantized) w *= valueScales[static_cast<size_t>(p) * a.kvHeads];
      const __m512 wv = _mm512_set1_ps(w);
      CAPSIM_ATTN_UNROLL
      for (int c = 0; c < CH; c++) o[j][c] = _mm512_fmadd_ps(wv, vv[c], o[j][c]);
    }
  }
  CAPSIM_ATTN_UNROLL
  for (int j = 0; j < HG; j++) {
    float* out = a.out + static_cast<size_t>(s.row + i) * outWidth + (h0 + j) * hd;
    CAPSIM_ATTN_UNROLL
    for (int c = 0; c < CH; c++) _mm512_storeu_ps(out + 16 * c, o[j][c]);
  }
}

// One (segment, kvHead) item: every token of the segment × every query head on that KV head,
// up to four heads at a time. `scores` holds 4 × (context + 16) floats.
template <int CH, class T>
void attendItem(const AttentionArgs& a, const AttentionSegment& s, int g, float* scores) {
  const int group = a.queryHeads / a.kvHeads;
  for (int i = 0; i < s.length; i++) {
    for (int h = g * group; h < (g + 1) * group; h += 4) {
      switch (std::min(4, (g + 1) * group - h)) {
        case 4: attendHeads<CH, 4, T>(a, s, g, i, h, scores); break;
        case 3: attendHeads<CH, 3, T>(a, s, g, i, h, scores); break;
        case 2: attendHeads<CH, 2, T>(a, s, g, i, h, scores); break;
        default: attendHeads<CH, 1, T>(a, s, g, i, h, scores); break;
      }
    }
  }
}

using ItemFn = void (*)(const AttentionArgs&, const AttentionSegment&, int, float*);

template <class T, size_t... I>
constexpr std::array<ItemFn, sizeof...(I)> makeItemTable(std::index_sequence<I...>) {
  return {&attendItem<static_cast<int>(I) + 1, T>...};
}

float* threadScores(size_t count) {
  thread_local std::vector<float> buffer;
  if (buffer.size() < count) buffer.resize(count);
  return buffer.data();
}

}  // namespace

void attend(const AttentionArgs& a, int threads) {
  static constexpr auto fp32Table = makeItemTable<float>(std::make_index_sequence<16>{});
  static constexpr auto int8Table = makeItemTable<int8_t>(std::make_index_sequence<16>{});
  const ItemFn fn = (a.int8 ? int8Table : fp32Table)[a.headDim / 16 - 1];
  int maxContext = 0;
  for (int s = 0; s < a.segmentCount; s++) maxContext = std::max(maxContext, a.segments[s].start + a.segments[s].length);
  const size_t scoreCount = 4 * (static_cast<size_t>(maxContext) + 16);
  const int items = a.segmentCount * a.kvHeads;
  int parts = threads < 1 ? 1 : threads;
  if (parts > items) parts = items;
  // Items are pulled from a shared counter; each writes only its own output rows and heads, with
  // the same arithmetic whoever runs it.
  std::atomic<int> next{0};
  ThreadPool::instance().runShared(parts, [&](int) {
    float* scores = threadScores(scoreCount);
    for (int item = next.fetch_add(1); item < items; item = next.fetch_add(1)) {
      fn(a, a.segments[item / a.kvHeads], item % a.kvHeads, scores);
    }
  });
}

void swiglu(const float* gateUp, int rows, int width, float* out, int threads) {
  if (rows <= 0) return;
  int parts = threads < 1 ? 1 : threads;
  // Below ~64k elements the pool's wake-up costs more than the work.
  if (static_cast<size_t>(rows) * width < 65536) parts = 1;
  if (parts > rows) parts = rows;
  std::atomic<int> next{0};
  ThreadPool::instance().runShared(parts, [&](int) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (int r = next.fetch_add(1); r < rows; r = next.fetch_add(1)) {
      const float* gate = gateUp + static_cast<size_t>(r) * 2 * width;
      const float* up = gate + width;
      float* y = out + static_cast<size_t>(r) * width;
      for (int c = 0; c < width; c += 16) {
        const __mmask16 m = width - c >= 16 ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << (width - c)) - 1);
        const __m512 g = _mm512_maskz_loadu_ps(m, gate + c);
        const __m512 silu = _mm512_div_ps(g, _mm512_add_ps(one, exp512(_mm512_sub_ps(_mm512_setzero_ps(), g))));
        _mm512_mask_storeu_ps(y + c, m, _mm512_mul_ps(silu, _mm512_maskz_loadu_ps(m, up + c)));
      }
    }
  });
}

}  // namespace capsim
