#!/usr/bin/env node
// The segfs command line. A reader that goes away (EPIPE on stdout) ends the command quietly,
// as for any Unix filter.
import { main } from '../src/cli/main.js';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`segfs: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
