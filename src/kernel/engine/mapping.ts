// Mapping: one entry of an address space, a page-aligned range of addresses mapped onto a range
// of a Shadow with rights (what SRR calls a process segment; 9front's Segment is the Plan 9
// layer's). Mappings are values: an operation that changes one replaces it with a derived
// mapping (`derive`), which keeps the address-space structures and the undo journal simple.

import type { Shadow } from './shadow.js';
import { PERM_RWX, SEG_COPIED, SEG_PRIVATE, SEG_SEGMENTED, SEG_SHARED_REGION } from '../constants.js';

/** The region of a process's address space a mapping lies in: its normal space, a member's restricted space, or a share group's shared space. */
export type Region = 'normal' | 'restricted' | 'shared';

/** proc_segment_info: one mapping as segQuery reports it. */
export interface SegmentInfo {
  /** The mapping's first address. */
  addr: number;
  /** Its length in bytes. */
  len: number;
  /** Where addr lies in its shadow. */
  offset: number;
  /** 0 for 'anon' shadows, len otherwise */
  flen: number;
  /** 0 (single node) */
  vid: number;
  /** the shadow's id */
  handle: number;
  /** rights | SEG_PRIVATE | SEG_COPIED | SEG_SEGMENTED | SEG_SHARED_REGION */
  flags: number;
}

/** @internal */
export interface MappingProps {
  addr: number;
  len: number;
  /** PERM_* bits in force */
  rights: number;
  /** ceiling for segProtect */
  maxRights: number;
  shadow: Shadow;
  /** where addr lies in the shadow */
  offset: number;
  /** writes go to a private copy (copy-on-write) */
  isPrivate: boolean;
  /** the private copy has been made: `shadow` is this mapping's own */
  copied: boolean;
  /** a Plan 9 segment: never merged, only its tail may be freed */
  segmented: boolean;
  region: Region;
}

/**
 * One mapping of an address space, as Kernel.mappingAt and the kernel's view return it:
 * a page-aligned range of addresses mapped onto a range of a shadow with rights. Read-only:
 * a change to a mapping replaces it with another.
 */
export class Mapping implements Readonly<MappingProps> {
  /** The first address. */
  readonly addr: number;
  /** The length in bytes. */
  readonly len: number;
  /** PERM_* bits in force. */
  readonly rights: number;
  /** The most rights segProtect may give it. */
  readonly maxRights: number;
  /** The shadow it maps. @internal */
  readonly shadow: Shadow;
  /** Where addr lies in the shadow. */
  readonly offset: number;
  /** Writes go to a private copy (copy-on-write). */
  readonly isPrivate: boolean;
  /** The private copy has been made. */
  readonly copied: boolean;
  /** A Plan 9 segment: never merged, only its tail may be freed. */
  readonly segmented: boolean;
  /** The region it lies in. */
  readonly region: Region;

  /** @internal */
  constructor(p: MappingProps) {
    this.addr = p.addr;
    this.len = p.len;
    this.rights = p.rights;
    this.maxRights = p.maxRights;
    this.shadow = p.shadow;
    this.offset = p.offset;
    this.isPrivate = p.isPrivate;
    this.copied = p.copied;
    this.segmented = p.segmented;
    this.region = p.region;
  }

  /** First address after the mapping. */
  get end(): number {
    return this.addr + this.len;
  }

  /** A copy with `changes` applied. @internal */
  derive(changes: Partial<MappingProps>): Mapping {
    return new Mapping({ ...this.props(), ...changes });
  }

  /** The part [from, to) of this mapping, which must lie inside it. @internal */
  slice(from: number, to: number): Mapping {
    return this.derive({ addr: from, len: to - from, offset: this.offset + (from - this.addr) });
  }

  /**
   * What replaces this mapping when its part [lo, hi) becomes `mid` (or goes, if undefined):
   * the part before lo, `mid`, the part after hi, each only if not empty.
   * @internal
   */
  around(lo: number, hi: number, mid: Mapping | undefined): Mapping[] {
    const parts: Mapping[] = [];
    if (lo > this.addr) parts.push(this.slice(this.addr, lo));
    if (mid !== undefined) parts.push(mid);
    if (hi < this.end) parts.push(this.slice(hi, this.end));
    return parts;
  }

  /** @internal */
  props(): MappingProps {
    return {
      addr: this.addr,
      len: this.len,
      rights: this.rights,
      maxRights: this.maxRights,
      shadow: this.shadow,
      offset: this.offset,
      isPrivate: this.isPrivate,
      copied: this.copied,
      segmented: this.segmented,
      region: this.region,
    };
  }

  /** The `flags` word of SegmentInfo. */
  get flags(): number {
    return (
      (this.rights & PERM_RWX) |
      (this.isPrivate ? SEG_PRIVATE : 0) |
      (this.copied ? SEG_COPIED : 0) |
      (this.segmented ? SEG_SEGMENTED : 0) |
      (this.region === 'shared' ? SEG_SHARED_REGION : 0)
    );
  }

  /**
   * The mapping as segQuery reports it.
   * @returns a new SegmentInfo
   */
  info(): SegmentInfo {
    return {
      addr: this.addr,
      len: this.len,
      offset: this.offset,
      flen: this.shadow.kind === 'anon' ? 0 : this.len,
      vid: 0,
      handle: this.shadow.id,
      flags: this.flags,
    };
  }
}

/**
 * The merge rule for left neighbour `l` and right neighbour `r`, with shadow reference counts
 * as they stand now: contiguous in one region, equal rights, ceilings and copy-on-write state,
 * neither a Plan 9 segment, and either (a) contiguous in one shadow or (b) two anonymous
 * shadows each held by this mapping alone.
 */
export function canMerge(l: Mapping, r: Mapping): boolean {
  if (l.end !== r.addr || l.region !== r.region) return false;
  if (l.rights !== r.rights || l.maxRights !== r.maxRights) return false;
  if (l.isPrivate !== r.isPrivate || l.copied !== r.copied) return false;
  if (l.segmented || r.segmented) return false;
  if (l.shadow === r.shadow) return l.offset + l.len === r.offset;
  return exclusiveAnon(l.shadow) && exclusiveAnon(r.shadow);
}

/** An 'anon' shadow held by exactly one mapping: memory with no shadow mapping to keep. */
export function exclusiveAnon(s: Shadow): boolean {
  return s.kind === 'anon' && s.refs === 1;
}
