// Node-API surface of the kernel addon (plain C API, no node-addon-api dependency). Typed-array
// pointers come from napi_get_typedarray_info (works for SharedArrayBuffer-backed arrays too);
// packed weights live in native memory owned by an external value whose finalizer frees them.
#include <node_api.h>
#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <vector>
#include "attention.h"
#include "attention_block.h"
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

// The segments of an attention call: meta Int32Array [row, start, length] per segment, then per
// segment its layer's keys / values (and, for an INT8 cache, key / value scales), checked against
// the rows of qkv / out and the positions the segment reads. `field` names the caller in errors.
bool getSegments(napi_env env, const char* field, napi_value metaArg, napi_value keysArg, napi_value valuesArg, napi_value keyScalesArg,
                 napi_value valueScalesArg, size_t qkvLength, size_t outLength, int queryHeads, int kvHeads, int headDim,
                 bool* int8, std::vector<AttentionSegment>* segments) {
  const std::string f(field);
  auto fail = [&](const std::string& message) {
    napi_throw_range_error(env, nullptr, (f + message).c_str());
    return false;
  };
  if (kvHeads < 1 || queryHeads < kvHeads || queryHeads % kvHeads != 0) return fail(".queryHeads: must be a positive multiple of kvHeads");
  if (headDim < 16 || headDim > 256 || headDim % 16 != 0) return fail(".headDim: must be a multiple of 16, at most 256");
  ArrayView meta{};
  if (!getArray(env, metaArg, &meta)) return false;
  if (meta.type != napi_int32_array || meta.length % 3 != 0) return fail(".segments: expected Int32Array of [row, start, length] triples");
  napi_valuetype scalesType;
  napi_typeof(env, keyScalesArg, &scalesType);
  *int8 = scalesType != napi_undefined;
  const int count = static_cast<int>(meta.length / 3);
  const int32_t* m = static_cast<const int32_t*>(meta.data);
  const size_t qkvWidth = static_cast<size_t>(queryHeads + 2 * kvHeads) * headDim;
  const size_t outWidth = static_cast<size_t>(queryHeads) * headDim;
  const size_t kvWidth = static_cast<size_t>(kvHeads) * headDim;
  segments->resize(count);
  for (int s = 0; s < count; s++) {
    AttentionSegment& seg = (*segments)[s];
    seg.row = m[3 * s];
    seg.start = m[3 * s + 1];
    seg.length = m[3 * s + 2];
    if (seg.row < 0 || seg.start < 0 || seg.length < 0) return fail(".segments: row, start and length must be ≥ 0");
    const size_t rowsEnd = static_cast<size_t>(seg.row) + seg.length;
    if (qkvLength < rowsEnd * qkvWidth || outLength < rowsEnd * outWidth) return fail(".qkv/output: too short for the segments' rows");
    const size_t positions = static_cast<size_t>(seg.start) + seg.length;
    ArrayView keys{}, values{};
    if (!getArrayElement(env, keysArg, s, &keys) || !getArrayElement(env, valuesArg, s, &values)) return false;
    const napi_typedarray_type kvType = *int8 ? napi_int8_array : napi_float32_array;
    if (keys.type != kvType || values.type != kvType) return fail(".keys/values: expected Float32Array (fp32) or Int8Array (with scales)");
    if (keys.length < positions * kvWidth || values.length < positions * kvWidth) return fail(".keys/values: shorter than the segment's context");
    seg.keys = keys.data;
    seg.values = values.data;
    seg.keyScales = nullptr;
    seg.valueScales = nullptr;
    if (*int8) {
      ArrayView keyScales{}, valueScales{};
      if (!getArrayElement(env, keyScalesArg, s, &keyScales) || !getArrayElement(env, valueScalesArg, s, &valueScales)) return false;
      if (keyScales.type != napi_float32_array || valueScales.type != napi_float32_array || keyScales.length < positions * kvHeads ||
          valueScales.length < positions * kvHeads)
        return fail(".keyScales/valueScales: expected Float32Array of context × kvHeads");
      seg.keyScales = static_cast<const float*>(keyScales.data);
      seg.valueScales = static_cast<const float*>(valueScales.data);
    }
  }
  return true;
}

// attend(qkv, out, queryHeads, kvHeads, headDim, meta Int32Array [row, start, length]×segments,
//        keys[], values[], keyScales[] | undefined, valueScales[] | undefined, threads)
napi_value Attend(napi_env env, napi_callback_info info) {
  napi_value argv[11];
  if (!getArgs(env, info, 11, argv)) return nullptr;
  ArrayView qkv{}, out{};
  int queryHeads, kvHeads, headDim, threads;
  if (!getArray(env, argv[0], &qkv) || !getArray(env, argv[1], &out) || !getInt(env, argv[2], &queryHeads) ||
      !getInt(env, argv[3], &kvHeads) || !getInt(env, argv[4], &headDim) || !getInt(env, argv[10], &threads))
    return nullptr;
  if (qkv.type != napi_float32_array || out.type != napi_float32_array) return throwRange(env, "attend.qkv/output: expected Float32Array");
  bool int8 = false;
  std::vector<AttentionSegment> segments;
  if (!getSegments(env, "attend", argv[5], argv[6], argv[7], argv[8], argv[9], qkv.length, out.length, queryHeads, kvHeads, headDim, &int8, &segments))
    return nullptr;
  if (segments.empty()) return nullptr;
  AttentionArgs args{static_cast<const float*>(qkv.data), static_cast<float*>(out.data), queryHeads, kvHeads, headDim, int8, segments.data(),
                     static_cast<int>(segments.size())};
  attend(args, threads);
  return nullptr;
}

