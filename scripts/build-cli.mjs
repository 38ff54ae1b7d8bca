// Bundles the CLI and its worker thread into dist/cli/ with esbuild. Node 20 cannot
// run TypeScript (nor hand a .ts file to worker_threads), so the command line runs
// from these two bundles; bin/headroom.mjs rebuilds them when a source is newer.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'simulation/hosts/cliEntry.ts', 'node.worker': 'simulation/hosts/node.worker.ts' },
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // CommonJS dependencies bundled into ESM (yaml's Node build requires "process") need a require.
    banner: { js: "import { createRequire as headroomCreateRequire } from 'node:module'; const require = headroomCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    write: false,
  });
  // Each file lands by rename: a CLI started while another rebuilds never loads half a bundle.
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
