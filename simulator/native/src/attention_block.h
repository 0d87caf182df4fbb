// The attention half of one decoder layer in one addon call (KernelBackend.attentionBlock): input
// RMSNorm, QKV matmul, RoPE, KV-cache append, causal GQA attention, O matmul and residual add,
// post-attention RMSNorm and router logits — what MoeModel.step does around four addon calls and
// five TypeScript loops. Bit-identical to that path: the norms, RoPE and the INT8 cache quantizer
// use the same double arithmetic as the TypeScript (JavaScript numbers over FP32 values).
#pragma once
#include <cstdint>
#include "attention.h"
#include "common.h"

namespace capsim {

struct AttentionBlockArgs {
  float* x;                 // n × d, x += O · attention
  int n, d;
  double rmsNormEpsilon;
  const float* inputNorm;   // d
  const float* postNorm;    // d
  const Packed* qkvWeights; // (queryHeads + 2·kvHeads)·headDim × d
  const Packed* oWeights;   // d × queryHeads·headDim
  const Packed* routerWeights;  // experts × d
  float* qkv;               // scratch, n × qkv width (RoPE applied on return)
  float* attention;         // scratch, n × queryHeads·headDim
  float* projected;         // scratch, n × d
  float* normed;            // n × d: the post-attention norm on return (the experts' input)
  float* routerLogits;      // n × experts
  const float* ropeCos;     // [position][headDim / 2], covering every position of the segments
  const float* ropeSin;
  int queryHeads, kvHeads, headDim;
  bool int8Cache;
  // Keys and values as writable caches: the block appends each token's before attending.
  AttentionSegment* segments;
  int segmentCount;
};

void attentionBlock(const AttentionBlockArgs& a, int threads);

}  // namespace capsim
