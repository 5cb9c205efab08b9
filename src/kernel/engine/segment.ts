// Segment: one entry of an address space (kernel.md §4.2), a page-aligned range mapped onto a
// range of a Shadow. Segments are values: an operation that changes one replaces it with a
// derived segment (`derive`), which keeps the address-space structures and the undo journal
// simple. Only `aux` is mutable; it belongs to the layer that made the segment (the Plan 9
// facade keeps its segment type and attributes there) and is carried to every derived segment.

import type { Shadow } from './shadow.js';
import { PERM_RWX, SEG_COPIED, SEG_PRIVATE, SEG_SEGMENTED, SEG_SHARED_REGION } from '../constants.js';

export type Region = 'normal' | 'restricted' | 'shared';

/** proc_segment_info (kernel.md §4.2). */
export interface SegmentInfo {
  addr: number;
  len: number;
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

export interface SegmentProps {
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
  /** the private copy has been made: `shadow` is this segment's own */
  copied: boolean;
  /** a Plan 9 segment: never merged, only its tail may be freed */
  segmented: boolean;
  region: Region;
  aux?: unknown;
}

export class Segment implements Readonly<Omit<SegmentProps, 'aux'>> {
  readonly addr: number;
  readonly len: number;
  readonly rights: number;
  readonly maxRights: number;
  readonly shadow: Shadow;
  readonly offset: number;
  readonly isPrivate: boolean;
  readonly copied: boolean;
  readonly segmented: boolean;
  readonly region: Region;
  /** Owned by the layer that created the segment; copied to derived segments. */
  aux: unknown;

  constructor(p: SegmentProps) {
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
    this.aux = p.aux;
  }

  /** First address after the segment. */
  get end(): number {
    return this.addr + this.len;
  }

  /** A copy with `changes` applied (aux carried along unless changed). */
  derive(changes: Partial<SegmentProps>): Segment {
    return new Segment({ ...this.props(), ...changes });
  }

  /** The part [from, to) of this segment, which must lie inside it. */
  slice(from: number, to: number): Segment {
    return this.derive({ addr: from, len: to - from, offset: this.offset + (from - this.addr) });
  }

  props(): SegmentProps {
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
      aux: this.aux,
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
 * The merge rule of kernel.md §4.2 invariant 3 for left neighbour `l` and right neighbour `r`,
 * with shadow reference counts as they stand now.
 */
export function canMerge(l: Segment, r: Segment): boolean {
  if (l.end !== r.addr || l.region !== r.region) return false;
  if (l.rights !== r.rights || l.maxRights !== r.maxRights) return false;
  if (l.isPrivate !== r.isPrivate || l.copied !== r.copied) return false;
  if (l.segmented || r.segmented) return false;
  if (l.shadow === r.shadow) return l.offset + l.len === r.offset;
  return exclusiveAnon(l.shadow) && exclusiveAnon(r.shadow);
}

/** An 'anon' shadow held by exactly one segment: "no shadow mapping" in seed 000's sense. */
export function exclusiveAnon(s: Shadow): boolean {
  return s.kind === 'anon' && s.refs === 1;
}
