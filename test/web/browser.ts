// The system's headless Chromium (Debian's `chromium`, installed by scripts/install-browser.sh),
// driven by playwright-core, which never downloads a browser of its own.

import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** The chromium binary: $SEGFS_CHROMIUM, else chromium or chromium-browser on PATH. */
export function findChromium(): string | undefined {
  const env = process.env.SEGFS_CHROMIUM;
  if (env) return env;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p !== '') return p;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export function launch(executablePath: string): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
