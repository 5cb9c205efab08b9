// The segfs command as npm installs it, dist/bundle/segfs.cjs (scripts/bundle-cli.mjs), rebuilt
// once per test run from the current sources so that no test runs a stale bundle.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let built = false;

/** Builds the bundle (once per process) and returns its path. */
export function bundledCommand(): string {
  if (!built) {
    execFileSync(process.execPath, [`${root}scripts/bundle-cli.mjs`], { stdio: ['ignore', 'ignore', 'inherit'] });
    built = true;
  }
  return `${root}dist/bundle/segfs.cjs`;
}
