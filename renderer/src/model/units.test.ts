/** Units as shown versus as stored, and parsing what people type. */
import { describe, expect, it } from 'vitest';
import { fromDisplay, parseTyped, toDisplay } from './units';

describe('units', () => {
  it('shows seconds as milliseconds and fractions as percent, without float noise', () => {
    expect(toDisplay(0.3, 'ms')).toBe(300);
    expect(toDisplay(0.0005, 'ms')).toBe(0.5);
    expect(toDisplay(0.07, 'percent')).toBe(7);
    expect(toDisplay(0.001, 'percent')).toBe(0.1);
    expect(toDisplay(120, 'rps')).toBe(120);
  });
  it('stores milliseconds as seconds and percent as fractions', () => {
    expect(fromDisplay(20, 'ms')).toBe(0.02);
    expect(fromDisplay(0.1, 'ms')).toBe(0.0001);
    expect(fromDisplay(85, 'percent')).toBe(0.85);
    expect(fromDisplay(15, 's')).toBe(15);
  });
  it('round-trips', () => {
    for (const v of [0.001, 0.0123, 1.5, 0.3]) expect(fromDisplay(toDisplay(v, 'ms'), 'ms')).toBe(v);
  });
  it('parses typed numbers: empty is unset, comma decimals and thousands separators', () => {
    expect(parseTyped('')).toBeUndefined();
    expect(parseTyped('  ')).toBeUndefined();
    expect(parseTyped('12.5')).toBe(12.5);
    expect(parseTyped('12,5')).toBe(12.5);
    expect(parseTyped('1,200')).toBe(1200);
    expect(parseTyped('1 200')).toBe(1200);
    expect(parseTyped('abc')).toBeNull();
  });
});
