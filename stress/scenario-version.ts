// Scenario: Tversion in the middle of a session (version(5): it aborts all outstanding I/O
// and clunks every fid). Each round opens the canary, pipelines reads, then a Tversion that
// may change the dialect. Rules: every reply to an earlier request arrives before the
// Rversion; afterwards the old fids are unknown, the attach fid can be attached afresh, and
// the canary reads right in the new dialect.

import { DIALECTS, MsgType, NOFID, NONUNAME, NOTAG, type Dialect } from '../src/public/9p.js';
import { CANARY, marks, pick, randInt, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mismatchAt } from './pattern.js';
import { RawConn } from './raw-conn.js';
import { NinepError, Session } from './session.js';

export const versionReset: Scenario = {
  name: 'version',
  what: 'Tversion mid-session, with reads outstanding and a change of dialect',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const rounds = ctx.short ? 60 : 1000;
    const maxMs = ctx.short ? 5000 : 60_000;
    const violations: string[] = [];
    let lateDropped = 0;
    let round = 0;
    const t0 = Date.now();
    for (; round < rounds && Date.now() - t0 < maxMs && violations.length < 20; round++) {
      const from = DIALECTS[round % 3]!;
      const to = pick(ctx.rng, DIALECTS);
      try {
        lateDropped += await oneRound(ctx, from, to, (s) => violations.push(`${from} → ${to}, round ${round}: ${s}`));
      } catch (e) {
        violations.push(`${from} → ${to}, round ${round}: ${(e as Error).message}`);
      }
    }
    const r = ctx.report;
    r.figure('sessions reset by Tversion', round);
    r.figure('reads dropped unanswered by the reset', lateDropped);
    r.check('replies precede Rversion; old fids gone; fresh attach reads right', violations.length === 0, violations);
    serverChecks(ctx, m);
  },
};

/** One round; returns how many pipelined reads were dropped unanswered. */
async function oneRound(ctx: Ctx, from: Dialect, to: Dialect, wrong: (s: string) => void): Promise<number> {
  const conn = await RawConn.connect(ctx.server.port, ctx.audit, from);
  try {
    await conn.version(from, 65536);
    const s = new Session(conn, from, 'versioner');
    await s.call({ type: MsgType.Tattach, fid: 0, afid: NOFID, uname: 'versioner', aname: '', nUname: NONUNAME }, MsgType.Rattach);
    const fid = await s.walk([CANARY.name, 'data']);
    await s.open(fid, 0);
    conn.logging = true;
    const n = randInt(ctx.rng, 100);
    conn.socket.cork();
    for (let i = 0; i < n; i++) conn.send({ type: MsgType.Tread, tag: 100 + i, fid, offset: BigInt(i * 512), count: 32768 });
    conn.socket.uncork();
    const rv = await conn.rpc({ type: MsgType.Tversion, msize: 65536, version: to }, 10000, NOTAG);
    if (rv.type !== MsgType.Rversion || rv.version !== to) { wrong(`Tversion answered ${MsgType[rv.type]}`); return 0; }
    await sleep(randInt(ctx.rng, 3));
    const vseq = conn.log.findIndex((a) => a.type === MsgType.Rversion);
    const answered = new Set<number>();
    for (const a of conn.log) {
      if (a.tag < 100 || a.tag >= 100 + n) continue;
      if (a.seq > vseq) wrong(`reply to tag ${a.tag} came after the Rversion`);
      answered.add(a.tag);
    }
    const after = new Session(conn, to, 'versioner');
    for (const stale of [fid, 0]) {
      try {
        await after.call({ type: MsgType.Tclunk, fid: stale }, MsgType.Rclunk);
        wrong(`fid ${stale} still known after Tversion`);
      } catch (e) {
        if (!(e instanceof NinepError)) throw e;
      }
    }
    await after.call({ type: MsgType.Tattach, fid: 0, afid: NOFID, uname: 'versioner', aname: '', nUname: NONUNAME }, MsgType.Rattach);
    const f2 = await after.walk([CANARY.name, 'data']);
    await after.open(f2, 0);
    const data = await after.read(f2, 8192, 4096);
    if (data.length !== 4096 || mismatchAt(CANARY.key, 8192, data) >= 0) wrong('canary read wrong after the reset');
    return n - answered.size;
  } finally {
    conn.destroy();
  }
}