const Packed* getPacked(napi_env env, napi_value v, const char* field) {
  Holder* h = getHolder(env, v);
  if (!h) return nullptr;
  if (!h->packed) {
    throwRange(env, std::string(field) + ": the packed matrix was disposed");
    return nullptr;
  }
  return h->packed;
}

bool getFloats(napi_env env, napi_value v, size_t minLength, const char* field, float** out) {
  ArrayView view{};
  if (!getArray(env, v, &view)) return false;
  if (view.type != napi_float32_array || view.length < minLength) {
    throwRange(env, std::string(field) + ": Float32Array too short");
    return false;
  }
  *out = static_cast<float*>(view.data);
  return true;
}

// attentionBlock(x, n, d, epsilon, inputNorm, postNorm, qkvHandle, oHandle, routerHandle,
//                qkv, attention, projected, normed, routerLogits, ropeCos, ropeSin,
//                queryHeads, kvHeads, headDim, meta, keys[], values[], keyScales[] | undefined,
//                valueScales[] | undefined, threads)
napi_value AttentionBlock(napi_env env, napi_callback_info info) {
  napi_value argv[25];
  if (!getArgs(env, info, 25, argv)) return nullptr;
  AttentionBlockArgs a{};
  int threads;
  if (!getInt(env, argv[1], &a.n) || !getInt(env, argv[2], &a.d) || !getInt(env, argv[16], &a.queryHeads) || !getInt(env, argv[17], &a.kvHeads) ||
      !getInt(env, argv[18], &a.headDim) || !getInt(env, argv[24], &threads))
    return nullptr;
  if (napi_get_value_double(env, argv[3], &a.rmsNormEpsilon) != napi_ok || !(a.rmsNormEpsilon >= 0)) return throwRange(env, "attentionBlock.rmsNormEpsilon: a number ≥ 0");
  if (a.n < 0) return throwRange(env, "attentionBlock.tokenCount: must be ≥ 0");
  if (a.d < 64 || a.d % 64 != 0) return throwRange(env, "attentionBlock.hiddenSize: must be a positive multiple of 64");
  a.qkvWeights = getPacked(env, argv[6], "attentionBlock.qkvWeights");
  if (!a.qkvWeights) return nullptr;
  a.oWeights = getPacked(env, argv[7], "attentionBlock.oWeights");
  if (!a.oWeights) return nullptr;
  a.routerWeights = getPacked(env, argv[8], "attentionBlock.routerWeights");
  if (!a.routerWeights) return nullptr;
  const int qkvWidth = (a.queryHeads + 2 * a.kvHeads) * a.headDim;
  const int attentionWidth = a.queryHeads * a.headDim;
  if (a.qkvWeights->cols != a.d || a.qkvWeights->rows != qkvWidth) return throwRange(env, "attentionBlock.qkvWeights: must be (queryHeads + 2·kvHeads)·headDim × hiddenSize");
  if (a.oWeights->cols != attentionWidth || a.oWeights->rows != a.d) return throwRange(env, "attentionBlock.oWeights: must be hiddenSize × queryHeads·headDim");
  if (a.routerWeights->cols != a.d) return throwRange(env, "attentionBlock.routerWeights: must have hiddenSize columns");
  const size_t n = static_cast<size_t>(a.n);
  float *inputNorm, *postNorm;
  if (!getFloats(env, argv[0], n * a.d, "attentionBlock.x", &a.x) || !getFloats(env, argv[4], a.d, "attentionBlock.inputNorm", &inputNorm) ||
      !getFloats(env, argv[5], a.d, "attentionBlock.postAttentionNorm", &postNorm) || !getFloats(env, argv[9], n * qkvWidth, "attentionBlock.qkv", &a.qkv) ||
      !getFloats(env, argv[10], n * attentionWidth, "attentionBlock.attention", &a.attention) ||
      !getFloats(env, argv[11], n * a.d, "attentionBlock.projected", &a.projected) || !getFloats(env, argv[12], n * a.d, "attentionBlock.normed", &a.normed) ||
      !getFloats(env, argv[13], n * a.routerWeights->rows, "attentionBlock.routerLogits", &a.routerLogits))
    return nullptr;
  a.inputNorm = inputNorm;
  a.postNorm = postNorm;
  std::vector<AttentionSegment> segments;
  bool int8 = false;
  if (!getSegments(env, "attentionBlock", argv[19], argv[20], argv[21], argv[22], argv[23], n * qkvWidth, n * attentionWidth, a.queryHeads, a.kvHeads,
                   a.headDim, &int8, &segments))
    return nullptr;
  size_t positions = 0;
  size_t rows = 0;
  for (const AttentionSegment& seg : segments) {
    positions = std::max(positions, static_cast<size_t>(seg.start) + seg.length);
    rows += seg.length;
  }
  if (rows != n) return throwRange(env, "attentionBlock.segments: their lengths must add up to tokenCount");
  float *ropeCos, *ropeSin;
  if (!getFloats(env, argv[14], positions * (a.headDim / 2), "attentionBlock.ropeCos", &ropeCos) ||
      !getFloats(env, argv[15], positions * (a.headDim / 2), "attentionBlock.ropeSin", &ropeSin))
    return nullptr;
  a.ropeCos = ropeCos;
  a.ropeSin = ropeSin;
  a.int8Cache = int8;
  a.segments = segments.data();
  a.segmentCount = static_cast<int>(segments.size());
  attentionBlock(a, threads);
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
      {"attentionBlock", nullptr, AttentionBlock, nullptr, nullptr, nullptr, napi_default, nullptr},
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
