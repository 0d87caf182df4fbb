// Node-API surface of the kernel addon (plain C API, no node-addon-api dependency). Typed-array
// pointers come from napi_get_typedarray_info (works for SharedArrayBuffer-backed arrays too);
// packed weights live in native memory owned by an external value whose finalizer frees them.
#include <node_api.h>
#include <cstring>
#include <new>
#include <string>
#include <vector>
#include "attention.h"
#include "experts.h"
#include "matmul.h"

using namespace capsim;

namespace {

struct Holder {
  Packed* packed;
  size_t bytes;
};

napi_value throwRange(napi_env env, const std::string& message) {
  napi_throw_range_error(env, nullptr, message.c_str());
  return nullptr;
}

bool getArgs(napi_env env, napi_callback_info info, size_t expected, napi_value* argv) {
  size_t argc = expected;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < expected) {
    napi_throw_type_error(env, nullptr, "kernel addon: too few arguments");
    return false;
  }
  return true;
}

bool getInt(napi_env env, napi_value v, int* out) {
  if (napi_get_value_int32(env, v, out) != napi_ok) {
    napi_throw_type_error(env, nullptr, "kernel addon: expected an integer");
    return false;
  }
  return true;
}

struct ArrayView {
  napi_typedarray_type type;
  size_t length;
  void* data;
};

bool getArray(napi_env env, napi_value v, ArrayView* out) {
  napi_value buffer;
  size_t offset;
  bool isTyped = false;
  napi_is_typedarray(env, v, &isTyped);
  if (!isTyped || napi_get_typedarray_info(env, v, &out->type, &out->length, &out->data, &buffer, &offset) != napi_ok) {
    napi_throw_type_error(env, nullptr, "kernel addon: expected a typed array");
    return false;
  }
  return true;
}

void finalizePacked(napi_env env, void* data, void*) {
  Holder* h = static_cast<Holder*>(data);
  if (h->packed) {
    int64_t adjusted;
    napi_adjust_external_memory(env, -static_cast<int64_t>(h->bytes), &adjusted);
    freePacked(h->packed);
  }
  delete h;
}

Holder* getHolder(napi_env env, napi_value v) {
  void* data = nullptr;
  if (napi_get_value_external(env, v, &data) != napi_ok || !data) {
    napi_throw_type_error(env, nullptr, "kernel addon: expected a packed matrix handle");
    return nullptr;
  }
  return static_cast<Holder*>(data);
}

