// ramfs: a complete in-memory file tree as a Dev, in the spirit of lib9p's ramfs.c. It is the
// smallest device the 9P exporter can serve (`serve({ dev: new RamFs(eve) })`) and the one
// the server's tests use before and beside #g. Files and directories of any name; create,
// read, write (files grow), remove (directories only when empty), wstat of mode, name,
// length and owner; ORCLOSE; OTRUNC truncates. Permissions follow Plan 9's devpermcheck.

import type { Chan, Dev, WalkResult } from '../src/dev/dev.js';
import type { Dir, DirChanges, Qid } from '../src/lib9/dir.js';
import { Eexist, Eisdir, Enonexist, Enotdir, Eperm, Plan9Error, error } from '../src/lib9/errors.js';
import { DMDIR, OEXEC, ORCLOSE, OTRUNC, QTDIR, QTFILE } from '../src/lib9/modes.js';

interface Node {
  name: string;
  qid: Qid;
  mode: number;
  uid: string;
  mtime: number;
  parent: Node;
  /** Children of a directory, by name (insertion order is listing order). */
  children?: Map<string, Node>;
  data: Uint8Array;
  length: number;
}

const access = [0o400, 0o200, 0o600, 0o100];

/** An in-memory file tree served as a Dev ('#R'); `eve` is its owner and superuser. */
export class RamFs implements Dev {
  readonly dc = 'R';
  readonly name = 'ramfs';
  readonly root: Node;
  #nextPath = 1n;

  constructor(readonly eve: string) {
    const root = { name: '/', qid: { type: QTDIR, vers: 0, path: 0n }, mode: DMDIR | 0o777, uid: eve,
      mtime: now(), children: new Map(), data: new Uint8Array(0), length: 0 } as Omit<Node, 'parent'> as Node;
    root.parent = root;
    this.root = root;
  }

  attach(_spec: string, user: string): Chan {
    return { dev: this, qid: { ...this.root.qid }, user, open: false, mode: 0, rclose: false, aux: this.root };
  }

