// Scenario: flush storms. Each round pipelines a few hundred large Treads of the canary on a
// connection that is not being read (so the server's write side backs up and requests wait),
// interleaved with Tflushes for some of them and for tags never used, then reads again.
// Rules (flush(5)): every Tflush is answered with Rflush, never an error; a flushed request's
// reply, if it comes at all, comes before its Rflush; every request not flushed is answered
// once, with the right bytes.

import { DIALECTS, MsgType, NOFID, NONUNAME, type Dialect, type Fcall } from '../src/public/9p.js';
import { CANARY, marks, randInt, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mismatchAt } from './pattern.js';
import { RawConn } from './raw-conn.js';

const READ_COUNT = 60000;

export const flushStorm: Scenario = {
  name: 'flush',
  what: 'Tflush storms on outstanding, finished and unknown tags',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const rounds = ctx.short ? 12 : 200;
    const maxMs = ctx.short ? 8000 : 60_000;
    const violations: string[] = [];
    const t = { requests: 0, flushes: 0, unknownFlushes: 0, flushedUnanswered: 0, flushedAnswered: 0 };
    const t0 = Date.now();
    let round = 0;
    for (; round < rounds && Date.now() - t0 < maxMs; round++) {
      await oneRound(ctx, DIALECTS[round % 3]!, round, t, violations);
      if (violations.length > 20) break;
    }
    const r = ctx.report;
    r.figure('rounds', round);
    r.figure('requests / Tflush (of them unknown tags)', `${t.requests} / ${t.flushes} (${t.unknownFlushes})`);
    r.figure('flushed requests answered / dropped', `${t.flushedAnswered} / ${t.flushedUnanswered}`);
    r.check('every Tflush got Rflush, after its request\'s reply if any; all others answered right', violations.length === 0, violations);
    serverChecks(ctx, m);
  },
};

interface Tally { requests: number; flushes: number; unknownFlushes: number; flushedUnanswered: number; flushedAnswered: number }

async function oneRound(ctx: Ctx, dialect: Dialect, round: number, t: Tally, violations: string[]): Promise<void> {
  const rng = ctx.rng;
  const conn = await RawConn.connect(ctx.server.port, ctx.audit, dialect);
  conn.logging = true;
  const rv = await conn.version(dialect, 65536);
  if (rv.type !== MsgType.Rversion) throw new Error(`Tversion refused: ${MsgType[rv.type]}`);
  const L = dialect === '9P2000.L';
  const setup: Fcall[] = [
    { type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'flusher', aname: '', nUname: NONUNAME },
    { type: MsgType.Twalk, tag: 2, fid: 0, newfid: 1, wname: [CANARY.name, 'data'] },
    L ? { type: MsgType.Tlopen, tag: 3, fid: 1, flags: 0 } : { type: MsgType.Topen, tag: 3, fid: 1, mode: 0 },
  ];
  for (const f of setup) conn.send(f);
  const n = 100 + randInt(rng, 300);
  const offsetOf = (tag: number) => ((tag - 100) * 4099) % (CANARY.length - READ_COUNT);
  const flushOf = new Map<number, number>(); // flush tag -> old tag
  const flushed = new Set<number>();
  let nextFlushTag = 10000;
  const where = `${dialect} round ${round}`;
  const wrong = (s: string) => { if (violations.length <= 20) violations.push(`${where}: ${s}`); };
  conn.onReply = (f) => {
    if (f.type === MsgType.Rread && f.tag >= 100 && f.tag < 100 + n) {
      const off = offsetOf(f.tag);
      if (f.data.length !== READ_COUNT || mismatchAt(CANARY.key, off, f.data) >= 0) wrong(`Rread tag ${f.tag} has wrong bytes`);
    }
  };
  conn.socket.pause();
  conn.socket.cork();
  for (let i = 0; i < n; i++) {
    const tag = 100 + i;
    conn.send({ type: MsgType.Tread, tag, fid: 1, offset: BigInt(offsetOf(tag)), count: READ_COUNT });
    t.requests++;
    if (rng() < 0.3) {
      // a flush for this request, or for one sent a little earlier
      const old = 100 + Math.max(0, i - randInt(rng, 5));
      const ft = nextFlushTag++;
      flushOf.set(ft, old);
      flushed.add(old);
      conn.send({ type: MsgType.Tflush, tag: ft, oldtag: old });
      t.flushes++;
    }
    if (rng() < 0.05) {
      const ft = nextFlushTag++;
      flushOf.set(ft, 30000 + randInt(rng, 20000));
      conn.send({ type: MsgType.Tflush, tag: ft, oldtag: flushOf.get(ft)! });
      t.flushes++;
      t.unknownFlushes++;
    }
  }
  conn.socket.uncork();
  await sleep(randInt(rng, 30));
  conn.socket.resume();
  // done when every Tflush and every request not flushed has its reply (or 15 s pass)
  const need = () => {
    const seen = new Set(conn.log.map((a) => a.tag));
    for (const ft of flushOf.keys()) if (!seen.has(ft)) return true;
    for (let i = 0; i < n; i++) if (!flushed.has(100 + i) && !seen.has(100 + i)) return true;
    return false;
  };
  const deadline = Date.now() + 15000;
  while (need() && Date.now() < deadline && !conn.closed) await sleep(5);
  await sleep(20);
  conn.destroy();
  judge(conn, n, flushOf, flushed, t, wrong);
}

function judge(conn: RawConn, n: number, flushOf: Map<number, number>, flushed: Set<number>, t: Tally, wrong: (s: string) => void): void {
  const first = new Map<number, { seq: number; type: number }>();
  for (const a of conn.log) {
    if (a.tag >= 1 && a.tag <= 3) continue;
    if (first.has(a.tag)) wrong(`tag ${a.tag} answered twice`);
    else first.set(a.tag, a);
  }
  for (const [ft, old] of flushOf) {
    const rf = first.get(ft);
    if (rf === undefined) { wrong(`Tflush tag ${ft} (oldtag ${old}) never answered`); continue; }
    if (rf.type !== MsgType.Rflush) { wrong(`Tflush tag ${ft} answered ${MsgType[rf.type]}`); continue; }
    const ro = first.get(old);
    if (ro !== undefined && ro.seq > rf.seq) wrong(`reply to tag ${old} came after the Rflush for it`);
  }
  for (let i = 0; i < n; i++) {
    const tag = 100 + i;
    const a = first.get(tag);
    if (flushed.has(tag)) {
      if (a === undefined) t.flushedUnanswered++;
      else t.flushedAnswered++;
      continue;
    }
    if (a === undefined) wrong(`Tread tag ${tag} (not flushed) never answered`);
    else if (a.type !== MsgType.Rread) wrong(`Tread tag ${tag} answered ${MsgType[a.type]}`);
  }
}