// pack(format, rows, cols, groupSize, values, scales | undefined) → handle
napi_value Pack(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  if (!getArgs(env, info, 6, argv)) return nullptr;
  int format, rows, cols, groupSize;
  if (!getInt(env, argv[0], &format) || !getInt(env, argv[1], &rows) || !getInt(env, argv[2], &cols) ||
      !getInt(env, argv[3], &groupSize))
    return nullptr;
  if (format < 0 || format > 3) return throwRange(env, "weights.format: unknown format code");
  if (rows < 1 || cols < 64 || cols % 64 != 0 || cols > 65536) return throwRange(env, "weights: rows ≥ 1 and cols a multiple of 64, at most 65536");
  const Format f = static_cast<Format>(format);
  if (f == Format::Int4 && groupSize != 32 && groupSize != 64) return throwRange(env, "weights.groupSize: must be 32 or 64");
  ArrayView values{};
  if (!getArray(env, argv[4], &values)) return nullptr;
  const size_t count = static_cast<size_t>(rows) * cols;
  ArrayView scales{};
  if (f == Format::Int8 || f == Format::Int4) {
    if (!getArray(env, argv[5], &scales)) return nullptr;
    const size_t expected = f == Format::Int8 ? rows : count / groupSize;
    if (scales.type != napi_float32_array || scales.length != expected) return throwRange(env, "weights.scales: wrong type or length");
  }
  switch (f) {
    case Format::Fp32:
      if (values.type != napi_float32_array || values.length != count) return throwRange(env, "weights.values: expected Float32Array of rows × cols");
      break;
    case Format::Bf16:
      if (values.type != napi_uint16_array || values.length != count) return throwRange(env, "weights.values: expected Uint16Array of rows × cols");
      break;
    case Format::Int8:
      if (values.type != napi_int8_array || values.length != count) return throwRange(env, "weights.values: expected Int8Array of rows × cols");
      break;
    case Format::Int4:
      if (values.type != napi_uint8_array || values.length != count / 2) return throwRange(env, "weights.packedNibbles: expected Uint8Array of rows × cols / 2");
      break;
  }
  Packed* p = new (std::nothrow) Packed{};
  if (!p) return throwRange(env, "kernel addon: out of memory");
  p->format = f;
  p->rows = rows;
  p->cols = cols;
  p->blocks = (rows + 15) / 16;
  p->groupSize = groupSize;
  try {
    switch (f) {
      case Format::Fp32: packFp32(*p, static_cast<const float*>(values.data)); break;
      case Format::Bf16: packBf16(*p, static_cast<const uint16_t*>(values.data)); break;
      case Format::Int8: packInt8(*p, static_cast<const int8_t*>(values.data), static_cast<const float*>(scales.data)); break;
      case Format::Int4: packInt4(*p, static_cast<const uint8_t*>(values.data), static_cast<const float*>(scales.data)); break;
    }
  } catch (const std::bad_alloc&) {
    freePacked(p);
    return throwRange(env, "kernel addon: out of memory while packing");
  }
  Holder* h = new Holder{p, p->blockStride * p->blocks};
  int64_t adjusted;
  napi_adjust_external_memory(env, static_cast<int64_t>(h->bytes), &adjusted);
  napi_value result;
  napi_create_external(env, h, finalizePacked, nullptr, &result);
  return result;
}

// matmul(handle, x, n, y, threads)
napi_value Matmul(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!getArgs(env, info, 5, argv)) return nullptr;
  Holder* h = getHolder(env, argv[0]);
  if (!h) return nullptr;
  if (!h->packed) return throwRange(env, "matmul.weights: the packed matrix was disposed");
  ArrayView x{}, y{};
  int n, threads;
  if (!getArray(env, argv[1], &x) || !getInt(env, argv[2], &n) || !getArray(env, argv[3], &y) || !getInt(env, argv[4], &threads))
    return nullptr;
  const Packed& w = *h->packed;
  if (n < 0) return throwRange(env, "matmul.tokenCount: must be ≥ 0");
  if (x.type != napi_float32_array || x.length < static_cast<size_t>(n) * w.cols) return throwRange(env, "matmul.x: Float32Array too short");
  if (y.type != napi_float32_array || y.length < static_cast<size_t>(n) * w.rows) return throwRange(env, "matmul.y: Float32Array too short");
  matmul(w, static_cast<const float*>(x.data), n, static_cast<float*>(y.data), threads);
  return nullptr;
}

bool getArrayElement(napi_env env, napi_value list, uint32_t index, ArrayView* out) {
  napi_value element;
  if (napi_get_element(env, list, index, &element) != napi_ok) {
    napi_throw_type_error(env, nullptr, "kernel addon: expected an array of typed arrays");
    return false;
  }
  return getArray(env, element, out);
}

