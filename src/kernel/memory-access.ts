// Simulated loads and stores, the only way "a write" happens: all of the range must be mapped
// and have the right; nothing is transferred in part. The first write to a private mapping
// makes its copy (copy-on-write) before the bytes land.

import { EACCES, EFAULT, EINVAL, ENOMEM } from '../lib9/errno.js';
import { Enovmem, Plan9Error } from '../lib9/errors.js';
import { isNat } from './args.js';
import { PERM_R, PERM_W } from './constants.js';
import type { AddressSpace } from './engine/address-space.js';
import { materialize } from './engine/copy-on-write.js';
import { toPieces, shadowOffset, type Piece } from './engine/pieces.js';
import { CHUNK } from './engine/shadow.js';
import type { KernelState, Ret } from './kernel-state.js';
import type { Proc } from './proc.js';

/** 'restricted': a member's own region only, as a thread in Zircon's restricted mode sees it. */
export type AccessMode = 'normal' | 'restricted';

/** Reads len bytes at addr of the target; all of it must be mapped and readable. */
export function memRead(_k: KernelState, p: Proc, addr: number, len: number, mode?: AccessMode): Ret<Uint8Array> {
  if (!Number.isSafeInteger(len) || len <= 0 || !isNat(addr)) return -EINVAL;
  const found = access(p, addr, len, mode, PERM_R);
  if (typeof found === 'number') return found;
  let out: Uint8Array;
  try {
    out = new Uint8Array(len);
  } catch {
    return -ENOMEM;
  }
  copyOut(found[1], addr, out);
  return out;
}

/** memRead into the caller's buffer (allocates nothing): dst.length bytes at addr; returns the count. */
export function memReadInto(_k: KernelState, p: Proc, addr: number, dst: Uint8Array, mode?: AccessMode): Ret<number> {
  if (!(dst instanceof Uint8Array) || dst.length === 0 || !isNat(addr)) return -EINVAL;
  const found = access(p, addr, dst.length, mode, PERM_R);
  if (typeof found === 'number') return found;
  copyOut(found[1], addr, dst);
  return dst.length;
}

/** Writes data at addr of the target; all of it must be mapped and writable. Returns the count. */
export function memWrite(k: KernelState, p: Proc, addr: number, data: Uint8Array, mode?: AccessMode): Ret<number> {
  if (!(data instanceof Uint8Array) || data.length === 0 || !isNat(addr)) return -EINVAL;
  const len = data.length;
  const found = access(p, addr, len, mode, PERM_W);
  if (typeof found === 'number') return found;
  const [space, pieces] = found;
  if (pieces.length === 1) {
    // the common case needs no transaction: one mapping with nothing to copy, one chunk
    const { mapping: m } = pieces[0]!;
    const off = m.offset + (addr - m.addr);
    if ((!m.isPrivate || m.copied) && Math.floor(off / CHUNK) === Math.floor((off + len - 1) / CHUNK)) {
      try {
        m.shadow.write(off, data);
      } catch (e) {
        if (e instanceof Plan9Error && e.message === Enovmem) return -ENOMEM;
        throw e;
      }
      return len;
    }
  }
  return k.run(() => {
    const ready = materialize(k.memory, space, addr, len);
    // commit every chunk first, so that a failed allocation leaves no byte written
    for (const pc of ready) pc.mapping.shadow.pieces(shadowOffset(pc, pc.lo), pc.hi - pc.lo);
    for (const pc of ready) pc.mapping.shadow.write(shadowOffset(pc, pc.lo), data.subarray(pc.lo - addr, pc.hi - addr));
    return len;
  });
}

/** The space and pieces of [addr, addr+len) for an access needing `need`, or the errno. */
function access(p: Proc, addr: number, len: number, mode: AccessMode | undefined, need: number): [AddressSpace, Piece[]] | number {
  let space: AddressSpace | undefined;
  if (mode === 'restricted') {
    if (p.kind !== 'member') return -EINVAL;
    if (!p.own!.holds(addr, len)) return -EFAULT;
    space = p.own;
  } else if (mode === undefined || mode === 'normal') {
    space = p.spaceFor(addr, len);
  } else return -EINVAL;
  if (space === undefined) return -EFAULT;
  const one = space.find(addr);
  let pieces: Piece[];
  if (one !== undefined && one.end >= addr + len) pieces = [{ mapping: one, lo: addr, hi: addr + len }];
  else {
    const maps = space.covering(addr, len);
    if (maps === undefined) return -EFAULT;
    pieces = toPieces(maps, addr, addr + len);
  }
  for (const { mapping } of pieces) if ((mapping.rights & need) !== need) return -EACCES;
  return [space, pieces];
}

/** Copies the bytes of `pieces` (a covering of [addr, addr+out.length)) into out. */
function copyOut(pieces: Piece[], addr: number, out: Uint8Array): void {
  for (const pc of pieces) pc.mapping.shadow.read(shadowOffset(pc, pc.lo), out.subarray(pc.lo - addr, pc.hi - addr));
}
