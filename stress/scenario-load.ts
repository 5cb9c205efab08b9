// Scenario: load with every byte verified. C connections (the three dialects in turn), each
// with D requests outstanding for S seconds, read and write random ranges of their own region
// of a segment filled with its known pattern; writes put the pattern back, so every read must
// return exactly the pattern. A full read of every segment at the end checks what the writes
// left. Checks: no mismatched byte, no error reply.

import { DIALECTS } from '../src/public/9p.js';
import { healthCheck, marks, randInt, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { mismatchAt, pattern } from './pattern.js';
import { Session } from './session.js';

const SEG_SIZE = 1 << 20;
const MAX_IO = 8192;

export const load: Scenario = {
  name: 'load',
  what: 'C connections × D outstanding reads/writes on distinct segments for S seconds, every byte verified',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const C = ctx.short ? 16 : 256;
    const D = ctx.short ? 8 : 32;
    const S = ctx.short ? 4 : 60;
    const nseg = Math.min(C, 64);
    const regions = Math.ceil(C / nseg);
    const regionSize = Math.floor(SEG_SIZE / regions);
    const names = Array.from({ length: nseg }, (_, i) => `load-${i}`);
    const key = (i: number) => 0x20 + i;
    const admin = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', ctx.server.eve, 1 << 20);
    for (let i = 0; i < nseg; i++) {
      await admin.makeSegment(names[i]!, SEG_SIZE);
      await admin.chmod(names[i]!, 0o666);
      const fid = await admin.openFile(names[i]!, 'data', 1);
      for (let off = 0; off < SEG_SIZE; off += 1 << 19) await admin.write(fid, off, pattern(key(i), off, 1 << 19));
      await admin.clunk(fid);
    }
    const sessions: Session[] = [];
    for (let c = 0; c < C; c++) sessions.push(await Session.open(ctx.server.port, ctx.audit, DIALECTS[c % 3]!, `loader${c}`, 65536));
    const mismatches: string[] = [];
    const errors: string[] = [];
    let reads = 0;
    let writes = 0;
    let bytes = 0;
    const deadline = Date.now() + S * 1000;
    const t0 = Date.now();
    await Promise.all(sessions.map(async (s, c) => {
      const seg = c % nseg;
      const base = Math.floor(c / nseg) * regionSize;
      const fid = await s.openFile(names[seg]!, 'data', 2);
      await Promise.all(Array.from({ length: D }, async () => {
        while (Date.now() < deadline && errors.length < 20) {
          const n = 1 + randInt(ctx.rng, MAX_IO);
          const off = base + randInt(ctx.rng, regionSize - n);
          try {
            if (ctx.rng() < 0.5) {
              const got = await s.write(fid, off, pattern(key(seg), off, n));
              if (got !== n) mismatches.push(`conn ${c}: Rwrite count ${got} for ${n} bytes at ${off}`);
              writes++;
            } else {
              const data = await s.read(fid, off, n);
              const at = mismatchAt(key(seg), off, data);
              if (data.length !== n) mismatches.push(`conn ${c}: read ${data.length} of ${n} bytes at ${off}`);
              else if (at >= 0) mismatches.push(`conn ${c}: ${names[seg]} byte ${off + at} differs`);
              reads++;
            }
            bytes += n;
          } catch (e) {
            errors.push(`conn ${c} (${s.dialect}): ${(e as Error).message}`);
          }
        }
      }));
    }));
    const secs = (Date.now() - t0) / 1000;
    for (const s of sessions) s.close();
    let finalBad = 0;
    for (let i = 0; i < nseg; i++) {
      const fid = await admin.openFile(names[i]!, 'data', 0);
      for (let off = 0; off < SEG_SIZE; off += 1 << 19) {
        const data = await admin.read(fid, off, 1 << 19);
        if (mismatchAt(key(i), off, data) >= 0 || data.length !== 1 << 19) finalBad++;
      }
      await admin.clunk(fid);
      await admin.removeSegment(names[i]!);
    }
    admin.close();
    await sleep(50);
    const r = ctx.report;
    r.figure('connections × outstanding × seconds', `${C} × ${D} × ${S} (${secs.toFixed(1)} s measured)`);
    r.figure('segments (regions each)', `${nseg} of ${SEG_SIZE >> 10} KiB (${regions})`);
    r.figure('reads / writes', `${reads} / ${writes}`);
    r.figure('ops/s', Math.round((reads + writes) / secs));
    r.figure('payload', `${(bytes / secs / (1 << 20)).toFixed(1)} MiB/s`);
    r.figure('mismatches', mismatches.length + finalBad);
    r.check('every byte read matches the pattern', mismatches.length === 0 && finalBad === 0,
      [...mismatches, ...(finalBad ? [`${finalBad} half-MiB pieces differ in the final read`] : [])]);
    r.check('no error reply under load', errors.length === 0, errors);
    const why = await healthCheck(ctx, '9P2000', 0);
    r.check('a fresh session reads the canary afterwards', why === undefined, [why ?? '']);
    serverChecks(ctx, m);
  },
};
