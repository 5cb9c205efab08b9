// AddressSpace: one region of user addresses and the mappings in it. A normal process has one;
// a share group's prototype sees only the group's shared space; a member sees its own
// restricted space and the group's shared space.

import type { Mapping, Region } from './mapping.js';
import { MappingList } from './mapping-list.js';

export class AddressSpace {
  /** sorted, disjoint, all inside [base, top) */
  readonly mappings = new MappingList();

  constructor(
    readonly region: Region,
    readonly base: number,
    readonly top: number,
  ) {}

  get count(): number {
    return this.mappings.size;
  }

  /** Whether [addr, addr+len) lies inside this space's region. */
  holds(addr: number, len: number): boolean {
    return addr >= this.base && len >= 0 && addr + len <= this.top;
  }

  /** The mapping containing `addr`. */
  find(addr: number): Mapping | undefined {
    return this.mappings.find(addr);
  }

  /** Whether any mapping overlaps [addr, addr+len). */
  overlaps(addr: number, len: number): boolean {
    const m = this.mappings.floor(addr + len - 1);
    return m !== undefined && m.end > addr;
  }

  /**
   * The mappings covering [addr, addr+len) without a hole, in order, or undefined if some
   * byte of the range is not mapped here.
   */
  covering(addr: number, len: number): Mapping[] | undefined {
    const maps = this.mappings.overlapping(addr, addr + len);
    if (maps.length === 0 || maps[0]!.addr > addr || maps[maps.length - 1]!.end < addr + len) return undefined;
    for (let i = 1; i < maps.length; i++) if (maps[i - 1]!.end !== maps[i]!.addr) return undefined;
    return maps;
  }

  /** Auto placement: the highest free page range of `len` bytes (Plan 9 segattach's walk down), or -1. */
  place(len: number): number {
    return this.mappings.highestFit(this.base, this.top, len);
  }
}