// attend(qkv, out, queryHeads, kvHeads, headDim, meta Int32Array [row, start, length]×segments,
//        keys[], values[], keyScales[] | undefined, valueScales[] | undefined, threads)
napi_value Attend(napi_env env, napi_callback_info info) {
  napi_value argv[11];
  if (!getArgs(env, info, 11, argv)) return nullptr;
  ArrayView qkv{}, out{}, meta{};
  int queryHeads, kvHeads, headDim, threads;
  if (!getArray(env, argv[0], &qkv) || !getArray(env, argv[1], &out) || !getInt(env, argv[2], &queryHeads) ||
      !getInt(env, argv[3], &kvHeads) || !getInt(env, argv[4], &headDim) || !getArray(env, argv[5], &meta) ||
      !getInt(env, argv[10], &threads))
    return nullptr;
  if (kvHeads < 1 || queryHeads < kvHeads || queryHeads % kvHeads != 0) return throwRange(env, "attend.queryHeads: must be a positive multiple of kvHeads");
  if (headDim < 16 || headDim > 256 || headDim % 16 != 0) return throwRange(env, "attend.headDim: must be a multiple of 16, at most 256");
  if (qkv.type != napi_float32_array || out.type != napi_float32_array) return throwRange(env, "attend.qkv/output: expected Float32Array");
  if (meta.type != napi_int32_array || meta.length % 3 != 0) return throwRange(env, "attend.segments: expected Int32Array of [row, start, length] triples");
  napi_valuetype scalesType;
  napi_typeof(env, argv[8], &scalesType);
  const bool int8 = scalesType != napi_undefined;
  const int count = static_cast<int>(meta.length / 3);
  const int32_t* m = static_cast<const int32_t*>(meta.data);
  const size_t qkvWidth = static_cast<size_t>(queryHeads + 2 * kvHeads) * headDim;
  const size_t outWidth = static_cast<size_t>(queryHeads) * headDim;
  const size_t kvWidth = static_cast<size_t>(kvHeads) * headDim;
  std::vector<AttentionSegment> segments(count);
  for (int s = 0; s < count; s++) {
    AttentionSegment& seg = segments[s];
    seg.row = m[3 * s];
    seg.start = m[3 * s + 1];
    seg.length = m[3 * s + 2];
    if (seg.row < 0 || seg.start < 0 || seg.length < 0) return throwRange(env, "attend.segments: row, start and length must be ≥ 0");
    const size_t rowsEnd = static_cast<size_t>(seg.row) + seg.length;
    if (qkv.length < rowsEnd * qkvWidth || out.length < rowsEnd * outWidth) return throwRange(env, "attend.qkv/output: too short for the segments' rows");
    const size_t positions = static_cast<size_t>(seg.start) + seg.length;
    ArrayView keys{}, values{};
    if (!getArrayElement(env, argv[6], s, &keys) || !getArrayElement(env, argv[7], s, &values)) return nullptr;
    const napi_typedarray_type kvType = int8 ? napi_int8_array : napi_float32_array;
    if (keys.type != kvType || values.type != kvType) return throwRange(env, "attend.keys/values: expected Float32Array (fp32) or Int8Array (with scales)");
    if (keys.length < positions * kvWidth || values.length < positions * kvWidth) return throwRange(env, "attend.keys/values: shorter than the segment's context");
    seg.keys = keys.data;
    seg.values = values.data;
    seg.keyScales = nullptr;
    seg.valueScales = nullptr;
    if (int8) {
      ArrayView keyScales{}, valueScales{};
      if (!getArrayElement(env, argv[8], s, &keyScales) || !getArrayElement(env, argv[9], s, &valueScales)) return nullptr;
      if (keyScales.type != napi_float32_array || valueScales.type != napi_float32_array ||
          keyScales.length < positions * kvHeads || valueScales.length < positions * kvHeads)
        return throwRange(env, "attend.keyScales/valueScales: expected Float32Array of context × kvHeads");
      seg.keyScales = static_cast<const float*>(keyScales.data);
      seg.valueScales = static_cast<const float*>(valueScales.data);
    }
  }
  if (count == 0) return nullptr;
  AttentionArgs args{static_cast<const float*>(qkv.data), static_cast<float*>(out.data), queryHeads, kvHeads, headDim, int8, segments.data(), count};
  attend(args, threads);
  return nullptr;
}

// quantizeInt8Rows(values, rows, cols, q Int8Array, scales Float32Array)
napi_value QuantizeInt8Rows(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!getArgs(env, info, 5, argv)) return nullptr;
  ArrayView values{}, q{}, scales{};
  int rows, cols;
  if (!getArray(env, argv[0], &values) || !getInt(env, argv[1], &rows) || !getInt(env, argv[2], &cols) ||
      !getArray(env, argv[3], &q) || !getArray(env, argv[4], &scales))
    return nullptr;
  if (rows < 0 || cols < 64 || cols % 64 != 0) return throwRange(env, "quantizeInt8PerRow: rows ≥ 0 and cols a multiple of 64");
  const size_t count = static_cast<size_t>(rows) * cols;
  if (values.type != napi_float32_array || values.length < count) return throwRange(env, "quantizeInt8PerRow.values: Float32Array too short");
  if (q.type != napi_int8_array || q.length < count) return throwRange(env, "quantizeInt8PerRow.q: Int8Array too short");
  if (scales.type != napi_float32_array || scales.length < static_cast<size_t>(rows)) return throwRange(env, "quantizeInt8PerRow.scales: Float32Array too short");
  quantizeInt8Rows(static_cast<const float*>(values.data), rows, cols, static_cast<int8_t*>(q.data), static_cast<float*>(scales.data));
  return nullptr;
}

