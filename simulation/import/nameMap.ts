/**
 * The `NAME=NODE_ID` pairs both imports take (`--map` on the command line, the names
 * field of the app's import dialog): a service or workload name onto a node id.
 */

/** The pair one entry names, or null when it is not NAME=NODE_ID with a valid id. */
export function nameMapEntry(entry: string): { name: string; node: string } | null {
  const eq = entry.lastIndexOf('=');
  const name = entry.slice(0, eq).trim();
  const node = entry.slice(eq + 1).trim();
  // __proto__ as a key would set the map's prototype instead of an entry.
  if (eq <= 0 || name === '' || !/^[A-Za-z0-9_-]+$/.test(node) || node === '__proto__' || name === '__proto__') return null;
  return { name, node };
}

/** Every entry as a map, or the first entry that is not a pair. */
export function nameMap(entries: readonly string[]): { map: Record<string, string> } | { bad: string } {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const pair = nameMapEntry(entry);
    if (!pair) return { bad: entry };
    map[pair.name] = pair.node;
  }
  return { map };
}
