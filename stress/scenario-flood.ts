// Scenario: an idle client's latency under a flood. Eight 9P2000.L clients each send a fixed
// number of Tgetattr and Tread requests, 32 outstanding at a time, while one idle client sends
// one request every 10 ms; its p50/p99/max latency is reported (the goal is p99 ≤ 50 ms; it
// is a figure, not a check). Check: every request of every client is answered without error.

import { MsgType } from '../src/public/9p.js';
import { CANARY, marks, randInt, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { ms, percentile } from './report.js';
import { Session } from './session.js';

const FLOODERS = 8;
const DEPTH = 32;

export const flood: Scenario = {
  name: 'flood',
  what: '8 clients flooding Tgetattr/Tread at depth 32; an idle client\'s latency meanwhile',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const perClient = ctx.short ? 2000 : 10_000;
    const errors: string[] = [];
    const flooders: Session[] = [];
    for (let c = 0; c < FLOODERS; c++) flooders.push(await Session.open(ctx.server.port, ctx.audit, '9P2000.L', `flooder${c}`, 65536));
    const idle = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', 'idler', 65536);
    const ifid = await idle.openFile(CANARY.name, 'data', 0);
    let flooding = true;
    const lat: number[] = [];
    const idleLoop = (async () => {
      for (let i = 0; flooding; i++) {
        const t = performance.now();
        try {
          if (i % 2 === 0) await idle.read(ifid, randInt(ctx.rng, CANARY.length - 4096), 4096);
          else await idle.call({ type: MsgType.Tgetattr, fid: ifid, requestMask: 0x7ffn }, MsgType.Rgetattr);
          lat.push(performance.now() - t);
        } catch (e) {
          errors.push(`idle: ${(e as Error).message}`);
        }
        await sleep(10);
      }
    })();
    const t0 = performance.now();
    await Promise.all(flooders.map(async (s, c) => {
      const fid = await s.openFile(CANARY.name, 'data', 0);
      let left = perClient;
      await Promise.all(Array.from({ length: DEPTH }, async () => {
        while (left > 0) {
          left--;
          try {
            if (left % 2 === 0) await s.read(fid, (left * 4096) % (CANARY.length - 8192), 8192);
            else await s.call({ type: MsgType.Tgetattr, fid, requestMask: 0x7ffn }, MsgType.Rgetattr);
          } catch (e) {
            if (errors.length < 20) errors.push(`flooder ${c}: ${(e as Error).message}`);
          }
        }
      }));
    }));
    const secs = (performance.now() - t0) / 1000;
    flooding = false;
    await idleLoop;
    idle.close();
    for (const s of flooders) s.close();
    const r = ctx.report;
    r.figure('flood', `${FLOODERS} clients × ${perClient} requests, depth ${DEPTH}, in ${secs.toFixed(1)} s (${Math.round((FLOODERS * perClient) / secs)} req/s)`);
    r.figure('idle client samples', lat.length);
    r.figure('idle client p50 / p99 / max', `${ms(percentile(lat, 50))} / ${ms(percentile(lat, 99))} / ${ms(lat.length ? Math.max(...lat) : NaN)}`);
    r.figure('goal p99 ≤ 50 ms', percentile(lat, 99) <= 50 ? 'met' : 'not met');
    r.check('every flood and idle request answered without error', errors.length === 0, errors);
    serverChecks(ctx, m);
  },
};
