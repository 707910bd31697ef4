import { describe, expect, it } from 'vitest';
import {
  csvNum,
  pBoundary,
  fixed,
  pct,
  pct0,
  pct2,
  pctExact,
  pEquals,
  percentRange,
  points,
  pointsInterval,
  pointsUnsigned,
  pValue,
  scoreValuesText,
  sig3,
} from '../../src/wording/numbers.js';

describe('number formats (one module for every output)', () => {
  it('percent: 1 decimal by default, 2 where reachability is at stake, 0 for rough probabilities', () => {
    expect(pct(0.8243)).toBe('82.4%');
    expect(pct(null)).toBe('n/a');
    expect(pct2(44 / 54)).toBe('81.48%');
    expect(pct0(0.031)).toBe('3%');
    expect(pctExact(0.824)).toBe('82.4%');
    expect(pctExact(1 / 3)).toBe('33.3333%');
    expect(scoreValuesText([0, 0.5, 1])).toBe('0/0.5/1');
  });

  it('rounds half away from zero as toFixed does on the binary value, and never prints -0', () => {
    expect(fixed(-0.0001, 1)).toBe('0.0');
    expect(fixed(-0, 2)).toBe('0.00');
    expect(pct(-0.0004)).toBe('0.0%');
    expect(pct2(-0.00004)).toBe('0.00%');
    expect(points(-0.0004)).toBe('0.0');
    expect(points(0.0004)).toBe('0.0');
    expect(pointsUnsigned(-0.0004)).toBe('0.0');
    expect(sig3(-0.0000001)).toBe('-1.00e-7');
    expect(fixed(0.125, 2)).toBe('0.13');
    expect(fixed(2.675, 2)).toBe('2.67'); // 2.675 is 2.67499999… in binary
  });

  it('one minus sign everywhere: the ASCII hyphen-minus', () => {
    expect(points(-0.123)).toBe('-12.3');
    expect(points(0.123)).toBe('+12.3');
    expect(points(-0.08333, 2)).toBe('-8.33');
    expect(pointsUnsigned(-0.05)).toBe('-5.0');
    expect(pointsInterval({ low: -0.041, high: 0.205 })).toBe('[-4.1, +20.5]');
    expect(percentRange({ low: -0.041, high: 0.205 })).toBe('[-4.1, 20.5]');
    expect(csvNum(-0.5, 3)).toBe('-0.500');
    for (const s of [points(-0.5), pointsUnsigned(-0.5), fixed(-1, 1), sig3(-2.5)]) expect(s).not.toMatch(/\u2212/);
  });

  it('p-values: 3 decimals, "< 0.001" below, and "p = …" / "p < 0.001" in sentences', () => {
    expect(pValue(0.0183)).toBe('0.018');
    expect(pValue(0.35)).toBe('0.350');
    expect(pValue(0.001)).toBe('0.001');
    expect(pValue(0.000999)).toBe('< 0.001');
    expect(pValue(null)).toBe('n/a');
    expect(pEquals(0.0183)).toBe('p = 0.018');
    expect(pEquals(0.00002)).toBe('p < 0.001');
    expect(pEquals(1)).toBe('p = 1.000');
  });

  it('test statistics: 3 significant digits', () => {
    expect(sig3(2.3456)).toBe('2.35');
    expect(sig3(12.345)).toBe('12.3');
  });
  it('nominal p boundaries: 4 decimals, scientific below 0.001', () => {
    expect(pBoundary(0.0030452634571152)).toBe('0.0030');
    expect(pBoundary(0.044000070126)).toBe('0.0440');
    expect(pBoundary(0.0000147336)).toBe('1.5e-5');
    expect(pBoundary(8.47e-13)).toBe('8.5e-13');
  });
});
