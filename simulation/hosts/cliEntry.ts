/** Process entry of the bundled CLI: runs `main` and turns its answer into the exit code. */
import { main } from './cli';
import { watchParentWhenStartedByNpm } from './parentWatch';

watchParentWhenStartedByNpm();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`headroom: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
