import type { ValidationCase } from '../case-types.js';
import { V1 } from './v1-deepseek-v3-fp8-prefill-ep32-4x8-h100.js';
import { V2 } from './v2-deepseek-v3-fp8-decode-ep72-9x8-h100.js';
import { V3 } from './v3-llama-3.3-70b-fp8-2x-h100-tp2.js';
import { V4 } from './v4-qwen3-235b-a22b-fp4-8x-b200-tp8.js';
import { V5 } from './v5-qwen3-30b-a3b-fp4-1x-b200.js';
import { V6_PREFILL } from './v6-qwen3-30b-a3b-bf16-h20-prefill.js';
import { V6_DECODE } from './v6-qwen3-30b-a3b-bf16-h20-decode.js';
import { K1_K2 } from './k1-k2-llama-2-70b-gate-up-a100.js';

/** Every published case of shared/validation/PUBLISHED.md, in its order. */
export const VALIDATION_CASES: readonly ValidationCase[] = [V1, V2, V3, V4, V5, V6_PREFILL, V6_DECODE, K1_K2];
