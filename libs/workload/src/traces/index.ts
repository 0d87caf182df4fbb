export * from './types.js';
export { TRACE_FORMATS, isTraceFormat, readTrace, readTraceAsync } from './read-trace.js';
export { azureLlmTraceParser, azureTimestampSeconds } from './azure-llm-trace.js';
export { mooncakeTraceParser, MOONCAKE_BLOCK_TOKENS } from './mooncake-trace.js';
export { burstGptTraceParser } from './burstgpt-trace.js';
