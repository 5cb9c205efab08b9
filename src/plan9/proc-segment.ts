// /proc/N/segment on 9front amd64 (port/devproc.c, procread case Qsegment): one line per
// slot in use, in slot order, "%-6s %c%c %8p %8p %4ld\n" of the type name, F/R flag,
// profiling flag, base, top and reference count. %8p is lowercase hex without 0x, padded with
// spaces to 8 and never truncated.

import { SG_FAULT, SG_RONLY, sname } from './constants.js';
import type { Seg } from './segment.js';

export function procSegmentLine(s: Seg): string {
  const flag = s.type & SG_FAULT ? 'F' : s.type & SG_RONLY ? 'R' : ' ';
  return `${sname[s.kind]!.padEnd(6)} ${flag}  ${p8(s.base)} ${p8(s.top)} ${String(s.ref).padStart(4)}\n`;
}

export function procSegmentText(slots: readonly (Seg | undefined)[]): string {
  let out = '';
  for (const s of slots) if (s !== undefined) out += procSegmentLine(s);
  return out;
}

function p8(v: number): string {
  return v.toString(16).padStart(8);
}
