// Scenario: slow readers. Clients that never read their socket flood Treads of the whole
// canary (about 1 MiB per reply) while another client reads 4 KiB every 10 ms; that client's
// latency is measured before and during the flood, with the server's RSS. Check: the other
// client's every request is answered with the right bytes (its latency is reported).

import { MsgType, NOFID, NONUNAME } from '../src/public/9p.js';
import { CANARY, marks, randInt, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mismatchAt } from './pattern.js';
import { RawConn } from './raw-conn.js';
import { mib, ms, percentile } from './report.js';
import { Session } from './session.js';

export const slowReader: Scenario = {
  name: 'slow-reader',
  what: 'clients that never read their socket flood Treads; another client\'s latency meanwhile',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const slowClients = ctx.short ? 2 : 8;
    const reads = ctx.short ? 1000 : 5000;
    const phaseMs = ctx.short ? 2000 : 10_000;
    const probe = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', 'prober', 65536);
    const pfid = await probe.openFile(CANARY.name, 'data', 0);
    const errors: string[] = [];
    const measure = async (until: number): Promise<number[]> => {
      const lat: number[] = [];
      while (Date.now() < until) {
        const off = randInt(ctx.rng, CANARY.length - 4096);
        const t = performance.now();
        try {
          const d = await probe.read(pfid, off, 4096);
          lat.push(performance.now() - t);
          if (d.length !== 4096 || mismatchAt(CANARY.key, off, d) >= 0) errors.push(`probe read at ${off} wrong`);
        } catch (e) {
          errors.push((e as Error).message);
          break;
        }
        await sleep(10);
      }
      return lat;
    };
    const rss0 = ctx.server.rss();
    const before = await measure(Date.now() + phaseMs / 2);
    const slow: RawConn[] = [];
    for (let c = 0; c < slowClients; c++) {
      const conn = await RawConn.connect(ctx.server.port, ctx.audit, '9P2000.L');
      await conn.version('9P2000.L', 1 << 20);
      conn.send({ type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'slow', aname: '', nUname: NONUNAME });
      conn.send({ type: MsgType.Twalk, tag: 2, fid: 0, newfid: 1, wname: [CANARY.name, 'data'] });
      conn.send({ type: MsgType.Tlopen, tag: 3, fid: 1, flags: 0 });
      conn.socket.pause();
      conn.socket.cork();
      for (let i = 0; i < reads; i++) conn.send({ type: MsgType.Tread, tag: 10 + i, fid: 1, offset: 0n, count: 1 << 20 });
      conn.socket.uncork();
      slow.push(conn);
    }
    let rssPeak = ctx.server.rss();
    const during = measure(Date.now() + phaseMs);
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, ctx.server.rss()); }, 100);
    const lat = await during;
    clearInterval(sampler);
    for (const c of slow) c.destroy();
    await probe.clunk(pfid);
    probe.close();
    await sleep(200);
    const r = ctx.report;
    r.figure('slow clients × Treads each', `${slowClients} × ${reads} of ~1 MiB, never read`);
    r.figure('probe before: samples p50/p99/max', `${before.length}  ${ms(percentile(before, 50))} / ${ms(percentile(before, 99))} / ${ms(Math.max(...before))}`);
    r.figure('probe during: samples p50/p99/max', `${lat.length}  ${ms(percentile(lat, 50))} / ${ms(percentile(lat, 99))} / ${ms(Math.max(...lat))}`);
    r.figure('server RSS before / peak during', `${mib(rss0)} / ${mib(rssPeak)}`);
    r.check('the probe was answered right throughout', errors.length === 0 && lat.length > 0, errors);
    serverChecks(ctx, m);
  },
};
