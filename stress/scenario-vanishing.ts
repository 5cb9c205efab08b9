// Scenario: vanishing clients. While a worker reads and verifies the canary continuously,
// clients connect and disappear mid-way: after half a frame, after a burst of pipelined
// requests (reads, walks, writes) whose replies they never read, or before a Tversion
// completes. Checks: the worker never sees an error or a wrong byte, and the server lives.

import { DIALECTS, MsgType, NOFID, NONUNAME, encode, type Dialect, type Fcall } from '../src/public/9p.js';
import { CANARY, marks, pick, randInt, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mismatchAt } from './pattern.js';
import { RawConn } from './raw-conn.js';
import { Session } from './session.js';

export const vanishing: Scenario = {
  name: 'vanishing',
  what: 'clients that send half a frame or a burst of requests and vanish, while another works',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const rounds = ctx.short ? 300 : 5000;
    const maxMs = ctx.short ? 6000 : 60_000;
    const worker = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', 'worker', 65536);
    const wfid = await worker.openFile(CANARY.name, 'data', 0);
    let stop = false;
    let workerOps = 0;
    const workerErrors: string[] = [];
    const work = (async () => {
      while (!stop && workerErrors.length < 10) {
        const off = randInt(ctx.rng, CANARY.length - 8192);
        try {
          const d = await worker.read(wfid, off, 8192);
          if (d.length !== 8192 || mismatchAt(CANARY.key, off, d) >= 0) workerErrors.push(`canary read at ${off} wrong`);
          workerOps++;
        } catch (e) {
          workerErrors.push((e as Error).message);
        }
      }
    })();
    const kinds = { half: 0, burst: 0, preversion: 0 };
    const t0 = Date.now();
    let n = 0;
    for (; n < rounds && Date.now() - t0 < maxMs; n++) {
      const dialect = pick(ctx.rng, DIALECTS);
      const conn = await RawConn.connect(ctx.server.port, ctx.audit, dialect);
      const kind = pick(ctx.rng, ['half', 'burst', 'burst', 'preversion'] as const);
      kinds[kind]++;
      const frames = session(dialect, randInt(ctx.rng, 200)).map((f) => encode(f, dialect));
      if (kind === 'preversion') {
        conn.write(frames[0]!.subarray(0, randInt(ctx.rng, frames[0]!.length)));
      } else if (kind === 'half') {
        const all = Buffer.concat(frames);
        conn.write(all.subarray(0, randInt(ctx.rng, all.length)));
      } else {
        for (const f of frames) conn.write(f);
      }
      // vanish now, after a turn of the event loop, or after the server has started answering
      const wait = pick(ctx.rng, [0, 0, 1, 5]);
      if (wait > 0) await sleep(wait);
      conn.destroy();
    }
    stop = true;
    await work;
    worker.close();
    const r = ctx.report;
    r.figure('vanished clients', `${n} (half frame ${kinds.half}, burst ${kinds.burst}, inside Tversion ${kinds.preversion})`);
    r.figure('worker reads verified meanwhile', workerOps);
    r.check('the worker saw no error and no wrong byte', workerErrors.length === 0, workerErrors);
    serverChecks(ctx, m);
  },
};

/** Version, attach, then `n` reads of the canary and walks, pipelined. */
function session(dialect: Dialect, n: number): Fcall[] {
  const L = dialect === '9P2000.L';
  const out: Fcall[] = [
    { type: MsgType.Tversion, tag: 0xffff, msize: 65536, version: dialect },
    { type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'vanisher', aname: '', nUname: NONUNAME },
    { type: MsgType.Twalk, tag: 2, fid: 0, newfid: 1, wname: [CANARY.name, 'data'] },
    L ? { type: MsgType.Tlopen, tag: 3, fid: 1, flags: 0 } : { type: MsgType.Topen, tag: 3, fid: 1, mode: 0 },
  ];
  for (let i = 0; i < n; i++) {
    const tag = 10 + i;
    out.push(i % 3 === 2
      ? { type: MsgType.Twalk, tag, fid: 0, newfid: 100 + i, wname: [CANARY.name] }
      : { type: MsgType.Tread, tag, fid: 1, offset: BigInt((i * 4096) % CANARY.length), count: 65000 });
  }
  return out;
}
