// The web view (docs/web.md): `segfs serve --http` in a child process, pages in the system's
// headless Chromium (skipped without one).
// - latency: 9P mkdir + `va` until the page has drawn the new #g row (median, max of 100);
// - page size: every file the page loads, in bytes;
// - server CPU (utime+stime of the child) for 10,000 #p ctl commands with no web view, with
//   the web view and no page, and with 10 pages watching;
// - first render with 100 #g segments and 1,000 processes: navigation start to the picture in
//   the document, in the headless browser (median and max of 5 loads).

import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { findChromium, launch } from '../test/web/browser.js';
import { startCliServer } from '../test/web/cli-server.js';
import { Driver } from '../test/web/driver.js';
import { PAGE_FILES } from '../src/web/static.js';

const bin = fileURLToPath(new URL('../bin/segfs.js', import.meta.url));
const TICK_S = 100; // USER_HZ on Linux

function cpuSeconds(child: ChildProcess): number {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK_S;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const now = (): number => performance.timeOrigin + performance.now();

/** 10,000 ctl commands from 4 concurrent streams, each on its own process. */
async function busy(d: Driver, n = 10_000): Promise<number> {
  const pids = [await d.clone(), await d.clone(), await d.clone(), await d.clone()];
  const t0 = performance.now();
  await Promise.all(pids.map(async (pid, k) => {
    for (let i = 0; i < n / pids.length; i++) {
      await d.ctl(pid, i % 2 === 0 ? `segalloc 0x${(0x10000000 + k * 0x100000).toString(16)} 0x1000 rw` : `segfree 0x${(0x10000000 + k * 0x100000).toString(16)} 0x1000`);
    }
  }));
  return performance.now() - t0;
}

async function plainServer(): Promise<{ child: ChildProcess; ninep: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--listen', 'tcp!127.0.0.1!0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ninep = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b; const m = /serving #g on (\S+)/.exec(out); if (m) resolve(m[1]!); });
  });
  return { child, ninep };
}

export async function run(): Promise<void> {
  const chromium = findChromium();
  if (chromium === undefined) {
    console.log('web: skipped: chromium not found (scripts/install-browser.sh)');
    return;
  }
  const browser = await launch(chromium);
  try {
    // Page size.
    {
      const s = await startCliServer();
      let total = 0;
      const parts: string[] = [];
      for (const path of PAGE_FILES) {
        const n = (await (await fetch(new URL(path.slice(1), s.url))).arrayBuffer()).byteLength;
        total += n;
        parts.push(`${path} ${n}`);
      }
      console.log(`page size: ${total} bytes in ${PAGE_FILES.length} files (${parts.join(', ')}), uncompressed`);
      await s.stop();
    }

    // Latency: mkdir + va → the row on the page.
    {
      const s = await startCliServer();
      const d = await Driver.connect(s.ninep);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(s.url);
      await page.waitForSelector('#status.live');
      const lat: number[] = [];
      for (let i = 0; i < 100; i++) {
        const name = `lat${i}`;
        await page.evaluate((n) => {
          const w = window as unknown as { seen: Promise<number> };
          w.seen = new Promise((resolve) => {
            const check = (): void => {
              if (document.querySelector(`#globals tr[data-name="${n}"]:not([data-va="0x0"])`)) resolve(performance.timeOrigin + performance.now());
              else document.addEventListener('segfs:render', check, { once: true });
            };
            check();
          });
        }, name);
        const t0 = now();
        await d.segment(name, 0x40000000 + i * 0x10000, 0x1000);
        const t1 = await page.evaluate(() => (window as unknown as { seen: Promise<number> }).seen);
        lat.push(t1 - t0);
        await d.rmseg(name);
      }
      console.log(`latency 9P mkdir+va -> page: median ${median(lat).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms (100 runs)`);
      await page.close();
      await d.close();
      await s.stop();
    }

    // Server CPU while busy.
    for (const pages of [-1, 0, 10]) {
      let child: ChildProcess;
      let ninep: string;
      let url: string | undefined;
      let stop: () => Promise<void>;
      if (pages < 0) {
        ({ child, ninep } = await plainServer());
        stop = () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); });
      } else {
        const s = await startCliServer();
        ({ child, ninep, url } = s);
        stop = s.stop;
      }
      const open: Page[] = [];
      for (let i = 0; i < pages; i++) {
        const p = await browser.newPage({ viewport: { width: 1200, height: 800 } });
        await p.goto(url!);
        await p.waitForSelector('#status.live');
        open.push(p);
      }
      const d = await Driver.connect(ninep);
      const c0 = cpuSeconds(child);
      const ms = await busy(d);
      await new Promise((r) => setTimeout(r, 200));
      const c1 = cpuSeconds(child);
      const label = pages < 0 ? 'no --http' : `--http, ${pages} pages`;
      console.log(`server CPU for 10,000 ctl commands (${label}): ${(c1 - c0).toFixed(2)} s CPU in ${(ms / 1000).toFixed(2)} s wall`);
      for (const p of open) await p.close();
      await d.close();
      await stop();
    }

    // First render with 100 #g segments and 1,000 processes: made as eve, since one other
    // user may make at most 256 processes (#p's maxProcsPerUser)
    {
      const s = await startCliServer();
      const d = await Driver.connect(s.ninep, 'eve');
      const shadows: number[] = [];
      for (let i = 0; i < 100; i++) await d.segment(`g${i}`, 0x100000000 + i * 0x100000, 0x1000 << (i % 8));
      const scene = await (await fetch(new URL('scene.json', s.url))).json() as { scene: { globals: Record<string, { shadow: number }> } };
      for (const g of Object.values(scene.scene.globals)) shadows.push(g.shadow);
      for (let i = 0; i < 1000; i++) {
        const pid = await d.clone();
        await d.ctl(pid, `segalloc 0x${(0x10000000 + (i % 50) * 0x10000).toString(16)} 0x${(0x1000 * (1 + (i % 7))).toString(16)} rw`);
        await d.ctl(pid, `segalloc 0x${(0x100000000 + (i % 100) * 0x100000).toString(16)} 0x1000 rw shadow=${shadows[i % 100]}`);
      }
      const bytes = (await (await fetch(new URL('scene.json', s.url))).arrayBuffer()).byteLength;
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(s.url);
        await page.waitForFunction(() => document.documentElement.dataset.firstRender !== undefined, undefined, { timeout: 30_000 });
        times.push(Number(await page.evaluate(() => document.documentElement.dataset.firstRender)));
        const rows = await page.getAttribute('#svgbox svg', 'data-rows');
        if (k === 0) console.log(`first render scene: ${rows} process rows, ${await page.$$eval('.seg', (e) => e.length)} blocks, snapshot ${bytes} bytes`);
        await page.close();
      }
      console.log(`first render, 100 #g segments and 1,000 processes: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (navigation start to the picture in the document, 5 loads)`);
      await d.close();
      await s.stop();
    }
  } finally {
    await browser.close();
  }
}
