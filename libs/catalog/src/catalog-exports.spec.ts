import * as catalog from './index.js';

describe('catalog public API', () => {
  it('exports the data, lookups and version', () => {
    expect(catalog.CATALOG_VERSION).toBe('2026-11-28');
    expect(catalog.listGpus()).toHaveLength(8);
    expect(catalog.listModels()).toHaveLength(7);
    expect(Object.keys(catalog.WEIGHT_FORMATS)).toHaveLength(6);
    expect(Object.keys(catalog.KV_CACHE_FORMATS)).toHaveLength(3);
    for (const fn of [catalog.findGpu, catalog.findModel, catalog.countParameters, catalog.effectiveComputeFormat]) {
      expect(typeof fn).toBe('function');
    }
  });
});
