// Inspection through the kernel's read-only view: a deterministic description of the whole
// state (snapshot) and a check of the kernel's invariants over it (verify), for tests and
// debugging. Neither changes anything.

import { createHash } from 'node:crypto';
import { isAligned } from './args.js';
import type { AddressSpace } from './engine/address-space.js';
import { canMerge, type Mapping } from './engine/mapping.js';
import type { Shadow } from './engine/shadow.js';
import type { ShareGroup } from './proc.js';
import type { KernelView } from './view.js';

/** Whatever has a read-only view: a Kernel. */
export interface Inspectable {
  /** The whole kernel, read-only. */
  readonly view: KernelView;
}

/**
 * The whole kernel state as plain data: processes, spaces and their mappings, shadows with
 * their reference counts and external holds, offers and shares.
 *
 * @param k - the kernel
 * @param o - with `contents`, each mapping carries a digest of the bytes it shows
 * @returns a JSON-serialisable object
 */
export function snapshot(k: Inspectable, o: { contents?: boolean } = {}): unknown {
  const v = k.view;
  const groups = new Map<ShareGroup, number>();
  const procs = v.procs().map((p) => {
    if (p.group !== undefined && !groups.has(p.group)) groups.set(p.group, p.pid);
    return { ...p.identity(), kind: p.kind, group: p.group === undefined ? 0 : groups.get(p.group) };
  });
  const describe = (space: AddressSpace) =>
    [...space.mappings].map((m) => ({
      addr: m.addr,
      len: m.len,
      offset: m.offset,
      handle: m.shadow.id,
      flags: m.flags,
      rights: m.rights,
      maxRights: m.maxRights,
      region: m.region,
      digest: o.contents ? digest(m) : undefined,
    }));
  const spaces: unknown[] = [];
  for (const p of v.procs()) if (p.own !== undefined) spaces.push({ pid: p.pid, segs: describe(p.own) });
  for (const [g, first] of groups) spaces.push({ group: first, segs: describe(g.shared) });
  const shadows = v.shadows().map((s) => ({ id: s.id, size: s.size, refs: s.refs, maxRights: s.maxRights, kind: s.kind, held: v.externalHolds(s) }));
  return { procs, spaces, shadows, offers: v.grants() };
}

/**
 * Checks the kernel's invariants over the whole state: mappings page-aligned, sorted, disjoint
 * and inside their space; no two neighbours the merge rule would join (as mergeablePairs); at
 * most maxSegments per space; each shadow's refs = the mappings holding it + its external holds.
 * @param k - the kernel
 * @returns the violations found, one line each (none in a correct kernel)
 */
export function verify(k: Inspectable): string[] {
  const v = k.view;
  const bad: string[] = [];
  const holders = new Map<Shadow, number>();
  for (const space of spacesOf(v)) {
    const where = `${space.region} space`;
    if (space.count > v.maxSegments) bad.push(`${where}: ${space.count} segments > ${v.maxSegments}`);
    let prev: Mapping | undefined;
    let n = 0;
    for (const m of space.mappings) {
      n++;
      const at = () => `${where} segment ${hex(m.addr)}`;
      if (!isAligned(m.addr) || !isAligned(m.len) || m.len === 0) bad.push(`${at()}: not page-aligned or empty`);
      if (!space.holds(m.addr, m.len)) bad.push(`${at()}: outside [${hex(space.base)}, ${hex(space.top)})`);
      if (m.region !== space.region) bad.push(`${at()}: region ${m.region}`);
      if (prev !== undefined && prev.end > m.addr) bad.push(`${at()}: overlaps or out of order`);
      if (prev !== undefined && canMerge(prev, m) && !v.mergeDeferred(prev, m)) bad.push(`${at()}: should have merged with its left neighbour`);
      if (m.offset + m.len > m.shadow.size) bad.push(`${at()}: beyond its shadow`);
      if (v.shadow(m.shadow.id) !== m.shadow) bad.push(`${at()}: shadow ${m.shadow.id} not registered`);
      if (m.copied && !m.isPrivate) bad.push(`${at()}: copied but not private`);
      if ((m.rights & ~m.maxRights) !== 0) bad.push(`${at()}: rights above maxRights`);
      holders.set(m.shadow, (holders.get(m.shadow) ?? 0) + 1);
      prev = m;
    }
    if (n !== space.count) bad.push(`${where}: count ${space.count} but ${n} segments`);
  }
  for (const s of v.shadows()) {
    const want = (holders.get(s) ?? 0) + v.externalHolds(s);
    if (s.refs !== want) bad.push(`shadow ${s.id}: refs ${s.refs}, holders ${want}`);
    if (s.refs <= 0) bad.push(`shadow ${s.id}: registered with refs ${s.refs}`);
  }
  return bad;
}

/**
 * Every pair of neighbouring mappings, in any space, that the merge rule would join but that
 * stand apart (except a rule-(b) pair whose shadow became exclusive through a change in
 * another space, where no merge is made).
 * @param k - the kernel
 * @returns the pairs, left then right (none in a correct kernel)
 */
export function mergeablePairs(k: Inspectable): [Mapping, Mapping][] {
  const v = k.view;
  const out: [Mapping, Mapping][] = [];
  for (const space of spacesOf(v)) {
    let prev: Mapping | undefined;
    for (const m of space.mappings) {
      if (prev !== undefined && canMerge(prev, m) && !v.mergeDeferred(prev, m)) out.push([prev, m]);
      prev = m;
    }
  }
  return out;
}

function spacesOf(v: KernelView): Set<AddressSpace> {
  const spaces = new Set<AddressSpace>();
  for (const p of v.procs()) for (const s of p.spaces()) spaces.add(s);
  return spaces;
}

/** Digests by mapping (mappings are values) and the shadow version they were taken at. */
const digests = new WeakMap<Mapping, [version: number, digest: string]>();

/**
 * SHA-1 of the bytes a mapping shows, remembered per shadow version. A mapping too large to
 * read (over 64 MiB) is identified by its shadow's version instead.
 */
function digest(m: Mapping): string {
  if (m.len > 1 << 26) return `v${m.shadow.version}`;
  const hit = digests.get(m);
  if (hit !== undefined && hit[0] === m.shadow.version) return hit[1];
  const h = createHash('sha1');
  const buf = new Uint8Array(Math.min(m.len, 1 << 16));
  for (let done = 0; done < m.len; done += buf.length) {
    const view = buf.subarray(0, Math.min(buf.length, m.len - done));
    m.shadow.read(m.offset + done, view);
    h.update(view);
  }
  const d = h.digest('hex');
  digests.set(m, [m.shadow.version, d]);
  return d;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
