#!/usr/bin/env node
// segfs command line: dispatches to the subcommands.
import { main } from '../src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`segfs: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
