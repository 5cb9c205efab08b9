// Runs every *.bench.js beside this file, in name order, each through its exported run().
// `npm run bench` builds first; run it from any out dir (dist/, .build/NAME/). Arguments
// select benches by substring of their file name: `node dist/bench/run.js codec framer`.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (files.length === 0) {
  console.error(`no *.bench.js in ${here}`);
  process.exitCode = 1;
}
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    console.error(`${f}: no exported run()`);
    process.exitCode = 1;
    continue;
  }
  const name = f.replace(/\.bench\.js$/, '');
  console.log(`# ${name}`);
  const t0 = performance.now();
  try {
    await mod.run();
    console.log(`# ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    // one failing bench must not hide the others' figures
    console.error(`# ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
