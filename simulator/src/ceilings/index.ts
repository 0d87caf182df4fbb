export * from './ceilings.js';
