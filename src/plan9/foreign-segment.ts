// segattach's hook for #g segments of another table (9front port/segment.c: segattach asks
// `_globalsegattach` first; port/devsegment.c sets it). Here a client's kernel sets it to find
// the segments of a mounted #g: their memory stays the client's (a server's SharedArrayBuffers
// or its data file), and the Plan 9 layer gives them a slot, an address range and references.

/** A #g segment of another table, as the hook hands it to segattach. */
export interface ForeignSegment {
  readonly base: number;
  /** Bytes, a page multiple. */
  readonly size: number;
  /** Zeroes [off, off+len) of the memory for every holder (segfree). */
  zero(off: number, len: number): void;
  /**
   * Lets go of the memory. Called once: when the last slot holding the segment lets it go
   * (segdetach, exit), or when segattach fails after the hook answered.
   */
  release(): void;
}

/**
 * 9front's _globalsegattach: the segment called `name` for process `pid`, or undefined when
 * the name is not one of the hook's. Throws Plan9Error to refuse, as devsegment's
 * globalsegattach does (`permission denied`, `global segment not assigned a virtual address`).
 */
export type GlobalSegattach = (pid: number, name: string) => ForeignSegment | undefined;
