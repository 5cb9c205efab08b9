// `npm run test:web`: the browser test (page.web.ts) under mocha when Chromium is installed.
// Without it the run fails under CI=true and is skipped with a plain message otherwise;
// scripts/install-browser.sh installs it.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './browser.js';

const chromium = findChromium();
if (chromium === undefined) {
  if (process.env.CI === 'true') {
    console.error('test:web: chromium not found; CI must run scripts/install-browser.sh first');
    process.exit(1);
  }
  console.log('test:web: skipped: chromium not found (install it with scripts/install-browser.sh)');
  process.exit(0);
}
const mocha = fileURLToPath(new URL('../../../node_modules/mocha/bin/mocha.js', import.meta.url));
const spec = fileURLToPath(new URL('./page.web.js', import.meta.url));
const r = spawnSync(process.execPath, [mocha, '--no-config', '--reporter', 'spec', '--timeout', '60000', spec], {
  stdio: 'inherit',
  env: { ...process.env, SEGFS_CHROMIUM: chromium },
});
process.exit(r.status ?? 1);
