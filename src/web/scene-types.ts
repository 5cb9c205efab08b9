// The scene: what the web view shows, as plain JSON shared by the server and the page. Only
// metadata: addresses, lengths, owners, rights, holders, committed bytes; never contents.
// Every collection is a record keyed by a stable id, so one scene can be diffed against the
// next entity by entity (scene-diff.ts).

/** One mapping of an address space. */
export interface SegView {
  addr: number;
  len: number;
  /** 'rwx' letters in force, '-' where absent */
  rights: string;
  /** the memory object (kernel shadow) mapped */
  shadow: number;
  offset: number;
  /** copy-on-write: writes go to a private copy */
  private: boolean;
  /** the private copy has been made: `shadow` is this mapping's own */
  copied: boolean;
  /** a Plan 9 segment (never merged) */
  segmented: boolean;
  /** lies in a Zircon share group's shared region */
  shared: boolean;
  /** Plan 9 segment type (Text, Data, Bss, Stack, Shared…) or a #g segment's name, if known */
  label?: string;
}

export interface ProcView {
  pid: number;
  parent: number;
  name: string;
  /** 'normal' | 'prototype' | 'member' */
  kind: string;
  /** the pid naming its share group (0: none) */
  group: number;
  /** a Plan 9 process (has seg[] slots) */
  plan9: boolean;
  /** its own space: the normal space, or a member's restricted space */
  segs: SegView[];
}

/** A Zircon share group: its shared region, drawn once as a band across its members. */
export interface GroupView {
  id: number;
  members: number[];
  base: number;
  top: number;
  segs: SegView[];
}

/** A #g segment. */
export interface GlobalView {
  name: string;
  slot: number;
  uid: string;
  /** e.g. 'rw-rw----' */
  mode: string;
  /** 0 until a `va` ctl message gave it an address */
  va: number;
  len: number;
  shadow: number;
  /** bytes of backing store allocated so far */
  committed: number;
  /** pids that have it mapped */
  procs: number[];
  /** open ctl/data channels */
  fids: number;
}

/** A memory object. */
export interface ShadowView {
  id: number;
  size: number;
  refs: number;
  kind: string;
  committed: number;
  /** the memory object a private copy was made from, when the server saw it happen */
  from?: number;
}

/** A pending vm_offer or a standing segShare grant: an arrow from src to dest. */
export interface OfferView {
  id: number;
  kind: 'offer' | 'share';
  src: number;
  dest: number;
  addr: number;
  len: number;
  /** 'rw', 'r dropw', … */
  flags: string;
}

export interface Scene {
  /** user address range */
  userBase: number;
  userTop: number;
  procs: Record<string, ProcView>;
  groups: Record<string, GroupView>;
  globals: Record<string, GlobalView>;
  shadows: Record<string, ShadowView>;
  offers: Record<string, OfferView>;
}

/** The keyed collections of a Scene. */
export const SCENE_PARTS = ['procs', 'groups', 'globals', 'shadows', 'offers'] as const;
export type ScenePart = (typeof SCENE_PARTS)[number];

/** Changes from one scene to the next: per part, entries set (whole) and keys deleted. */
export interface SceneDiff {
  set: Partial<Record<ScenePart, Record<string, unknown>>>;
  del: Partial<Record<ScenePart, string[]>>;
}

/** One line of the event log. */
export interface LogEntry {
  /** ms since the epoch */
  t: number;
  text: string;
}

/** What the server sends: `scene` (whole state, first and after a reconnect) or `diff`. */
export interface SceneMessage {
  seq: number;
  scene: Scene;
  log: LogEntry[];
}

export interface DiffMessage {
  seq: number;
  diff: SceneDiff;
  log: LogEntry[];
}
