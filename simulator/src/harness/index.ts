export * from './format-table.js';
export * from './machine.js';
export * from './progress-bar.js';
export * from './run-engine-sweep.js';
export * from './sweep-plan.js';
export * from './synthetic-context.js';
