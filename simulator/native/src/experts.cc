// See experts.h. Batch-1 decode runs two experts per layer; in TypeScript that was four addon calls
// and three loops per expert, with the activations cold after each multi-megabyte matmul. Here the
// scratch rows stay in this thread's cache between the steps of an expert.
#include "experts.h"
#include <algorithm>
#include <vector>
#include "attention.h"
#include "matmul.h"

namespace capsim {

void routedExperts(const float* input, int d, const int32_t* starts, int expertCount, const int32_t* tokens, const float* weights,
                   const ExpertMatrices* experts, float* output, int threads) {
  thread_local std::vector<float> gathered, gateUp, activated, expertOut;
  for (int e = 0; e < expertCount; e++) {
    const int first = starts[e];
    const int m = starts[e + 1] - first;
    if (m <= 0) continue;
    const Packed& gu = *experts[e].gateUp;
    const Packed& down = *experts[e].down;
    const int width = down.cols;
    gathered.resize(static_cast<size_t>(m) * d);
    gateUp.resize(static_cast<size_t>(m) * 2 * width);
    activated.resize(static_cast<size_t>(m) * width);
    expertOut.resize(static_cast<size_t>(m) * d);
    for (int j = 0; j < m; j++) {
      const float* from = input + static_cast<size_t>(tokens[first + j]) * d;
      std::copy(from, from + d, gathered.data() + static_cast<size_t>(j) * d);
    }
    matmul(gu, gathered.data(), m, gateUp.data(), threads);
    swiglu(gateUp.data(), m, width, activated.data(), threads);
    matmul(down, activated.data(), m, expertOut.data(), threads);
    for (int j = 0; j < m; j++) {
      float* to = output + static_cast<size_t>(tokens[first + j]) * d;
      const float* from = expertOut.data() + static_cast<size_t>(j) * d;
      const double w = weights[first + j];
      // FP32 × FP32 is exact in double, so with or without FMA contraction this is the TypeScript
      // loop's double sum rounded once to FP32.
      for (int c = 0; c < d; c++) to[c] = static_cast<float>(static_cast<double>(to[c]) + w * static_cast<double>(from[c]));
    }
  }
}

}  // namespace capsim
