// The event log: short lines describing what changed between two scenes (a #g segment made,
// given its address or removed; a process created or gone; a mapping added, removed or copied;
// an offer or grant made or gone), newest last, at most LOG_MAX kept.

import type { LogEntry, ProcView, Scene, SceneDiff, SegView } from './scene-types.js';

export const LOG_MAX = 40;
/** Lines one change may add; the rest are summed up as one line. */
const PER_CHANGE = 12;

const hex = (n: number): string => `0x${n.toString(16)}`;

function segKey(s: { addr: number; len: number; shadow: number }): string {
  return `${s.addr}+${s.len}@${s.shadow}`;
}

function procLines(pid: string, a: ProcView, b: ProcView, out: string[]): void {
  const before = new Map(a.segs.map((s) => [segKey(s), s]));
  const after = new Map(b.segs.map((s) => [segKey(s), s]));
  const gone = new Map<number, SegView>();
  for (const [k, s] of before) if (!after.has(k)) gone.set(s.addr, s);
  for (const [k, s] of after) {
    if (before.has(k)) continue;
    const was = gone.get(s.addr);
    if (s.copied && was !== undefined && was.private && !was.copied) {
      gone.delete(s.addr);
      out.push(`proc ${pid} writes ${hex(s.addr)}: private copy of memory ${was.shadow} made (memory ${s.shadow})`);
      continue;
    }
    const what = s.copied ? `private copy (memory ${s.shadow})` : s.private ? `copy-on-write of memory ${s.shadow}` : `memory ${s.shadow}${s.label ? ` (${s.label})` : ''}`;
    out.push(`proc ${pid} maps ${hex(s.addr)}+${hex(s.len)} ${s.rights}: ${what}`);
  }
  for (const s of gone.values()) out.push(`proc ${pid} unmaps ${hex(s.addr)}+${hex(s.len)}`);
}

/** Lines for the change from `prev` to `next` that `diff` describes. */
export function describe(prev: Scene, next: Scene, diff: SceneDiff): string[] {
  const out: string[] = [];
  for (const [name, g] of Object.entries(diff.set.globals ?? {}) as [string, Scene['globals'][string]][]) {
    const old = prev.globals[name];
    if (old === undefined) out.push(`#g mkdir ${name} (${g.uid}, ${g.mode})`);
    if (g.va !== 0 && old?.va !== g.va) out.push(`#g ${name} va ${hex(g.va)} len ${hex(g.len)}`);
  }
  for (const name of diff.del.globals ?? []) out.push(`#g remove ${name}`);
  for (const [pid, p] of Object.entries(diff.set.procs ?? {}) as [string, ProcView][]) {
    const old = prev.procs[pid];
    if (old === undefined) out.push(`proc ${pid} ${p.name ? `'${p.name}' ` : ''}created (${p.kind}${p.plan9 ? ', Plan 9' : ''})`);
    else procLines(pid, old, p, out);
  }
  for (const pid of diff.del.procs ?? []) out.push(`proc ${pid} exited`);
  for (const o of Object.values(diff.set.offers ?? {}) as Scene['offers'][string][]) {
    if (prev.offers[String(o.id)] !== undefined) continue;
    out.push(o.kind === 'offer'
      ? `proc ${o.src} offers ${hex(o.addr)}+${hex(o.len)} to ${o.dest} (${o.flags})`
      : `proc ${o.src} grants ${o.flags} on ${hex(o.addr)}+${hex(o.len)} to ${o.dest}`);
  }
  for (const id of diff.del.offers ?? []) {
    const o = prev.offers[id];
    if (o !== undefined) out.push(`${o.kind} ${hex(o.addr)} from ${o.src} to ${o.dest} gone${o.kind === 'offer' && next.procs[String(o.dest)] ? ' (claimed or withdrawn)' : ''}`);
  }
  if (out.length > PER_CHANGE) {
    const more = out.length - (PER_CHANGE - 1);
    out.length = PER_CHANGE - 1;
    out.push(`… and ${more} more changes`);
  }
  return out;
}

/** A ring of the latest LOG_MAX entries. */
export class EventLog {
  readonly entries: LogEntry[] = [];

  add(lines: readonly string[], t = Date.now()): LogEntry[] {
    const added = lines.map((text) => ({ t, text }));
    this.entries.push(...added);
    if (this.entries.length > LOG_MAX) this.entries.splice(0, this.entries.length - LOG_MAX);
    return added;
  }
}
