import type { RequestSizeDistribution } from './types.js';

/**
 * Long-context request sizes of the Kimi service, measured on the Mooncake trace
 * (shared/traces/mooncake-synthetic.jsonl, kvcache-ai/Mooncake FAST25-release, 3 993 requests):
 * input_length mean 15 325 tokens (CV 1.20, median 11 587, p90 38 615, max 191 378);
 * output_length mean 149 tokens (CV 1.19, median 69, p90 389). Population std / mean.
 * Long documents in, short answers out: 99 % of the tokens are prompt tokens.
 */
export const MOONCAKE_LONG_CONTEXT_REQUEST_SIZES: RequestSizeDistribution = Object.freeze({
  meanPromptTokens: 15_325,
  promptTokensCv: 1.2,
  meanOutputTokens: 149,
  outputTokensCv: 1.19,
});

/**
 * Short conversational request sizes, measured on the Azure LLM inference trace
 * (shared/traces/azure-2023-conv.csv, November 2023, 19 366 requests): ContextTokens mean 1 155
 * (CV 0.96, median 1 020, p90 2 735); GeneratedTokens mean 211 (CV 0.77, median 129, p90 424).
 */
export const AZURE_CONVERSATION_REQUEST_SIZES: RequestSizeDistribution = Object.freeze({
  meanPromptTokens: 1_155,
  promptTokensCv: 0.96,
  meanOutputTokens: 211,
  outputTokensCv: 0.77,
});

/**
 * Code-completion request sizes, measured on shared/traces/azure-2023-code.csv (8 819 requests):
 * ContextTokens mean 2 048 (CV 0.96); GeneratedTokens mean 28 (CV 2.15).
 */
export const AZURE_CODE_REQUEST_SIZES: RequestSizeDistribution = Object.freeze({
  meanPromptTokens: 2_048,
  promptTokensCv: 0.96,
  meanOutputTokens: 28,
  outputTokensCv: 2.15,
});
