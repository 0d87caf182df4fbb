// Shared types of the capsim kernel addon: the packed weight layout, prepared activations, and
// the tile driver that every format's microkernel plugs into.
#pragma once
#include <immintrin.h>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

// Every loop over a tile's blocks or tokens must unroll completely: GCC keeps an array of zmm
// accumulators in registers only when no loop indexes it at run time (else it spills every
// update to the stack, which halved GEMM throughput here).
#define CAPSIM_UNROLL _Pragma("GCC unroll 16")

namespace capsim {

enum class Format : int { Fp32 = 0, Bf16 = 1, Int8 = 2, Int4 = 3 };

// Rows are packed in blocks of 16 (one zmm of FP32/INT32 lanes = 16 output rows). Within a block
// the weights are interleaved by "k-step": one 64-byte line holds, for all 16 rows, the few columns
// one instruction consumes (1 FP32, 2 BF16, 4 INT8, 8 INT4). The microkernel then streams each
// block linearly with one aligned load per instruction and broadcasts the activations, so decode
// (n = 1) is a pure sequential read of the weights and GEMM reuses each loaded line for T tokens.
struct Packed {
  Format format;
  int rows;        // logical rows
  int cols;        // K, a multiple of 64
  int blocks;      // ceil(rows / 16); rows past `rows` are zero-padded
  int groupSize;   // INT4 only
  size_t blockBytes;
  // Distance between blocks: blockBytes plus 256 bytes, so that the NB blocks a tile streams at
  // once are never a power of two apart (K = 4096 INT8 makes blocks exactly 64 KiB): such
  // streams collide in cache sets and DRAM banks and read measurably slower.
  // INT8 keeps each block's row sums and scales in the first 128 bytes of that pad.
  size_t blockStride;
  uint8_t* weights = nullptr;   // blocks × blockStride, 64-byte aligned
  float* scales = nullptr;      // INT4: blocks × groups × 16 (INT8: in the block tail)
  size_t weightBytes = 0;       // what a matmul streams (weights at stored width + scales)
};

// Activations as the format's kernel reads them (prepared once per matmul call).
struct Activations {
  const void* data;            // FP32: float; BF16: uint16 (RNE-rounded); INT8: uint8 (q+128); INT4: int8 q
  int ld;                      // elements per token row (= cols)
  const float* xScale;         // INT8/INT4: per token
  const int32_t* groupCorr;    // INT4: per token × group, 8·Σq over the group
  int groups;
};

struct TileArgs {
  const Packed* w;
  const Activations* a;
  int block0;       // first block of the tile
  int blockStep;    // distance between the tile's blocks: 1 (GEMM), or a quarter of the range (decode)
  int k0, k1;       // column range of this pass
  int t0;           // first token
  bool first, last; // first pass: start from zero; last pass: write y (else park in scratch)
  uint32_t* scratch;// per-token accumulator state: token t, block b at scratch[(t*NBmax + b)*16]
  int nbMax;
  float* y;         // n × rows
};

// Block b of a tile (b < nb).
inline int tileBlock(const TileArgs& a, int b) { return a.block0 + b * a.blockStep; }

using TileFn = void (*)(const TileArgs&);

constexpr int kMaxScratchBlocks = 8;
constexpr size_t kBlockPadBytes = 256;
inline size_t blockStrideFor(size_t blockBytes) { return blockBytes + kBlockPadBytes; }

template <class F, int nb, int tt>
void callTile(const TileArgs& a) { F::template tile<nb, tt>(a); }

template <class F, size_t... I>
constexpr std::array<TileFn, sizeof...(I)> makeTileTable(std::index_sequence<I...>) {
  return {&callTile<F, static_cast<int>(I / F::T) + 1, static_cast<int>(I % F::T) + 1>...};
}

// Mask of the valid lanes of block b (the last block may be partial).
inline __mmask16 rowMask(const Packed& w, int block) {
  int valid = w.rows - block * 16;
  return valid >= 16 ? static_cast<__mmask16>(0xffff) : static_cast<__mmask16>((1u << valid) - 1);
}

inline void storeRows(const Packed& w, int block, float* yRow, __m512 v) {
  _mm512_mask_storeu_ps(yRow + block * 16, rowMask(w, block), v);
}

// Runs blocks [blockBegin, blockEnd) × all n tokens of one format. Each output's accumulation
// order is fixed (k ascending) whatever the split, so any thread count gives bit-identical results.
//
// Decode (n ≤ T tokens, one pass over K): the range is cut into NB contiguous parts and tile j
// takes block j of each part, so the NB blocks a tile reads at once are NB long sequential streams
// through the whole range (a quarter of the matrix each), not NB neighbouring blocks. With
// neighbouring blocks, every tile started NB new short streams (16 KiB each at K = 1024) and the
// hardware prefetcher ramped up again on each: the bench shape's decode step read its weights at
// 74–80 % of the measured bandwidth against 85–87 % with long streams (paired with a ceiling sample,
// medians of 80–100 interleaved rounds over the step's own matrices).
//
// GEMM (more tokens): tiles of NB neighbouring blocks × T tokens, passing over K in chunks of KC
// columns so that a tile's weights stay in L2 while every token group reuses them.
template <class F>
void runBlocks(const Packed& w, const Activations& a, int n, float* y, int blockBegin, int blockEnd, uint32_t* scratch) {
  static constexpr auto table = makeTileTable<F>(std::make_index_sequence<F::NB * F::T>{});
  static_assert(F::NB <= kMaxScratchBlocks, "scratch holds kMaxScratchBlocks blocks per token");
  const int K = w.cols;
  TileArgs args{&w, &a, 0, 1, 0, 0, 0, false, false, scratch, F::NB, y};
  if (n <= F::T) {
    const int count = blockEnd - blockBegin;
    const int part = (count + F::NB - 1) / F::NB;  // blocks per stream
    args.blockStep = part;
    args.k0 = 0;
    args.k1 = K;
    args.first = true;
    args.last = true;
    for (int j = 0; j < part; j++) {
      // Streams i with j + i·part < count hold a block for this tile: always a prefix of them.
      int nb = (count - j + part - 1) / part;
      if (nb > F::NB) nb = F::NB;
      args.block0 = blockBegin + j;
      table[(nb - 1) * F::T + (n - 1)](args);
    }
    return;
  }
  for (int b = blockBegin; b < blockEnd; b += F::NB) {
    const int nb = blockEnd - b < F::NB ? blockEnd - b : F::NB;
    args.block0 = b;
    for (int k0 = 0; k0 < K; k0 += F::KC) {
      args.k0 = k0;
      args.k1 = k0 + F::KC < K ? k0 + F::KC : K;
      args.first = k0 == 0;
      args.last = args.k1 == K;
      for (int t0 = 0; t0 < n; t0 += F::T) {
        const int tt = n - t0 < F::T ? n - t0 : F::T;
        args.t0 = t0;
        table[(nb - 1) * F::T + (tt - 1)](args);
      }
    }
  }
}

// Format entry points (one file each).
void packFp32(Packed& p, const float* values);
void packBf16(Packed& p, const uint16_t* values);
void packInt8(Packed& p, const int8_t* values, const float* scales);
void packInt4(Packed& p, const uint8_t* nibbles, const float* scales);

void runFp32(const Packed&, const Activations&, int n, float* y, int b0, int b1, uint32_t* scratch);
void runBf16(const Packed&, const Activations&, int n, float* y, int b0, int b1, uint32_t* scratch);
void runInt8(const Packed&, const Activations&, int n, float* y, int b0, int b1, uint32_t* scratch);
void runInt4(const Packed&, const Activations&, int n, float* y, int b0, int b1, uint32_t* scratch);

void* alignedAlloc(size_t bytes);
void alignedFree(void* p);

}  // namespace capsim
