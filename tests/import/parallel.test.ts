/**
 * Which sync calls of one caller ran at once (simulation/import/parallel.ts): the overlap
 * rule for two calls, the majority rule for two callees, and groups by connection.
 */
import { describe, expect, it } from 'vitest';
import { ParallelTally, callsOverlap, overlapShare, overlapsOfVisit, parallelShare } from '../../simulation/import/parallel';

const call = (to: string, start: number, end: number) => ({ to, start, end });

describe('two calls overlap', () => {
  it('when they run at the same time', () => {
    expect(callsOverlap(call('a', 0, 10), call('b', 1, 9))).toBe(true);
    expect(callsOverlap(call('a', 0, 10), call('b', 0, 10))).toBe(true);
  });

  it('not when one starts after the other ended, nor when they only touch', () => {
    expect(callsOverlap(call('a', 0, 10), call('b', 11, 20))).toBe(false);
    expect(callsOverlap(call('a', 0, 10), call('b', 10, 20))).toBe(false);
  });

  it(`partly: when they share at least ${overlapShare * 100}% of the shorter call`, () => {
    // b lasts 10 and shares 5 with a: exactly half, parallel.
    expect(callsOverlap(call('a', 0, 10), call('b', 5, 15))).toBe(true);
    // b shares 4 of its 10: the next call started a little before the first ended (skew), sequential.
    expect(callsOverlap(call('a', 0, 10), call('b', 6, 16))).toBe(false);
    // A 0.2 ms overlap of two 20 ms calls is clock skew.
    expect(callsOverlap(call('a', 0, 0.02), call('b', 0.0198, 0.0398))).toBe(false);
    // A short call entirely inside a long one overlaps, however short.
    expect(callsOverlap(call('a', 0, 100), call('b', 50, 51))).toBe(true);
  });

  it('not when one of them takes no time', () => {
    expect(callsOverlap(call('a', 0, 10), call('b', 5, 5))).toBe(false);
  });
});

describe('one visit', () => {
  it('names the pairs of callees called at once, and a callee called at once with itself', () => {
    const { pairs, selfParallel } = overlapsOfVisit([call('db', 0, 5), call('search', 6, 16), call('ranker', 7, 15), call('ranker', 8, 14), call('db', 20, 25)]);
    expect([...pairs].map((p) => p.split('\u0000'))).toEqual([['ranker', 'search']]);
    expect([...selfParallel]).toEqual(['ranker']);
  });

  it('one after another: nothing', () => {
    const { pairs, selfParallel } = overlapsOfVisit([call('a', 0, 5), call('b', 5, 9), call('a', 9.001, 12)]);
    expect(pairs.size + selfParallel.size).toBe(0);
  });
});

describe('callees of a caller', () => {
  it('overlapping in every visit: one group of both', () => {
    const t = new ParallelTally();
    for (let i = 0; i < 10; i++) t.add('feed', [call('ranker', i, i + 0.5), call('search', i + 0.1, i + 0.4), call('db', i + 0.6, i + 0.7)]);
    expect(t.groups()).toEqual([{ from: 'feed', group: 'parallel1', members: ['ranker', 'search'] }]);
    expect(t.visits).toBe(10);
  });

  it('in sequence: no group', () => {
    const t = new ParallelTally();
    for (let i = 0; i < 10; i++) t.add('feed', [call('ranker', i, i + 0.3), call('search', i + 0.3, i + 0.6)]);
    expect(t.groups()).toEqual([]);
    expect(t.visits).toBe(0);
  });

  it(`by majority: parallel when at least ${parallelShare * 100}% of the visits calling both overlap them`, () => {
    const mixed = (overlapping: number, of: number) => {
      const t = new ParallelTally();
      for (let i = 0; i < of; i++) t.add('api', i < overlapping ? [call('a', 0, 1), call('b', 0, 1)] : [call('a', 0, 1), call('b', 1, 2)]);
      // Visits that call only one of them do not count against the pair.
      t.add('api', [call('a', 0, 1)]);
      return t.groups().length;
    };
    expect(mixed(5, 10)).toBe(1);
    expect(mixed(4, 10)).toBe(0);
  });

  it('connected pairs make one group; callers are apart', () => {
    const t = new ParallelTally();
    // a with b, b with c (a and c never at once): one group of three, as an edge is in one group at most.
    t.add('api', [call('a', 0, 2), call('b', 1, 4), call('c', 2.5, 5)]);
    t.add('web', [call('x', 0, 1), call('y', 0, 1)]);
    t.add('web', [call('z', 0, 1), call('w', 0, 1)]);
    expect(t.groups()).toEqual([
      { from: 'api', group: 'parallel1', members: ['a', 'b', 'c'] },
      { from: 'web', group: 'parallel1', members: ['w', 'z'] },
      { from: 'web', group: 'parallel2', members: ['x', 'y'] },
    ]);
  });

  it('a callee called at once with itself is counted, not grouped', () => {
    const t = new ParallelTally();
    t.add('feed', [call('ranker', 0, 2), call('ranker', 0.5, 2.5)]);
    expect(t.groups()).toEqual([]);
    expect(t.sameCallee()).toEqual([{ from: 'feed', to: 'ranker', visits: 1 }]);
  });
});
