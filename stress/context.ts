// What every scenario is given (the server, the seeded RNG, the report, the size of the run)
// and the checks they share: the server still runs, printed no stack trace, sent no
// malformed reply, and still answers a fresh well-formed session with the canary's bytes.

import type { Dialect } from '../src/public/9p.js';
import { mismatchAt, pattern } from './pattern.js';
import { ReplyAudit } from './raw-conn.js';
import type { Report } from './report.js';
import type { ServerProcess } from './server-process.js';
import { Session } from './session.js';

/** The segment every health check reads: made at the start, filled with its pattern, never removed. */
export const CANARY = { name: 'stress-canary-segment', key: 0xc5, length: 1 << 20 };

export interface Ctx {
  readonly server: ServerProcess;
  readonly audit: ReplyAudit;
  readonly rng: () => number;
  readonly seed: number;
  /** The CI run: fewer rounds, smaller fills, short time caps. */
  readonly short: boolean;
  readonly report: Report;
}

export interface Scenario {
  readonly name: string;
  readonly what: string;
  run(ctx: Ctx): Promise<void>;
}

/** A random integer in [0, n). */
export function randInt(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}

/** A random element of `xs`. */
export function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[randInt(rng, xs.length)]!;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Creates the canary segment and fills it with its pattern. */
export async function makeCanary(ctx: Ctx): Promise<void> {
  const s = await Session.open(ctx.server.port, ctx.audit, '9P2000.L', ctx.server.eve);
  try {
    await s.makeSegment(CANARY.name, CANARY.length);
    await s.chmod(CANARY.name, 0o666);
    const fid = await s.openFile(CANARY.name, 'data', 1);
    for (let off = 0; off < CANARY.length; off += 32768) await s.write(fid, off, pattern(CANARY.key, off, 32768));
    await s.clunk(fid);
  } finally {
    s.close();
  }
}

/**
 * A fresh session in `dialect`: version, attach, walk to the canary's data, open, read 4 KiB
 * at `offset` and compare with the pattern. Returns undefined when all is well, else why not.
 */
export async function healthCheck(ctx: Ctx, dialect: Dialect, offset: number): Promise<string | undefined> {
  let s: Session | undefined;
  try {
    s = await Session.open(ctx.server.port, ctx.audit, dialect, 'stress-health', 8192);
    const fid = await s.openFile(CANARY.name, 'data', 0);
    const data = await s.read(fid, offset, 4096);
    if (data.length !== Math.min(4096, CANARY.length - offset)) return `${dialect}: read ${data.length} bytes at ${offset}`;
    const at = mismatchAt(CANARY.key, offset, data);
    if (at >= 0) return `${dialect}: canary byte ${offset + at} differs`;
    await s.clunk(fid);
    return undefined;
  } catch (e) {
    return `${dialect}: ${(e as Error).message}`;
  } finally {
    s?.close();
  }
}

/** Marks taken at a scenario's start, for serverChecks at its end. */
export interface Marks { stderr: number; malformed: number; replies: number }

export function marks(ctx: Ctx): Marks {
  return { stderr: ctx.server.stderrMark, malformed: ctx.audit.malformedCount, replies: ctx.audit.replies };
}

/** The checks every scenario ends with: alive, no stack trace, no malformed reply since `m`. */
export function serverChecks(ctx: Ctx, m: Marks): void {
  const r = ctx.report;
  r.check('server still running', ctx.server.alive, [`server exited: ${ctx.server.exit}`, ...ctx.server.stderrSince(m.stderr).split('\n').slice(-20)]);
  const lines = ctx.server.stderrSince(m.stderr).split('\n').filter((l) => l.trim() !== '' && !/^\s+at\s/.test(l));
  if (lines.length > 0) r.figure('server stderr lines', `${lines.length}, first: ${lines[0]!.slice(0, 160)}`);
  const traces = ctx.server.stackTracesSince(m.stderr);
  r.check('no stack trace on the server\'s stderr', traces.length === 0, traces);
  const bad = ctx.audit.malformedCount - m.malformed;
  r.figure('replies checked', ctx.audit.replies - m.replies);
  r.check('every reply decodes and fits msize', bad === 0, [`${bad} malformed replies`, ...ctx.audit.malformed]);
  ctx.audit.malformed.length = 0;
}

/** Removes every segment but the canary (a scenario's leftovers, or what fuzzing made). */
export async function removeAllButCanary(ctx: Ctx): Promise<number> {
  const s = await Session.open(ctx.server.port, ctx.audit, '9P2000', ctx.server.eve);
  let n = 0;
  try {
    for (const name of await s.listSegments()) {
      if (name === CANARY.name) continue;
      await s.removeSegment(name).then(() => n++, () => {});
    }
  } finally {
    s.close();
  }
  return n;
}
