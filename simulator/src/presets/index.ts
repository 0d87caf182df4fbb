export * from './model-shape.js';
export * from './presets.js';
export * from './parameter-count.js';
