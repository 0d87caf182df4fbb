// Causal GQA attention over per-sequence KV caches and the SwiGLU activation, the two parts of a
// step outside the weight matmuls that cost most in TypeScript (see kernel-backend.ts: attend,
// swiglu). Both split work over the shared pool in units whose arithmetic never depends on the
// split, so any thread count gives bit-identical results.
#pragma once
#include <cstdint>

namespace capsim {

struct AttentionSegment {
  int row;     // first row of the segment in qkv / out
  int start;   // position of its first token (tokens before it are already in the cache)
  int length;  // tokens in the segment; token i attends to positions 0 … start + i
  const void* keys;    // [position][kvHead][headDim], float or int8
  const void* values;
  const float* keyScales;    // INT8: [position][kvHead]
  const float* valueScales;
};

struct AttentionArgs {
  const float* qkv;  // rows × (queryHeads + 2·kvHeads)·headDim, RoPE applied; queries first
  float* out;        // rows × queryHeads·headDim
  int queryHeads, kvHeads, headDim;  // headDim a multiple of 16, at most 256
  bool int8;
  const AttentionSegment* segments;
  int segmentCount;
};

void attend(const AttentionArgs& a, int threads);
// out[r][c] = silu(gateUp[r][c]) × gateUp[r][width + c] for r < rows, c < width.
void swiglu(const float* gateUp, int rows, int width, float* out, int threads);

}  // namespace capsim