  walk(c: Chan, names: readonly string[]): WalkResult {
    let n = node(c);
    const qids: Qid[] = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (n.children === undefined) { if (i === 0) error(Enotdir); return { qids }; }
      const next = name === '..' ? n.parent : name === '.' ? n : n.children.get(name);
      if (next === undefined) { if (i === 0) error(Enonexist); return { qids }; }
      n = next;
      qids.push({ ...n.qid });
    }
    return { qids, chan: { dev: this, qid: { ...n.qid }, user: c.user, open: false, mode: 0, rclose: false, aux: n } };
  }

  stat(c: Chan): Dir {
    const n = node(c);
    return { type: this.dc.charCodeAt(0), dev: 0, qid: { ...n.qid }, mode: n.mode, atime: n.mtime, mtime: n.mtime,
      length: BigInt(n.children ? 0 : n.length), name: n.name, uid: n.uid, gid: this.eve, muid: n.uid };
  }

  open(c: Chan, omode: number): Chan {
    const n = node(c);
    const mode = omode & 3;
    if (n.children !== undefined && (omode & ~ORCLOSE) !== 0) error(Eisdir);
    this.#permCheck(c.user, n, mode);
    if (omode & ORCLOSE) this.#permCheck(c.user, n.parent, 1);
    if (omode & OTRUNC) {
      this.#permCheck(c.user, n, 1); // open(5): truncation needs write permission
      n.length = 0;
      n.mtime = now();
    }
    c.open = true;
    c.mode = mode === OEXEC ? 0 : mode;
    c.rclose = (omode & ORCLOSE) !== 0;
    return c;
  }

  create(c: Chan, name: string, omode: number, perm: number): void {
    const dir = node(c);
    if (dir.children === undefined) error(Enotdir);
    if (name === '.' || name === '..' || name === '' || name.includes('/')) error(Enonexist);
    if (dir.children.has(name)) error(Eexist);
    this.#permCheck(c.user, dir, 1);
    const isDir = (perm & DMDIR) !== 0;
    const mode = isDir ? (DMDIR | (perm & (~0o777 | (dir.mode & 0o777)) & 0o777)) >>> 0 : perm & (~0o666 | (dir.mode & 0o666)) & 0o777;
    const n: Node = { name, qid: { type: isDir ? QTDIR : QTFILE, vers: 0, path: this.#nextPath++ }, mode, uid: c.user,
      mtime: now(), parent: dir, data: new Uint8Array(0), length: 0 };
    if (isDir) n.children = new Map();
    if (isDir && (omode & ~ORCLOSE) !== 0) error(Eisdir);
    dir.children.set(name, n);
    c.qid = { ...n.qid };
    c.aux = n;
    c.open = true;
    c.mode = (omode & 3) === OEXEC ? 0 : omode & 3;
    c.rclose = (omode & ORCLOSE) !== 0;
  }

  read(c: Chan, buf: Uint8Array, offset: number): number {
    const n = node(c);
    if (offset >= n.length) return 0;
    const count = Math.min(buf.length, n.length - offset);
    buf.set(n.data.subarray(offset, offset + count));
    return count;
  }

  readdir(c: Chan): Dir[] {
    const n = node(c);
    if (n.children === undefined) error(Enotdir);
    return [...n.children.values()].map((k) => this.stat({ ...c, aux: k, qid: k.qid }));
  }

  write(c: Chan, data: Uint8Array, offset: number): number {
    const n = node(c);
    if (n.children !== undefined) error(Eisdir);
    const end = offset + data.length;
    if (end > n.data.length) {
      const grown = new Uint8Array(Math.max(end, n.data.length * 2));
      grown.set(n.data.subarray(0, n.length));
      n.data = grown;
    }
    if (offset > n.length) n.data.fill(0, n.length, offset);
    n.data.set(data, offset);
    n.length = Math.max(n.length, end);
    n.mtime = now();
    return data.length;
  }

  remove(c: Chan): void {
    const n = node(c);
    if (n === this.root) error(Eperm);
    if (n.parent.children?.get(n.name) !== n) error(Enonexist);
    if (n.children !== undefined && n.children.size > 0) error('directory is not empty');
    this.#permCheck(c.user, n.parent, 1);
    n.parent.children.delete(n.name);
  }

  wstat(c: Chan, d: DirChanges): void {
    const n = node(c);
    if (c.user !== n.uid && c.user !== this.eve) error(Eperm);
    if (d.name !== undefined && d.name !== n.name) {
      if (n === this.root || d.name === '' || d.name.includes('/')) error(Eperm);
      if (n.parent.children!.has(d.name)) error(Eexist);
    }
    if (d.length !== undefined && n.children !== undefined && d.length !== 0n) error(Eisdir);
    if (d.length !== undefined && d.length > BigInt(1 << 30)) error('file too big');
    if (d.mode !== undefined && ((d.mode & DMDIR) !== 0) !== (n.children !== undefined)) error(Eperm);
    // every check passed: apply all or nothing
    if (d.name !== undefined && d.name !== n.name) {
      n.parent.children!.delete(n.name);
      n.name = d.name;
      n.parent.children!.set(n.name, n);
    }
    if (d.mode !== undefined) n.mode = ((n.mode & DMDIR) | (d.mode & 0o777)) >>> 0;
    if (d.length !== undefined && n.children === undefined) this.#truncate(n, Number(d.length));
    if (d.uid !== undefined && d.uid !== '') n.uid = d.uid;
    if (d.mtime !== undefined) n.mtime = d.mtime;
  }

  close(c: Chan): void {
    if (!c.open || !c.rclose) return;
    try { this.remove(c); } catch (e) { if (!(e instanceof Plan9Error)) throw e; }
  }

  #truncate(n: Node, length: number): void {
    if (length > n.data.length) {
      const grown = new Uint8Array(length);
      grown.set(n.data.subarray(0, n.length));
      n.data = grown;
    } else if (length > n.length) {
      n.data.fill(0, n.length, length);
    }
    n.length = length;
  }

  #permCheck(user: string, n: Node, omode: number): void {
    const shift = user === n.uid ? 0 : user === this.eve ? 3 : 6;
    const need = access[omode & 3]!;
    if ((((n.mode & 0o777) << shift) & need) !== need) error(Eperm);
  }
}

function node(c: Chan): Node {
  return c.aux as Node;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
