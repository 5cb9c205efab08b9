// Which memory object a private copy was made from. The kernel does not record it: when a
// copy-on-write mapping (private, not yet copied, on memory object A) is seen next as a copied
// mapping at the same address of the same process on object B, B was copied from A. The
// origin is kept while B lives and written into the scene's `from` field.

import type { ProcView, Scene, SegView } from './scene-types.js';

export class CopyOrigins {
  /** copy → original */
  readonly #from = new Map<number, number>();

  /** Notes copies made between `prev` and `next` and annotates `next`'s memory objects. */
  note(prev: Scene | undefined, next: Scene): void {
    if (prev !== undefined) {
      for (const key in prev.procs) {
        const b = next.procs[key];
        if (b !== undefined) this.#compare(prev.procs[key]!, b);
      }
    }
    for (const [copy, orig] of this.#from) {
      const s = next.shadows[String(copy)];
      if (s === undefined) this.#from.delete(copy);
      else s.from = orig;
    }
  }

  #compare(a: ProcView, b: ProcView): void {
    const cow = new Map<number, SegView>();
    for (const s of a.segs) if (s.private && !s.copied) cow.set(s.addr, s);
    if (cow.size === 0) return;
    for (const s of b.segs) {
      if (!s.copied) continue;
      for (const [addr, was] of cow) {
        if (addr < s.addr + s.len && s.addr < addr + was.len && was.shadow !== s.shadow) this.#from.set(s.shadow, was.shadow);
      }
    }
  }
}
