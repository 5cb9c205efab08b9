// The scene builder: the one module that reads the kernel and its #g table for the web view.
// It turns the current state into a Scene (scene-types.ts) through the kernel's public read
// accessors (procs(), plan9For(kernel).procs(), the global segment table, shadow(), vmListOffer) and
// changes nothing. Metadata only: no byte of any segment is read.

import type { Kernel } from '../kernel/kernel.js';
import type { Mapping as Segment } from '../kernel/engine/mapping.js';
import { plan9For } from '../plan9/plan9-for.js';
import type { ShareGroup } from '../kernel/proc.js';
import type { OfferRecord } from '../kernel/offers.js';
import {
  PERM_R, PERM_W, PERM_X, USER_BASE, USER_TOP, VMO_DROP_R, VMO_DROP_W, VMO_DROP_X, VMO_GRANT_R, VMO_GRANT_W, VMO_GRANT_X,
} from '../kernel/constants.js';
import { SG_TYPE, sname } from '../plan9/constants.js';
import type { GlobalView, GroupView, OfferView, ProcView, Scene, SegView, ShadowView } from './scene-types.js';

/** The kernel as the web view sees it (the Kernel class is one). */
export type SceneKernel = Kernel;

/** 'rwx' letters of PERM_* bits. */
function rightsText(r: number): string {
  return (r & PERM_R ? 'r' : '-') + (r & PERM_W ? 'w' : '-') + (r & PERM_X ? 'x' : '-');
}

/** ls -l's permission letters of a 9-bit mode. */
function modeText(perm: number): string {
  let out = '';
  for (let shift = 6; shift >= 0; shift -= 3) out += rightsText(((perm >> shift) & 4 ? PERM_R : 0) | ((perm >> shift) & 2 ? PERM_W : 0) | ((perm >> shift) & 1 ? PERM_X : 0));
  return out;
}

/** An offer's or a grant's flags as words. */
function offerFlags(o: OfferRecord): string {
  if (o.kind === 'share') return rightsText(o.flags).replace(/-/g, '') || 'none';
  const grant = (o.flags & VMO_GRANT_R ? 'r' : '') + (o.flags & VMO_GRANT_W ? 'w' : '') + (o.flags & VMO_GRANT_X ? 'x' : '');
  const drops = [[VMO_DROP_R, 'dropr'], [VMO_DROP_W, 'dropw'], [VMO_DROP_X, 'dropx']] as const;
  return [grant || 'none', ...drops.filter(([bit]) => o.flags & bit).map(([, w]) => w)].join(' ');
}

function segView(s: Segment, label: string | undefined): SegView {
  const v: SegView = {
    addr: s.addr,
    len: s.len,
    rights: rightsText(s.rights),
    shadow: s.shadow.id,
    offset: s.offset,
    private: s.isPrivate,
    copied: s.copied,
    segmented: s.segmented,
    shared: s.region === 'shared',
  };
  if (label !== undefined) v.label = label;
  return v;
}

/** The whole state of `kernel` as a Scene. */
export function buildScene(kernel: SceneKernel): Scene {
  const scene: Scene = { userBase: USER_BASE, userTop: USER_TOP, procs: {}, groups: {}, globals: {}, shadows: {}, offers: {} };
  const shadowIds = new Set<number>();

  // #g: names by memory object, so mappings of a #g segment carry its name.
  const globalName = new Map<number, string>();
  const globals: GlobalView[] = [];
  for (const g of plan9For(kernel).segments.globals.live()) {
    const s = g.s;
    const v: GlobalView = {
      name: g.name, slot: g.slot, uid: g.uid, mode: modeText(g.perm),
      va: s?.base ?? 0, len: s?.size ?? 0, shadow: s?.shadow.id ?? 0, committed: s?.shadow.committed ?? 0,
      procs: [], fids: g.ref - (g.listed ? 1 : 0),
    };
    if (s !== null) {
      globalName.set(s.shadow.id, g.name);
      shadowIds.add(s.shadow.id);
    }
    globals.push(v);
    scene.globals[g.name] = v;
  }

  // Plan 9 segment types, by process and memory object.
  const p9label = new Map<number, Map<number, string>>();
  for (const p of plan9For(kernel).procs()) {
    const m = new Map<number, string>();
    for (const s of p.seg) if (s !== undefined) m.set(s.shadow.id, sname[s.type & SG_TYPE]);
    p9label.set(p.pid, m);
  }

  const groupIds = new Map<ShareGroup, number>();
  const holders = new Map<number, number[]>();
  const view = (pid: number, s: Segment): SegView => {
    shadowIds.add(s.shadow.id);
    let h = holders.get(s.shadow.id);
    if (h === undefined) holders.set(s.shadow.id, (h = []));
    if (h[h.length - 1] !== pid) h.push(pid);
    return segView(s, globalName.get(s.shadow.id) ?? p9label.get(pid)?.get(s.shadow.id));
  };
  const offers: OfferRecord[] = [];
  const count = { n: Number.MAX_SAFE_INTEGER };
  for (const p of kernel.procs()) {
    let group = 0;
    if (p.group !== undefined) {
      group = groupIds.get(p.group) ?? 0;
      if (group === 0) {
        group = p.pid;
        groupIds.set(p.group, group);
        const shared = p.group.shared;
        const gv: GroupView = { id: group, members: [...p.group.members].map((m) => m.pid).sort((a, b) => a - b), base: shared.base, top: shared.top, segs: [] };
        for (const s of shared.mappings) gv.segs.push(view(p.pid, s));
        scene.groups[String(group)] = gv;
      }
    }
    const segs: SegView[] = [];
    if (p.own !== undefined) for (const s of p.own.mappings) segs.push(view(p.pid, s));
    const pv: ProcView = { pid: p.pid, parent: p.parent, name: p.name, kind: p.kind, group, plan9: p9label.has(p.pid), segs };
    scene.procs[String(p.pid)] = pv;
    const list: OfferRecord[] = [];
    count.n = Number.MAX_SAFE_INTEGER;
    if (kernel.vmListOffer(p.pid, list, count) === 0) for (const o of list) if (o.direction === 'sent') offers.push(o);
  }
  for (const g of globals) if (g.shadow !== 0) g.procs = holders.get(g.shadow) ?? [];

  for (const o of offers) {
    const v: OfferView = { id: o.id, kind: o.kind, src: o.src, dest: o.dest, addr: o.addr, len: o.len, flags: offerFlags(o) };
    scene.offers[String(o.id)] = v;
  }
  for (const id of [...shadowIds].sort((a, b) => a - b)) {
    const s = kernel.shadow(id);
    if (s === undefined) continue;
    const v: ShadowView = { id, size: s.size, refs: s.refs, kind: s.kind, committed: s.committed };
    scene.shadows[String(id)] = v;
  }
  return scene;
}
