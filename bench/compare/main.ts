// `npm run bench:compare`: the server comparison on its own; exits non-zero with the reason
// when a server, the compiler or the load generator fails.

import { optionsFromEnv, runCompare } from './compare.js';

try {
  await runCompare(optionsFromEnv());
} catch (e) {
  process.stderr.write(`bench compare: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
