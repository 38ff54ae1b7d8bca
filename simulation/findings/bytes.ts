/** Sizes in bytes as sentences and the app show them. */

/** Bytes in the largest binary unit that keeps a value of at least 1 (`1.5 GiB`, `512 MiB`), to 3 significant digits. */
export function formatBytes(bytes: number): string {
  const steps: [number, string][] = [
    [1024 ** 4, 'TiB'],
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, name] of steps) if (Math.abs(bytes) >= size) return `${Number((bytes / size).toPrecision(3))} ${name}`;
  return `${bytes} B`;
}
