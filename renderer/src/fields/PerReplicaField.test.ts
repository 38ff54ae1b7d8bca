import { describe, expect, it } from 'vitest';
import { parsePerReplica } from './PerReplicaField';

describe('per-replica list', () => {
  it('reads numbers separated by commas or spaces, and refuses anything not positive', () => {
    expect(parsePerReplica('3, 1, 1')).toEqual([3, 1, 1]);
    expect(parsePerReplica(' 2 1.5，0.5 ')).toEqual([2, 1.5, 0.5]);
    expect(parsePerReplica('')).toEqual([]);
    expect(parsePerReplica('3, 0')).toBeNull();
    expect(parsePerReplica('3, x')).toBeNull();
    expect(parsePerReplica('-1')).toBeNull();
  });
});
