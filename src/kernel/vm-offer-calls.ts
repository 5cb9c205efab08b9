// vm_offer, vm_claim and vm_listoffer: one-shot offers of a range of the caller's memory to
// another process, which claims it; drop flags take the sender's rights away at claim time.
// These act for the caller and need no capability.

import { EACCES, EBUSY, EFAULT, EINVAL, ENOENT, ENOMEM, ERANGE, ESRCH } from '../lib9/errno.js';
import { isAligned, isFlags } from './args.js';
import { PAGE, VMO_DISOWN, VMO_GRANTALL } from './constants.js';
import type { Mapping } from './engine/mapping.js';
import { mergeAll } from './engine/merge.js';
import { minRights, piecesOf } from './engine/pieces.js';
import type { KernelState, Ret } from './kernel-state.js';
import type { OfferRecord } from './offers.js';
import type { Pid } from './proc.js';
import { mapReceived, placeReceived } from './receive.js';

const OFFER_FLAGS = VMO_GRANTALL | VMO_DISOWN;

/** vm_offer: offers [addr, addr+len) of the caller to destPid; len 0 cancels. */
export function vmOffer(k: KernelState, caller: Pid, destPid: Pid, addr: number, len: number, flags: number): Ret<0> {
  const c = k.table.get(caller);
  if (c === undefined) return -ESRCH;
  if (!Number.isSafeInteger(destPid) || destPid <= 0) return -EINVAL;
  if (!isFlags(flags, OFFER_FLAGS)) return -EINVAL;
  if (!isAligned(addr) || !Number.isSafeInteger(len) || len < 0 || len % PAGE !== 0) return -EINVAL;
  if (destPid === caller) return -EINVAL;
  if (!k.table.has(destPid)) return -ESRCH;
  if (len === 0) {
    const g = k.offers.get('offer', caller, destPid, addr);
    if (g !== undefined) {
      k.offers.delete(g);
      return 0;
    }
    return k.mappingAt(c, addr) === undefined ? -EFAULT : -ENOENT;
  }
  const grant = flags & VMO_GRANTALL;
  if (grant === 0) return -EINVAL;
  const cov = k.covering(c, addr, len);
  if (cov === undefined) return -EFAULT;
  const clipped = grant & minRights(cov[1]);
  if (clipped === 0) return -EACCES;
  k.offers.put('offer', caller, destPid, addr, len, clipped | (flags & VMO_DISOWN));
  return 0;
}

/**
 * vm_claim: accepts the offer srcPid made to the caller at remoteAddr; maps it and applies the
 * offer's drops to the sender (a page left with no rights is unmapped). Sets out.localAddr
 * and out.size. A failed re-validation deletes the stale offer.
 */
export function vmClaim(
  k: KernelState,
  caller: Pid,
  srcPid: Pid,
  remoteAddr: number,
  flags: number,
  out: { localAddr: number; size: number },
): Ret<0> {
  const c = k.table.get(caller);
  if (c === undefined) return -ESRCH;
  if (flags !== 0) return -EINVAL;
  if (typeof out !== 'object' || out === null) return -EINVAL;
  if (!Number.isSafeInteger(srcPid) || srcPid <= 0) return -EINVAL;
  const src = k.table.get(srcPid);
  if (src === undefined) return -ESRCH;
  const g = k.offers.get('offer', srcPid, caller, remoteAddr);
  if (g === undefined) return -ENOENT;
  const cov = k.covering(src, g.addr, g.len);
  if (cov === undefined) {
    k.offers.delete(g);
    return -EFAULT;
  }
  const grant = g.flags & VMO_GRANTALL;
  if ((grant & ~minRights(cov[1])) !== 0) {
    k.offers.delete(g);
    return -EACCES;
  }
  const dst = c.defaultSpace(false);
  if (dst === undefined) return -ENOMEM;
  const local = placeReceived(dst, g.addr, g.len);
  if (local < 0) return -ENOMEM;
  const drop = (g.flags & VMO_DISOWN) >> 4;
  if (drop !== 0) {
    for (const { mapping: m, lo, hi } of cov[1]) {
      if (m.segmented && (lo !== m.addr || hi !== m.end)) return -EBUSY;
    }
  }
  const mem = k.memory;
  const [srcSpace] = cov;
  const r = k.run(() => {
    mergeAll(mem, dst, mapReceived(mem, srcSpace, g.addr, g.len, dst, local, grant, false, c.realtime));
    if (drop !== 0) {
      const changed: Mapping[] = [];
      for (const { mapping: m, lo, hi } of piecesOf(srcSpace, g.addr, g.len)) {
        const left = m.rights & ~drop;
        const mid = left !== 0 ? m.slice(lo, hi).derive({ rights: left }) : undefined;
        mem.replace(srcSpace, [m], m.around(lo, hi, mid));
        if (mid !== undefined) changed.push(mid);
      }
      mergeAll(mem, srcSpace, changed);
    }
    return 0;
  });
  if (r === 0) {
    k.offers.delete(g);
    out.localAddr = local;
    out.size = g.len;
  }
  return r;
}

/**
 * vm_listoffer: the offers and standing shares the caller sent or received, by id. With room
 * for them all (count.n), fills `list` and sets count.n; otherwise sets count.n to the number
 * needed, leaves `list` alone and returns -ERANGE.
 */
export function vmListOffer(k: KernelState, caller: Pid, list: OfferRecord[], count: { n: number }): Ret<0> {
  if (!k.table.has(caller)) return -ESRCH;
  if (!Array.isArray(list) || typeof count !== 'object' || count === null) return -EINVAL;
  if (!Number.isSafeInteger(count.n) || count.n < 0) return -EINVAL;
  const entries = k.offers.involving(caller);
  if (entries.length > count.n) {
    count.n = entries.length;
    return -ERANGE;
  }
  list.length = 0;
  list.push(...entries);
  count.n = entries.length;
  return 0;
}
