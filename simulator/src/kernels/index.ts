export type * from './kernel-backend.js';
export { createKernelBackend, type CreateKernelBackendOptions, type KernelBackendKind } from './create-backend.js';
export { createNativeBackend, type NativeBackendOptions } from './native-backend.js';
export { createReferenceBackend } from './reference-backend.js';
export * from './quantize.js';
export { COLS_MULTIPLE, validateMatrixShape, weightBytesOf } from './shape.js';
