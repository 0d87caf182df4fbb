import { groupedNumber } from './format-comparison-table.js';

describe('comparison table number format', () => {
  it.each([
    [0, 0, '0'],
    [999, 0, '999'],
    [1000, 0, '1 000'],
    [1_234_567.891, 0, '1 234 568'],
    [1_234_567.891, 2, '1 234 567.89'],
    [-1234.5, 1, '−1 234.5'],
    [-0.001, 2, '0.00'],
  ])('groupedNumber(%p, %p) = %p', (value, decimals, text) => {
    expect(groupedNumber(value, decimals)).toBe(text);
  });
});
