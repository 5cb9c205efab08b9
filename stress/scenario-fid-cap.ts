// Scenario: memory of one connection at the fid cap. One 9P2000.L connection walks fids
// until it holds 16,384 (the server's default cap per connection, counting the attach fid) to the
// canary's data file; the server's RSS is read before, at the cap, and after the connection
// closes. Check: every fid up to the cap is granted and the next is refused (EMFILE).

import { MsgType } from '../src/public/9p.js';
import { CANARY, marks, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mib } from './report.js';
import { NinepError, Session } from './session.js';

/** The server's fids per connection. */
/** The server's default fid cap per connection (segfs serve --max-fids). */
const FID_CAP = 16384;
const EMFILE = 24;

export const fidCap: Scenario = {
  name: 'fid-cap',
  what: 'one connection walks 16,384 fids; the server\'s RSS per connection at the cap',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    await sleep(500);
    const before = ctx.server.rss();
    const s = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', 'fidder', 65536);
    const errors: string[] = [];
    const t0 = Date.now();
    let next = 1;
    await Promise.all(Array.from({ length: 256 }, async () => {
      while (next < FID_CAP && errors.length < 10) {
        const newfid = next++;
        try {
          const r = await s.call({ type: MsgType.Twalk, fid: 0, newfid, wname: [CANARY.name, 'data'] }, MsgType.Rwalk);
          if (r.wqid.length !== 2) errors.push(`walk to fid ${newfid}: ${r.wqid.length} qids`);
        } catch (e) {
          errors.push(`walk to fid ${newfid}: ${(e as Error).message}`);
        }
      }
    }));
    const secs = (Date.now() - t0) / 1000;
    await sleep(200);
    const atCap = ctx.server.rss();
    let refusal = 'granted';
    try {
      await s.call({ type: MsgType.Twalk, fid: 0, newfid: FID_CAP, wname: [CANARY.name, 'data'] }, MsgType.Rwalk);
    } catch (e) {
      refusal = e instanceof NinepError && e.errno === EMFILE ? 'EMFILE' : (e as Error).message;
    }
    s.close();
    await sleep(ctx.short ? 1000 : 3000);
    const afterClose = ctx.server.rss();
    const r = ctx.report;
    r.figure('fids walked', `${FID_CAP} (attach + ${FID_CAP - 1} walks in ${secs.toFixed(1)} s)`);
    r.figure('RSS before / at the cap / after close', `${mib(before)} / ${mib(atCap)} / ${mib(afterClose)}`);
    r.figure('memory per connection at the cap', `${mib(atCap - before)} (${((atCap - before) / FID_CAP).toFixed(0)} bytes per fid)`);
    r.figure(`fid ${FID_CAP + 1}`, refusal);
    r.check('every fid up to the cap granted, the next refused with EMFILE', errors.length === 0 && refusal === 'EMFILE', [...errors, `the fid past the cap: ${refusal}`]);
    serverChecks(ctx, m);
  },
};
