/**
 * Writes assets/schema/scenario-v1.schema.json from the zod schema
 * (simulation/model/jsonSchema.ts). Node 20 cannot import TypeScript, so the module is
 * bundled in memory with esbuild and imported from a data: URL; zod is bundled in, so
 * nothing is written anywhere but the schema file. `npm run schema`; a test fails
 * when the committed file is stale.
 */
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = new URL('../assets/schema/scenario-v1.schema.json', import.meta.url);

const bundle = await build({
  entryPoints: [`${root}simulation/model/jsonSchema.ts`],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const { scenarioJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
await writeFile(out, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.error(`wrote ${fileURLToPath(out)}`);
