import { mulberry32 } from '../../../libs/cost/src/random/seeded-random.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import { MoeModel } from '../model/moe-model.js';
import { TINY_SHAPE } from '../presets/presets.js';
import { loadSafetensorsWeights } from './load-checkpoint.js';
import { parseSafetensors, tensorToFloat32, writeSafetensors, type TensorToWrite } from './safetensors.js';

/** A Mixtral-named checkpoint of the tiny shape (d 128, 4/2 heads × 32, 4 experts of width 256, vocab 512). */
function tinyCheckpoint(options: { omit?: string; override?: TensorToWrite; withLmHead?: boolean } = {}): { file: Uint8Array; tensors: Map<string, Float32Array> } {
  const random = mulberry32(99);
  const list: TensorToWrite[] = [];
  const add = (name: string, shape: number[]): void => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (random() - 0.5) * 0.2;
    list.push({ name, shape, values });
  };
  add('model.embed_tokens.weight', [512, 128]);
  for (let l = 0; l < 2; l++) {
    const p = `model.layers.${l}`;
    add(`${p}.input_layernorm.weight`, [128]);
    add(`${p}.post_attention_layernorm.weight`, [128]);
    add(`${p}.self_attn.q_proj.weight`, [128, 128]);
    add(`${p}.self_attn.k_proj.weight`, [64, 128]);
    add(`${p}.self_attn.v_proj.weight`, [64, 128]);
    add(`${p}.self_attn.o_proj.weight`, [128, 128]);
    add(`${p}.block_sparse_moe.gate.weight`, [4, 128]);
    for (let e = 0; e < 4; e++) {
      add(`${p}.block_sparse_moe.experts.${e}.w1.weight`, [256, 128]);
      add(`${p}.block_sparse_moe.experts.${e}.w2.weight`, [128, 256]);
      add(`${p}.block_sparse_moe.experts.${e}.w3.weight`, [256, 128]);
    }
  }
  add('model.norm.weight', [128]);
  if (options.withLmHead ?? true) add('lm_head.weight', [512, 128]);
  const kept = list.filter((t) => t.name !== options.omit).map((t) => (options.override?.name === t.name ? options.override : t));
  return { file: writeSafetensors(kept), tensors: new Map(kept.map((t) => [t.name, t.values])) };
}

/** Column j of a packed FP32 matrix, read back by multiplying the unit vector e_j. */
function column(backend: ReturnType<typeof createReferenceBackend>, matrix: { rows: number; cols: number } & object, j: number): Float32Array {
  const x = new Float32Array(matrix.cols);
  x[j] = 1;
  const y = new Float32Array(matrix.rows);
  backend.matmul(x, 1, matrix as never, y);
  return y;
}

describe('safetensors loader on a Mixtral-named tiny checkpoint the test writes itself', () => {
  const backend = createReferenceBackend();

  it('maps q/k/v into one fused matrix and w1/w3 into gate-then-up rows, and runs a step', () => {
    const { file, tensors } = tinyCheckpoint();
    const weights = loadSafetensorsWeights(file, TINY_SHAPE, backend, { format: 'fp32' });
    // Column 5 of the fused qkv = [q[:,5] (128 rows), k[:,5] (64), v[:,5] (64)].
    const qkvColumn = column(backend, weights.layers[1]!.qkv, 5);
    const q = tensors.get('model.layers.1.self_attn.q_proj.weight')!;
    const k = tensors.get('model.layers.1.self_attn.k_proj.weight')!;
    const v = tensors.get('model.layers.1.self_attn.v_proj.weight')!;
    expect(qkvColumn[0]).toBe(q[0 * 128 + 5]);
    expect(qkvColumn[127]).toBe(q[127 * 128 + 5]);
    expect(qkvColumn[128]).toBe(k[0 * 128 + 5]);
    expect(qkvColumn[255]).toBe(v[63 * 128 + 5]);
    // Expert 3 of layer 0: rows 0…255 are w1 (gate), rows 256…511 are w3 (up).
    const gateUpColumn = column(backend, weights.layers[0]!.experts[3]!.gateUp, 7);
    expect(gateUpColumn[10]).toBe(tensors.get('model.layers.0.block_sparse_moe.experts.3.w1.weight')![10 * 128 + 7]);
    expect(gateUpColumn[256 + 10]).toBe(tensors.get('model.layers.0.block_sparse_moe.experts.3.w3.weight')![10 * 128 + 7]);
    expect(weights.embedding[3 * 128 + 1]).toBe(tensors.get('model.embed_tokens.weight')![3 * 128 + 1]);

    const model = new MoeModel(weights, backend);
    const result = model.step([{ cache: model.createCache(3), tokens: [1, 2, 3], logits: 'last' }]);
    expect(result.logits.length).toBe(512);
    expect(result.logits.every(Number.isFinite)).toBe(true);
  });

  it('ties the LM head to the embedding when lm_head.weight is absent', () => {
    const { file, tensors } = tinyCheckpoint({ withLmHead: false });
    const weights = loadSafetensorsWeights(file, TINY_SHAPE, backend, { format: 'fp32' });
    expect(column(backend, weights.lmHead, 0)[9]).toBe(tensors.get('model.embed_tokens.weight')![9 * 128]);
  });

  it('names the tensor whose shape is wrong, and the one that is missing', () => {
    const wrong = { name: 'model.layers.1.self_attn.k_proj.weight', shape: [128, 128], values: new Float32Array(128 * 128) };
    expect(() => loadSafetensorsWeights(tinyCheckpoint({ override: wrong }).file, TINY_SHAPE, backend, { format: 'int8' })).toThrow(
      'checkpoint: tensor "model.layers.1.self_attn.k_proj.weight" has shape [128, 128], expected [64, 128]',
    );
    expect(() => loadSafetensorsWeights(tinyCheckpoint({ omit: 'model.layers.0.block_sparse_moe.experts.2.w2.weight' }).file, TINY_SHAPE, backend, { format: 'fp32' })).toThrow(
      'checkpoint: tensor "model.layers.0.block_sparse_moe.experts.2.w2.weight" is missing (expected shape [128, 256])',
    );
  });

  it('reads BF16, F16 and I8 tensors from a hand-built header', () => {
    // BF16 0x3fc0 = 1.5; F16 0xc500 = −5 (sign 1, exponent 17 − 15 = 2, mantissa 1.25 → −5); I8 0xfe = −2.
    const header = JSON.stringify({
      a: { dtype: 'BF16', shape: [1], data_offsets: [0, 2] },
      b: { dtype: 'F16', shape: [1], data_offsets: [2, 4] },
      c: { dtype: 'I8', shape: [1], data_offsets: [4, 5] },
    });
    const headerBytes = new TextEncoder().encode(header);
    const file = new Uint8Array(8 + headerBytes.length + 5);
    new DataView(file.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
    file.set(headerBytes, 8);
    file.set([0xc0, 0x3f, 0x00, 0xc5, 0xfe], 8 + headerBytes.length);
    const tensors = parseSafetensors(file);
    expect(Array.from(tensorToFloat32(tensors.get('a')!))).toEqual([1.5]);
    expect(Array.from(tensorToFloat32(tensors.get('b')!))).toEqual([-5]);
    expect(Array.from(tensorToFloat32(tensors.get('c')!))).toEqual([-2]);
  });

  it('refuses a header length that runs past the end of the file', () => {
    const file = new Uint8Array(16);
    new DataView(file.buffer).setBigUint64(0, 1000n, true);
    expect(() => parseSafetensors(file)).toThrow('safetensors: header length 1000 does not fit in a file of 16 bytes');
  });
});
