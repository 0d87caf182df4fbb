{
  "targets": [
    {
      "target_name": "capsim_kernels",
      "sources": [
        "src/addon.cc",
        "src/matmul.cc",
        "src/thread_pool.cc",
        "src/attention.cc",
        "src/experts.cc",
        "src/attention_block.cc",
        "src/ceilings.cc",
        "src/kernels_fp32.cc",
        "src/kernels_bf16.cc",
        "src/kernels_int8.cc",
        "src/kernels_int4.cc"
      ],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags_cc": [
        "-std=c++17", "-O3", "-fexceptions",
        "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq", "-mavx512vnni", "-mavx512bf16", "-mfma",
        "-Wall", "-Wno-unused-function", "-Wno-maybe-uninitialized", "-Wno-uninitialized"
      ],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