// swiglu(gateUp, rows, width, out, threads)
napi_value Swiglu(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!getArgs(env, info, 5, argv)) return nullptr;
  ArrayView gateUp{}, out{};
  int rows, width, threads;
  if (!getArray(env, argv[0], &gateUp) || !getInt(env, argv[1], &rows) || !getInt(env, argv[2], &width) ||
      !getArray(env, argv[3], &out) || !getInt(env, argv[4], &threads))
    return nullptr;
  if (rows < 0 || width < 1) return throwRange(env, "swiglu: rows ≥ 0 and width ≥ 1");
  if (gateUp.type != napi_float32_array || gateUp.length < static_cast<size_t>(rows) * 2 * width) return throwRange(env, "swiglu.gateUp: Float32Array too short");
  if (out.type != napi_float32_array || out.length < static_cast<size_t>(rows) * width) return throwRange(env, "swiglu.output: Float32Array too short");
  swiglu(static_cast<const float*>(gateUp.data), rows, width, static_cast<float*>(out.data), threads);
  return nullptr;
}

// routedExperts(input, d, starts Int32Array(E + 1), tokens Int32Array, weights Float32Array,
//               gateUpHandles[E], downHandles[E], output, threads)
napi_value RoutedExperts(napi_env env, napi_callback_info info) {
  napi_value argv[9];
  if (!getArgs(env, info, 9, argv)) return nullptr;
  ArrayView input{}, starts{}, tokens{}, weights{}, output{};
  int d, threads;
  if (!getArray(env, argv[0], &input) || !getInt(env, argv[1], &d) || !getArray(env, argv[2], &starts) || !getArray(env, argv[3], &tokens) ||
      !getArray(env, argv[4], &weights) || !getArray(env, argv[7], &output) || !getInt(env, argv[8], &threads))
    return nullptr;
  if (d < 64 || d % 64 != 0) return throwRange(env, "routedExperts.hiddenSize: a positive multiple of 64");
  if (input.type != napi_float32_array || output.type != napi_float32_array) return throwRange(env, "routedExperts.input/output: expected Float32Array");
  if (starts.type != napi_int32_array || starts.length < 2) return throwRange(env, "routedExperts.starts: expected Int32Array of expertCount + 1");
  if (tokens.type != napi_int32_array || weights.type != napi_float32_array) return throwRange(env, "routedExperts.tokens/weights: expected Int32Array / Float32Array");
  const int expertCount = static_cast<int>(starts.length - 1);
  const int32_t* s = static_cast<const int32_t*>(starts.data);
  const int32_t* t = static_cast<const int32_t*>(tokens.data);
  if (s[0] != 0) return throwRange(env, "routedExperts.starts: must start at 0");
  for (int e = 0; e < expertCount; e++)
    if (s[e + 1] < s[e]) return throwRange(env, "routedExperts.starts: must not decrease");
  const size_t assignments = static_cast<size_t>(s[expertCount]);
  if (tokens.length < assignments || weights.length < assignments) return throwRange(env, "routedExperts.tokens/weights: shorter than the assignments");
  const size_t inputRows = input.length / d, outputRows = output.length / d;
  for (size_t a = 0; a < assignments; a++)
    if (t[a] < 0 || static_cast<size_t>(t[a]) >= inputRows || static_cast<size_t>(t[a]) >= outputRows)
      return throwRange(env, "routedExperts.tokens: a row outside input or output");
  std::vector<ExpertMatrices> experts(expertCount, ExpertMatrices{nullptr, nullptr});
  for (int e = 0; e < expertCount; e++) {
    if (s[e + 1] == s[e]) continue;
    napi_value gu, dn;
    if (napi_get_element(env, argv[5], e, &gu) != napi_ok || napi_get_element(env, argv[6], e, &dn) != napi_ok)
      return throwRange(env, "routedExperts.experts: expected arrays of handles");
    Holder* hg = getHolder(env, gu);
    if (!hg) return nullptr;
    Holder* hd = getHolder(env, dn);
    if (!hd) return nullptr;
    if (!hg->packed || !hd->packed) return throwRange(env, "routedExperts.experts: a packed matrix was disposed");
    const Packed& g = *hg->packed;
    const Packed& w = *hd->packed;
    if (g.cols != d || w.rows != d || g.rows != 2 * w.cols) return throwRange(env, "routedExperts.experts: gateUp must be 2·width × hiddenSize and down hiddenSize × width");
    experts[e] = ExpertMatrices{&g, &w};
  }
  routedExperts(static_cast<const float*>(input.data), d, s, expertCount, t, static_cast<const float*>(weights.data), experts.data(),
                static_cast<float*>(output.data), threads);
  return nullptr;
}

