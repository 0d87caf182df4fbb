/**
 * safetensors reading and writing: an 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the end of the header),
 * then the raw little-endian tensor bytes. Supported dtypes: F32, BF16, F16, I8 (read as FP32
 * values; a quantized checkpoint's own scales are not interpreted).
 */
export type SafetensorsDtype = 'F32' | 'BF16' | 'F16' | 'I8';

const BYTES_PER_ELEMENT: Readonly<Record<SafetensorsDtype, number>> = { F32: 4, BF16: 2, F16: 2, I8: 1 };

export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** The tensor's raw bytes (a view into the file). */
  readonly bytes: Uint8Array;
}

/** Header bytes refused above this size: a runaway length field would otherwise allocate gigabytes. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export function parseSafetensors(file: Uint8Array): Map<string, SafetensorsTensor> {
  if (file.length < 8) throw new RangeError(`safetensors: file of ${file.length} bytes is shorter than the 8-byte header length`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerBytes = Number(view.getBigUint64(0, true));
  if (headerBytes > MAX_HEADER_BYTES || 8 + headerBytes > file.length) {
    throw new RangeError(`safetensors: header length ${headerBytes} does not fit in a file of ${file.length} bytes`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerBytes)));
  } catch (error) {
    throw new RangeError(`safetensors: header is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) throw new RangeError('safetensors: header must be a JSON object');
  const dataStart = 8 + headerBytes;
  const tensors = new Map<string, SafetensorsTensor>();
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== 'string' || !(dtype in BYTES_PER_ELEMENT)) throw new RangeError(`safetensors: tensor "${name}" has dtype ${String(dtype)}; supported: F32, BF16, F16, I8`);
    if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0)) throw new RangeError(`safetensors: tensor "${name}" has an invalid shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((n) => Number.isInteger(n) && n >= 0)) {
      throw new RangeError(`safetensors: tensor "${name}" has invalid data_offsets`);
    }
    const [begin, end] = offsets as [number, number];
    const elements = (shape as number[]).reduce((a, b) => a * b, 1);
    const expected = elements * BYTES_PER_ELEMENT[dtype as SafetensorsDtype];
    if (end - begin !== expected || dataStart + end > file.length) {
      throw new RangeError(`safetensors: tensor "${name}" spans bytes ${begin}…${end}, expected ${expected} bytes inside the file`);
    }
    tensors.set(name, { dtype: dtype as SafetensorsDtype, shape: shape as number[], bytes: file.subarray(dataStart + begin, dataStart + end) });
  }
  return tensors;
}

/** A tensor's values as FP32 (BF16 and F16 widened exactly, I8 as integers). */
export function tensorToFloat32(tensor: SafetensorsTensor): Float32Array {
  const { bytes } = tensor;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.byteLength / BYTES_PER_ELEMENT[tensor.dtype];
  const out = new Float32Array(count);
  switch (tensor.dtype) {
    case 'F32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'BF16': {
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, true) << 16;
      break;
    }
    case 'F16':
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      break;
    case 'I8':
      for (let i = 0; i < count; i++) out[i] = view.getInt8(i);
      break;
  }
  return out;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

export interface TensorToWrite {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** Writes FP32 tensors as a safetensors file (header padded with spaces to 8 bytes, as the reference writer does). */
export function writeSafetensors(tensors: readonly TensorToWrite[]): Uint8Array {
  const header: Record<string, { dtype: 'F32'; shape: readonly number[]; data_offsets: [number, number] }> = {};
  let offset = 0;
  for (const tensor of tensors) {
    const bytes = tensor.values.length * 4;
    header[tensor.name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const file = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(file.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  file.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const tensor of tensors) {
    for (let i = 0; i < tensor.values.length; i++) view.setFloat32(at + i * 4, tensor.values[i]!, true);
    at += tensor.values.length * 4;
  }
  return file;
}
