// The routed experts of one MoE layer in one addon call (KernelBackend.runRoutedExperts): per
// expert, gather its rows, gate/up matmul, SwiGLU, down matmul, and add the weighted result into
// the output rows — what MoeModel.runRoutedExperts does in TypeScript around four addon calls.
#pragma once
#include <cstdint>
#include "common.h"

namespace capsim {

struct ExpertMatrices {
  const Packed* gateUp;  // 2·width × d: gate rows first, then up rows
  const Packed* down;    // d × width
};

// Expert e (ascending) serves assignments [starts[e], starts[e + 1]): row tokens[a] of input, routing
// weight weights[a]. output[tokens[a]] += weights[a] × expert(input[tokens[a]]), computed in double
// and rounded to FP32 once, exactly as the TypeScript loop (FP32 values, JavaScript double arithmetic).
// experts[e] is read only for touched experts.
void routedExperts(const float* input, int d, const int32_t* starts, int expertCount, const int32_t* tokens, const float* weights,
                   const ExpertMatrices* experts, float* output, int threads);

}  // namespace capsim