napi_value Free(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!getArgs(env, info, 1, argv)) return nullptr;
  Holder* h = getHolder(env, argv[0]);
  if (!h) return nullptr;
  if (h->packed) {
    int64_t adjusted;
    napi_adjust_external_memory(env, -static_cast<int64_t>(h->bytes), &adjusted);
    freePacked(h->packed);
    h->packed = nullptr;
  }
  return nullptr;
}

napi_value CpuSupported(napi_env env, napi_callback_info) {
  napi_value result;
  napi_get_boolean(env, cpuSupported(), &result);
  return result;
}

// measureBandwidth(threads, bytes, repeats) → bytes/s
napi_value MeasureBandwidth(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!getArgs(env, info, 3, argv)) return nullptr;
  int threads, repeats;
  double bytes;
  if (!getInt(env, argv[0], &threads) || !getInt(env, argv[2], &repeats)) return nullptr;
  napi_get_value_double(env, argv[1], &bytes);
  if (threads < 1 || repeats < 1 || bytes < 1 << 20) return throwRange(env, "measureMemoryBandwidth: threads ≥ 1, repeats ≥ 1, bytes ≥ 1 MiB");
  double rate;
  try {
    rate = measureBandwidth(threads, static_cast<size_t>(bytes), repeats);
  } catch (const std::bad_alloc&) {
    return throwRange(env, "measureMemoryBandwidth.bytes: could not allocate the buffer");
  }
  napi_value result;
  napi_create_double(env, rate, &result);
  return result;
}

// measurePeak(format, threads, repeats) → FLOP/s
napi_value MeasurePeak(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!getArgs(env, info, 3, argv)) return nullptr;
  int format, threads, repeats;
  if (!getInt(env, argv[0], &format) || !getInt(env, argv[1], &threads) || !getInt(env, argv[2], &repeats)) return nullptr;
  if (format < 0 || format > 3 || threads < 1 || repeats < 1) return throwRange(env, "measurePeakThroughput: bad arguments");
  napi_value result;
  napi_create_double(env, measurePeak(static_cast<Format>(format), threads, repeats), &result);
  return result;
}

napi_value ReleaseBandwidthBuffer(napi_env, napi_callback_info) {
  releaseBandwidthBuffer();
  return nullptr;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"cpuSupported", nullptr, CpuSupported, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"pack", nullptr, Pack, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"matmul", nullptr, Matmul, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"attend", nullptr, Attend, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"quantizeInt8Rows", nullptr, QuantizeInt8Rows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"swiglu", nullptr, Swiglu, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"routedExperts", nullptr, RoutedExperts, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"free", nullptr, Free, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"measureBandwidth", nullptr, MeasureBandwidth, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"releaseBandwidthBuffer", nullptr, ReleaseBandwidthBuffer, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"measurePeak", nullptr, MeasurePeak, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
