// Turns the rounds' samples into Markdown tables: median rate per server, and segfs's paired
// ratios (median of the per-round ratios, with their range) against diod and the ideal server.

import type { Case } from './cases.js';
import type { Sample } from './loadgen.js';

/** One measurement of one server in one round, with the server's CPU use meanwhile. */
export interface Measured {
  round: number;
  server: string;
  sample: Sample;
  /** Server CPU time over the whole run (warm-up included) per second of it; 1 = one core. */
  serverCpu: number;
  /** Server CPU seconds per request over the whole run: work done, less sensitive to a busy machine than rates. */
  cpuPerOp: number;
}

export const SERVERS = ['segfs', 'diod', 'ideal-node'] as const;
const LABEL: Record<string, string> = { segfs: 'segfs', diod: 'diod', 'ideal-node': 'ideal Node' };

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const rate = (s: Sample): number => s.ops / s.secs;

function fmtRate(ops: number): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)}M/s`;
  if (ops >= 1e4) return `${(ops / 1e3).toFixed(1)}k/s`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(2)}k/s`;
  return `${ops.toFixed(0)}/s`;
}

function fmtBytes(bps: number): string {
  return bps >= 1e9 ? `${(bps / 1e9).toFixed(2)} GB/s` : `${(bps / 1e6).toFixed(0)} MB/s`;
}

function cell(ms: readonly Measured[], c: Case): string {
  if (ms.length === 0) return '—';
  const ops = median(ms.map((m) => rate(m.sample)));
  if (c.load.op !== 'read') return fmtRate(ops);
  const bps = median(ms.map((m) => m.sample.bytes / m.sample.secs));
  return `${fmtRate(ops)} · ${fmtBytes(bps)}`;
}

function ratioCell(mine: readonly Measured[], theirs: readonly Measured[], c: Case, other: string): string {
  const why = c.skip?.[other];
  if (why) return `— (${why})`;
  const ratios: number[] = [];
  for (const m of mine) {
    const t = theirs.find((x) => x.round === m.round);
    if (t) ratios.push(rate(m.sample) / rate(t.sample));
  }
  if (ratios.length === 0) return '—';
  const r = median(ratios);
  if (ratios.length === 1) return r.toFixed(2);
  return `${r.toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

/** The rate table: one row per case. */
export function rateTable(results: ReadonlyMap<Case, Measured[]>): string {
  const rows = [
    `| case | ${SERVERS.map((s) => LABEL[s]).join(' | ')} | segfs / diod | segfs / ideal Node |`,
    `|---|${SERVERS.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const [c, ms] of results) {
    const of = (s: string): Measured[] => ms.filter((m) => m.server === s);
    const cells = SERVERS.map((s) => (c.skip?.[s] ? '—' : cell(of(s), c)));
    rows.push(`| ${c.title} | ${cells.join(' | ')} | ${ratioCell(of('segfs'), of('diod'), c, 'diod')} | ${ratioCell(of('segfs'), of('ideal-node'), c, 'ideal-node')} |`);
  }
  return rows.join('\n');
}

/** CPU per server: median µs of CPU per request and share of one core; the load generator's largest share. */
export function cpuTable(results: ReadonlyMap<Case, Measured[]>): string {
  const rows = [
    `| case | ${SERVERS.map((s) => `${LABEL[s]} CPU`).join(' | ')} | loadgen CPU (max) |`,
    `|---|${SERVERS.map(() => '---:').join('|')}|---:|`,
  ];
  const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;
  for (const [c, ms] of results) {
    const cells = SERVERS.map((s) => {
      const mine = ms.filter((m) => m.server === s);
      if (mine.length === 0) return '—';
      const perOp = median(mine.map((m) => m.cpuPerOp)) * 1e6;
      return `${perOp.toFixed(perOp < 10 ? 1 : 0)} µs/op · ${pct(median(mine.map((m) => m.serverCpu)))}`;
    });
    const client = Math.max(...ms.map((m) => m.sample.clientCpu));
    rows.push(`| ${c.title} | ${cells.join(' | ')} | ${pct(client)} |`);
  }
  return rows.join('\n');
}
