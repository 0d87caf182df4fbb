import { createKernelBackend } from './create-backend.js';

const MISSING = '/nonexistent/capsim_kernels.node';

describe('createKernelBackend: falling back when the native addon is missing', () => {
  it("'auto' with a missing addon returns the reference backend and warns exactly once", () => {
    const warnings: string[] = [];
    const backend = createKernelBackend({ kind: 'auto', addonPath: MISSING, warn: (m) => warnings.push(m), env: {} });
    expect(backend.name).toBe('reference');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/reference kernels.*addon not found/);
  });

  it("'auto' throws instead of falling back when CAPSIM_REQUIRE_NATIVE=1 (CI must not run slow kernels silently)", () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(() => createKernelBackend({ kind: 'auto', addonPath: MISSING, warn, env: { CAPSIM_REQUIRE_NATIVE: '1' } })).toThrow(/CAPSIM_REQUIRE_NATIVE=1/);
    expect(warnings).toEqual([]);
  });

  it("'native' with a missing addon throws a clear error instead of falling back", () => {
    expect(() => createKernelBackend({ kind: 'native', addonPath: MISSING })).toThrow(/addon not found/);
  });

  it("'reference' never touches the addon; a bad thread count is a RangeError", () => {
    expect(createKernelBackend({ kind: 'reference', addonPath: MISSING }).name).toBe('reference');
    expect(() => createKernelBackend({ kind: 'reference', threads: 0 })).toThrow(/threads/);
  });
});
