// One operation's changes as a transaction: a negative result, a space holding more than
// maxSegments mappings once merges are done, or memory that cannot be had (Plan9Error
// Enovmem from a Shadow) undoes them all, so that every failed call changes nothing.

import { ENOMEM } from '../../lib9/errno.js';
import { Enovmem, Plan9Error } from '../../lib9/errors.js';
import type { Memory } from './memory.js';
import { settle } from './merge.js';

export function run<T>(mem: Memory, body: () => T | number): T | number {
  const tx = mem.begin();
  try {
    let r: T | number;
    try {
      r = body();
      if (typeof r !== 'number' || r >= 0) settle(mem, tx);
    } catch (e) {
      if (e instanceof Plan9Error && e.message === Enovmem) r = -ENOMEM;
      else throw e;
    }
    if (typeof r === 'number' && r < 0) {
      tx.rollback();
      return r;
    }
    for (const space of tx.spaces) {
      if (space.count > mem.maxSegments) {
        tx.rollback();
        return -ENOMEM;
      }
    }
    for (const s of tx.shadows) if (s.refs === 0) mem.free(s);
    tx.finish();
    return r;
  } catch (e) {
    tx.rollback();
    throw e;
  } finally {
    mem.end();
  }
}
