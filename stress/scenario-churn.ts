// Scenario: segment churn with the server's RSS tracked. N rounds of create a segment, fill
// every byte of it, remove it; VmRSS is read before and after each round and a while after
// the last. The figures are reported; in the long run (30 × 128 MiB) the goal — RSS back
// within 64 MiB of the start — is a check, never in the short CI run.

import { marks, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mib } from './report.js';
import { Session } from './session.js';

/** Most RSS growth the long run accepts after all the churn. */
const GOAL_BYTES = 64 << 20;

export const churn: Scenario = {
  name: 'churn',
  what: 'rounds of create / fill / remove, the server\'s RSS before and after each',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const rounds = ctx.short ? 4 : 30;
    const size = ctx.short ? 16 << 20 : 128 << 20;
    const settleMs = ctx.short ? 2000 : 5000;
    const maxMs = ctx.short ? 20_000 : 300_000;
    const s = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', ctx.server.eve, 1 << 20);
    const chunk = s.conn.msize - 24;
    const fill = Buffer.alloc(chunk);
    for (let i = 0; i < chunk; i++) fill[i] = (i * 7 + 1) & 0xff;
    const start = ctx.server.rss();
    let peak = start;
    const after: number[] = [];
    const t0 = Date.now();
    let done = 0;
    try {
      for (let round = 0; round < rounds && Date.now() - t0 < maxMs; round++) {
        const name = `churn-${round}`;
        await s.makeSegment(name, size);
        const fid = await s.openFile(name, 'data', 1);
        const writes: Promise<number>[] = [];
        for (let off = 0; off < size; off += chunk) {
          writes.push(s.write(fid, off, fill.subarray(0, Math.min(chunk, size - off))));
          if (writes.length >= 4) await writes.shift();
        }
        await Promise.all(writes);
        peak = Math.max(peak, ctx.server.rss());
        await s.clunk(fid);
        await s.removeSegment(name);
        const rss = ctx.server.rss();
        peak = Math.max(peak, rss);
        after.push(rss);
        done++;
      }
    } finally {
      s.close();
    }
    await sleep(settleMs);
    const end = ctx.server.rss();
    const r = ctx.report;
    r.figure('rounds × fill', `${done} × ${mib(size)}`);
    r.figure('RSS start / peak / end', `${mib(start)} / ${mib(peak)} / ${mib(end)} (end read ${settleMs / 1000} s after the last round)`);
    r.figure('RSS after each round', after.map((x) => (x / (1 << 20)).toFixed(0)).join(' ') + ' MiB');
    const goal = end - start <= GOAL_BYTES;
    if (ctx.short) r.figure('goal (within 64 MiB of start)', goal ? 'met' : `not met: +${mib(end - start)}`);
    else r.check(`RSS back within 64 MiB of the start after ${done} rounds`, goal, [`start ${mib(start)}, end ${mib(end)}: +${mib(end - start)}`]);
    serverChecks(ctx, m);
  },
};
