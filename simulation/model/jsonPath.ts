/**
 * JSON paths as the validator prints them (`nodes[2].workers`), apart from the override
 * paths of paths.ts so that the value limits, which the schema reads, can name a place
 * in the file without importing the schema back.
 */
const plainKey = /^[A-Za-z0-9_-]+$/;

/**
 * Formats a JSON path as the validator prints it: `nodes[2].work.mean`, `mix.checkout`;
 * keys that are not plain identifiers are bracketed and quoted (`mix["a b"]`). The root is ''.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (plainKey.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
