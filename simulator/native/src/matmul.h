#pragma once
#include "common.h"

namespace capsim {
// y[n × rows] = x[n × cols] · Wᵀ with `threads` threads of the shared pool.
void matmul(const Packed& w, const float* x, int n, float* y, int threads);
void freePacked(Packed* p);
// quantizeInt8PerRow of quantize.ts (same integers and scales for finite inputs); cols a multiple of 64.
void quantizeInt8Rows(const float* x, int rows, int cols, int8_t* q, float* scales);
// Ceilings (ceilings.cc): bytes/s of a streaming read, and FLOP/s of the format's instruction.
double measureBandwidth(int threads, size_t bytes, int repeats);
double measurePeak(Format f, int threads, int repeats);
void releaseBandwidthBuffer();
bool cpuSupported();
}  // namespace capsim
