// Scenario: wire fuzz in 9P2000, 9P2000.u and 9P2000.L. Each batch is one connection: a
// valid prelude (version, attach, a fuzz segment made, fids walked and opened), then frames
// built from valid requests of every type of the dialect, most of them mutated in step
// (bit flips, byte runs, type swaps, truncation, extension, extreme fids/tags/offsets/counts),
// sometimes ended by an out-of-step one (a lying size, a cut frame, an R-type); then the
// client half-closes. After every batch a fresh well-formed session must still read the
// canary's bytes. Checks: the server lives, logs no stack trace, every reply is well formed.

import { DIALECTS, MsgType, NOFID, NONUNAME, encode, type Dialect, type Fcall } from '../src/public/9p.js';
import { DMDIR, OREAD } from '../src/lib9/modes.js';
import {
  CANARY, healthCheck, marks, pick, randInt, removeAllButCanary, serverChecks, type Ctx, type Scenario,
} from './context.js';
import { FUZZ_SEGMENTS, RequestMaker } from './fuzz-requests.js';
import { IN_STEP, OUT_OF_STEP, mutateInStep, mutateOutOfStep } from './fuzz-mutate.js';
import { RawConn } from './raw-conn.js';

/** Frames per batch after the prelude. */
const BATCH = 60;

interface DialectFigures { frames: number; mutated: number; outOfStep: number; batches: number; replies: number; slowClose: number; ms: number }

export const wireFuzz: Scenario = {
  name: 'fuzz',
  what: 'mutated frames from valid requests of every type, three dialects, a health check after each batch',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const maxFrames = ctx.short ? 15_000 : 200_000;
    const maxMs = ctx.short ? 9000 : 150_000;
    const unhealthy: string[] = [];
    const figures = new Map<Dialect, DialectFigures>();
    let batchNo = 0;
    for (const dialect of DIALECTS) {
      const maker = new RequestMaker(ctx.rng, dialect, ctx.server.eve);
      const f: DialectFigures = { frames: 0, mutated: 0, outOfStep: 0, batches: 0, replies: 0, slowClose: 0, ms: 0 };
      figures.set(dialect, f);
      const t0 = Date.now();
      while (f.frames < maxFrames && Date.now() - t0 < maxMs && ctx.server.alive) {
        await oneBatch(ctx, maker, dialect, f, f.batches % 8 === 7);
        const why = await healthCheck(ctx, DIALECTS[batchNo % 3]!, randInt(ctx.rng, CANARY.length - 4096));
        if (why !== undefined) unhealthy.push(`after ${dialect} batch ${f.batches}: ${why}`);
        if (++batchNo % 300 === 0) await removeAllButCanary(ctx);
      }
      f.ms = Date.now() - t0;
    }
    for (const [d, f] of figures) {
      ctx.report.figure(`${d} frames`, `${f.frames} (${f.mutated} mutated, ${f.outOfStep} out of step) in ${f.batches} connections, ${(f.ms / 1000).toFixed(1)} s`);
      ctx.report.figure(`${d} replies`, f.replies);
      if (f.slowClose > 0) ctx.report.figure(`${d} not closed 5 s after the client's end`, f.slowClose);
    }
    ctx.report.figure('segments left by fuzzing, removed', await removeAllButCanary(ctx));
    ctx.report.check('a fresh session reads the canary after every batch', unhealthy.length === 0, unhealthy);
    serverChecks(ctx, m);
  },
};

async function oneBatch(ctx: Ctx, maker: RequestMaker, dialect: Dialect, f: DialectFigures, longName: boolean): Promise<void> {
  const rng = ctx.rng;
  const conn = await RawConn.connect(ctx.server.port, ctx.audit, dialect);
  const out: Buffer[] = prelude(ctx, dialect, longName).map((p) => encode(p, dialect));
  for (let i = 0; i < BATCH; i++) {
    const wild = rng() < 0.3;
    const req = maker.make(wild);
    let frame: Buffer;
    try {
      frame = encode(req, dialect);
    } catch {
      continue; // a wild field the codec refuses to encode (a name too long for string[2])
    }
    if (rng() < 0.6) {
      frame = mutateInStep(rng, frame, pick(rng, IN_STEP));
      f.mutated++;
    }
    out.push(frame);
  }
  if (rng() < 0.35) {
    out.push(mutateOutOfStep(rng, encode(maker.make(), dialect), pick(rng, OUT_OF_STEP)));
    f.mutated++;
    f.outOfStep++;
  }
  f.frames += out.length;
  f.batches++;
  conn.socket.cork();
  for (const b of out) conn.write(b);
  conn.socket.uncork();
  conn.socket.end();
  const closed = await Promise.race([conn.closedPromise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!closed) {
    f.slowClose++;
    conn.destroy();
  }
  f.replies += conn.replies;
}

/**
 * Valid requests that leave fids 1–5 on a fuzz segment's ctl, data and directory. With
 * `longName` the user's name is 300–400 bytes and msize 512: the segment it makes has an
 * owner whose stat entry is longer than the session's msize.
 */
function prelude(ctx: Ctx, dialect: Dialect, longName: boolean): Fcall[] {
  const rng = ctx.rng;
  const seg = longName ? `fz-long-${randInt(rng, 4)}` : pick(rng, FUZZ_SEGMENTS);
  const user = longName ? 'u'.repeat(300 + randInt(rng, 100)) : pick(rng, [ctx.server.eve, 'alice', 'bob']);
  const msize = longName ? 512 : pick(rng, [8192, 8192, 65536, 512]);
  const L = dialect === '9P2000.L';
  let tag = 1;
  const open = (fid: number, mode: number): Fcall =>
    L ? { type: MsgType.Tlopen, tag: tag++, fid, flags: mode } : { type: MsgType.Topen, tag: tag++, fid, mode };
  const reqs: Fcall[] = [
    { type: MsgType.Tversion, tag: 0xffff, msize, version: dialect },
    { type: MsgType.Tattach, tag: tag++, fid: 0, afid: NOFID, uname: user, aname: '', nUname: NONUNAME },
  ];
  if (L) reqs.push({ type: MsgType.Tmkdir, tag: tag++, dfid: 0, name: seg, mode: 0o777, gid: NONUNAME });
  else {
    reqs.push({ type: MsgType.Twalk, tag: tag++, fid: 0, newfid: 9, wname: [] });
    reqs.push({ type: MsgType.Tcreate, tag: tag++, fid: 9, name: seg, perm: (DMDIR | 0o777) >>> 0, mode: OREAD, extension: '' });
  }
  reqs.push(
    { type: MsgType.Twalk, tag: tag++, fid: 0, newfid: 1, wname: [seg, 'ctl'] },
    open(1, 2),
    { type: MsgType.Twrite, tag: tag++, fid: 1, offset: 0n, data: Buffer.from('va 0x10000000 0x10000') },
    { type: MsgType.Twalk, tag: tag++, fid: 0, newfid: 2, wname: [seg, 'data'] },
    open(2, 2),
    { type: MsgType.Twalk, tag: tag++, fid: 0, newfid: 3, wname: [seg] },
    { type: MsgType.Twalk, tag: tag++, fid: 0, newfid: 4, wname: [] },
    { type: MsgType.Twalk, tag: tag++, fid: 0, newfid: 5, wname: [seg, 'data'] },
  );
  // the owner's name is in a stat entry: its reply must still fit msize
  if (longName && !L) reqs.push({ type: MsgType.Tstat, tag: tag++, fid: 1 });
  return reqs;
}
