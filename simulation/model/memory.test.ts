import { describe, expect, it } from 'vitest';
import { formatBytes } from '../findings/bytes';
import { parseBytes, workersThatFit } from './memory';

describe('memory', () => {
  it('fits ⌊(limit − base) ÷ perWorker⌋ workers, none when the base alone is too big', () => {
    expect(workersThatFit({ limit: 2048, base: 512, perWorker: 300 })).toBe(5);
    expect(workersThatFit({ limit: 2048, perWorker: 512 })).toBe(4);
    expect(workersThatFit({ limit: 1000, base: 1000, perWorker: 1 })).toBe(0);
    expect(workersThatFit({ limit: 1000, base: 2000, perWorker: 1 })).toBe(0);
    // Exactly full still fits (no rounding below the last worker).
    expect(workersThatFit({ limit: 0.3 * 10, base: 0, perWorker: 0.1 })).toBe(30);
  });
  it('reads bytes as people write them, decimal and binary', () => {
    expect(parseBytes('512Mi')).toBe(512 * 1024 ** 2);
    expect(parseBytes(' 2 GiB ')).toBe(2 * 1024 ** 3);
    expect(parseBytes('1.5G')).toBe(1.5e9);
    expect(parseBytes('800 MB')).toBe(8e8);
    expect(parseBytes('1,5 gb')).toBe(1.5e9);
    expect(parseBytes('4096')).toBe(4096);
    expect(parseBytes('')).toBeUndefined();
    expect(parseBytes('lots')).toBeNull();
    expect(parseBytes('3 parsecs')).toBeNull();
    expect(parseBytes('-1Gi')).toBeNull();
  });
  it('shows bytes in binary units', () => {
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(1000)).toBe('1000 B');
  });
});
