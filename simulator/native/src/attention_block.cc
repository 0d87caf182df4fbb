#include "attention_block.h"
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include "matmul.h"
#include "thread_pool.h"

namespace capsim {

namespace {

// Runs fn(r0, r1) over [0, rows) in chunks pulled from a counter by up to `threads` threads. Each
// row's arithmetic is the same whoever runs it, so results do not depend on `threads`.
template <class F>
void forRows(int rows, int chunkRows, int threads, const F& fn) {
  const int chunks = (rows + chunkRows - 1) / chunkRows;
  if (threads <= 1 || chunks <= 1) {
    fn(0, rows);
    return;
  }
  std::atomic<int> next{0};
  ThreadPool::instance().runShared(std::min(threads, chunks), [&](int) {
    for (int c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) fn(c * chunkRows, std::min(rows, (c + 1) * chunkRows));
  });
}

// MoeModel's rmsNorm: the sum of squares in double, column by column (each FP32 square is exact
// in double, so a fused multiply-add could not change it), then x × inverse × weight left to right
// in double, rounded once to FP32. Four rows at a time give four independent add chains without
// changing any row's order of additions (a vectorised sum within a row would).
void rmsNormRows(const float* x, const float* weight, int r0, int r1, int width, double epsilon, float* y) {
  const auto scaleRow = [&](int r, double sumSquares) {
    const float* xr = x + static_cast<size_t>(r) * width;
    float* yr = y + static_cast<size_t>(r) * width;
    const double inverse = 1 / std::sqrt(sumSquares / width + epsilon);
    for (int k = 0; k < width; k++) yr[k] = static_cast<float>(static_cast<double>(xr[k]) * inverse * weight[k]);
  };
  int r = r0;
  for (; r + 4 <= r1; r += 4) {
    const float* a = x + static_cast<size_t>(r) * width;
    const float* b = a + width;
    const float* c = b + width;
    const float* d = c + width;
    double sa = 0, sb = 0, sc = 0, sd = 0;
    for (int k = 0; k < width; k++) {
      sa += static_cast<double>(a[k]) * a[k];
      sb += static_cast<double>(b[k]) * b[k];
      sc += static_cast<double>(c[k]) * c[k];
      sd += static_cast<double>(d[k]) * d[k];
    }
    scaleRow(r, sa);
    scaleRow(r + 1, sb);
    scaleRow(r + 2, sc);
    scaleRow(r + 3, sd);
  }
  for (; r < r1; r++) {
    const float* xr = x + static_cast<size_t>(r) * width;
    double sumSquares = 0;
    for (int k = 0; k < width; k++) sumSquares += static_cast<double>(xr[k]) * xr[k];
    scaleRow(r, sumSquares);
  }
}

// RopeTable.apply: rotate-half pairs (i, i + half); both products are exact in double, so the one
// rounding of their difference matches JavaScript whether or not the compiler fuses them.
void rotate(float* v, int heads, int headDim, const float* cos, const float* sin) {
  const int half = headDim / 2;
  for (int h = 0; h < heads; h++) {
    float* base = v + static_cast<size_t>(h) * headDim;
    for (int i = 0; i < half; i++) {
      const double c = cos[i], s = sin[i];
      const double x1 = base[i], x2 = base[i + half];
      base[i] = static_cast<float>(x1 * c - x2 * s);
      base[i + half] = static_cast<float>(x2 * c + x1 * s);
    }
  }
}

// SequenceKvCache.store for an INT8 cache: per head, scale = fround(max|x| / 127), q = x / scale
// rounded half away from zero, clamped to ±127; a zero head stores zeros with scale 0.
void storeInt8(int8_t* target, float* scales, const float* source, int kvHeads, int headDim) {
  for (int h = 0; h < kvHeads; h++) {
    const float* from = source + static_cast<size_t>(h) * headDim;
    int8_t* to = target + static_cast<size_t>(h) * headDim;
    float maxAbs = 0;
    for (int i = 0; i < headDim; i++) {
      const float m = std::fabs(from[i]);
      if (m > maxAbs) maxAbs = m;
    }
    const float scale = static_cast<float>(static_cast<double>(maxAbs) / 127);
    scales[h] = scale;
    if (scale == 0) {
      std::memset(to, 0, headDim);
      continue;
    }
    const double inverse = 1 / static_cast<double>(scale);
    for (int i = 0; i < headDim; i++) {
      const double v = from[i] * inverse;
      const double q = v < 0 ? -std::floor(0.5 - v) : std::floor(v + 0.5);
      to[i] = static_cast<int8_t>(q > 127 ? 127 : q < -127 ? -127 : q);
    }
  }
}

}  // namespace

void attentionBlock(const AttentionBlockArgs& a, int threads) {
  const int qkvWidth = (a.queryHeads + 2 * a.kvHeads) * a.headDim;
  const int attentionWidth = a.queryHeads * a.headDim;
  const int kvWidth = a.kvHeads * a.headDim;
  const int half = a.headDim / 2;
  constexpr int kNormRows = 8;
  forRows(a.n, kNormRows, threads, [&](int r0, int r1) { rmsNormRows(a.x, a.inputNorm, r0, r1, a.d, a.rmsNormEpsilon, a.normed); });
  matmul(*a.qkvWeights, a.normed, a.n, a.qkv, threads);
  // RoPE and the cache append, one segment per work item (a segment's rows write its own cache only).
  forRows(a.segmentCount, 1, a.n >= 16 ? threads : 1, [&](int s0, int s1) {
    for (int s = s0; s < s1; s++) {
      const AttentionSegment& seg = a.segments[s];
      for (int i = 0; i < seg.length; i++) {
        const int position = seg.start + i;
        float* row = a.qkv + static_cast<size_t>(seg.row + i) * qkvWidth;
        rotate(row, a.queryHeads + a.kvHeads, a.headDim, a.ropeCos + static_cast<size_t>(position) * half, a.ropeSin + static_cast<size_t>(position) * half);
        const float* keys = row + attentionWidth;
        const float* values = keys + kvWidth;
        const size_t at = static_cast<size_t>(position) * kvWidth;
        if (a.int8Cache) {
          storeInt8(static_cast<int8_t*>(const_cast<void*>(seg.keys)) + at, const_cast<float*>(seg.keyScales) + static_cast<size_t>(position) * a.kvHeads, keys, a.kvHeads, a.headDim);
          storeInt8(static_cast<int8_t*>(const_cast<void*>(seg.values)) + at, const_cast<float*>(seg.valueScales) + static_cast<size_t>(position) * a.kvHeads, values, a.kvHeads, a.headDim);
        } else {
          std::memcpy(static_cast<float*>(const_cast<void*>(seg.keys)) + at, keys, sizeof(float) * kvWidth);
          std::memcpy(static_cast<float*>(const_cast<void*>(seg.values)) + at, values, sizeof(float) * kvWidth);
        }
      }
    }
  });
  const AttentionArgs attention{a.qkv, a.attention, a.queryHeads, a.kvHeads, a.headDim, a.int8Cache, a.segments, a.segmentCount};
  attend(attention, threads);
  matmul(*a.oWeights, a.attention, a.n, a.projected, threads);
  forRows(a.n, kNormRows, threads, [&](int r0, int r1) {
    const size_t begin = static_cast<size_t>(r0) * a.d, end = static_cast<size_t>(r1) * a.d;
    for (size_t i = begin; i < end; i++) a.x[i] += a.projected[i];
    rmsNormRows(a.x, a.postNorm, r0, r1, a.d, a.rmsNormEpsilon, a.normed);
  });
  matmul(*a.routerWeights, a.normed, a.n, a.routerLogits, threads);
}

}  // namespace capsim
