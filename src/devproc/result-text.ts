// The text the proc device reads back: one line per record, `name value` pairs in a fixed
// order (docs/proc-device.md, "Results"). Addresses and lengths are C's %#x, counts and pids
// decimal, flags a number followed by their symbolic form in the syntax ctl accepts.

import type { OfferRecord } from '../kernel/offers.js';
import type { ProcInfo } from '../kernel/kernel.js';
import type { SegmentInfo } from '../kernel/engine/mapping.js';
import { hex, quote } from '../lib9/fmt.js';
import { flagsText, offerWords, rightsText, segWords } from './ctl-args.js';

/** segquery's result, and one line of a core process's `segment` file. */
export function segmentInfoLine(i: SegmentInfo): string {
  return `addr ${hex(i.addr, 'x')} len ${hex(i.len, 'x')} offset ${hex(i.offset, 'x')} flen ${hex(i.flen, 'x')} vid ${i.vid} ` +
    `handle ${i.handle} flags ${hex(i.flags, 'x')} ${flagsText(i.flags, segWords)}\n`;
}

/** One line of listoffer: an offer's flags are VMO_* bits, a share's PERM_* rights. */
export function offerLine(r: OfferRecord): string {
  const sym = r.kind === 'offer' ? flagsText(r.flags, offerWords) : rightsText(r.flags);
  return `id ${r.id} kind ${r.kind} direction ${r.direction} src ${r.src} dest ${r.dest} ` +
    `addr ${hex(r.addr, 'x')} len ${hex(r.len, 'x')} flags ${hex(r.flags, 'x')} ${sym}\n`;
}

/** The `info` file: procInfo plus the owner and whether the process is a Plan 9 one. */
export function infoLine(i: ProcInfo, owner: string, plan9: boolean): string {
  return `pid ${i.pid} parent ${i.parent} job ${i.job} name ${quote(i.name)} caps ${hex(i.caps, 'x')} ` +
    `realtime ${+i.realtime} shared ${+i.shared} member ${+i.member} plan9 ${+plan9} owner ${quote(owner)}\n`;
}
