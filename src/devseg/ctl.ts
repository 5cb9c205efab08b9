// The #g ctl file: its one control message, `va ADDRESS LENGTH [fixed|sticky]`, and the
// text it reads back (devsegment.c segmentwrite/segmentread, case Qctl; 9front amd64).

import { Ebadarg, Ebadctl, Ehasva, Enotalloc, Enovmem, Eperm, error } from '../lib9/errors.js';
import { hex } from '../lib9/fmt.js';
import { SEGMAXSIZE, USTKTOP } from '../lib9/mem.js';
import type { Globalseg } from '../plan9/global-segments.js';
import { SG_FIXED, SG_SHARED, SG_STICKY } from '../plan9/constants.js';
import { parsecmd } from '../lib9/parse-cmd.js';
import type { SegmentStore } from '../plan9/segments.js';
import { strtoull } from '../lib9/strtoull.js';
import { PGMASK, pground } from '../lib9/uarg.js';

/**
 * Applies a control message to `g` on behalf of `user`. Checks in 9front's order: the first
 * field must be `va` (`bad process or channel control request`); the segment must not have
 * an address yet; three fields; va rounded down and va+len rounded up in 64-bit unsigned
 * arithmetic, va != 0, top <= USTKTOP and top > va (`bad arg in system call`); the size at
 * most SEGMAXSIZE (`virtual memory allocation failed`); `fixed` and `sticky` for eve only.
 */
export function ctlwrite(store: SegmentStore, g: Globalseg, msg: Uint8Array, user: string, eve: string): void {
  const f = parsecmd(msg);
  if (f.length === 0 || f[0] !== 'va') error(Ebadctl);
  if (g.s !== null) error(Ehasva);
  if (f.length < 3) error(Ebadarg);
  let va = strtoull(f[1]!);
  const len = strtoull(f[2]!);
  const top = pground(va + len);
  va &= ~PGMASK;
  if (va === 0n || top > BigInt(USTKTOP) || top <= va) error(Ebadarg);
  if (top - va > BigInt(SEGMAXSIZE)) error(Enovmem);
  let type = SG_SHARED;
  if (f[3] === 'fixed') type = SG_FIXED;
  else if (f[3] === 'sticky') type = SG_STICKY;
  if (type !== SG_SHARED && user !== eve) error(Eperm);
  g.s = store.newseg(type, Number(va), Number(top), 'global');
}

/** The text ctl reads: `va %#p %#p\n`, with ` sticky` or ` fixed %#p` before the newline. */
export function ctltext(g: Globalseg): string {
  const s = g.s;
  if (s === null) error(Enotalloc);
  const head = `va ${hex(s.base)} ${hex(s.size)}`;
  if (s.kind === SG_STICKY) return `${head} sticky\n`;
  if (s.kind === SG_FIXED) return `${head} fixed ${hex(s.physaddr)}\n`;
  return `${head}\n`;
}
