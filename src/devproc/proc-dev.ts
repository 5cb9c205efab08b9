// The proc device, #p: every process of a Kernel as files, so that any 9P client can drive the
// seed systems' calls (docs/proc-device.md). `clone` makes a process, `help`
// lists the ctl grammar, and each process N has `ctl` (one command per write, the result read
// back), `info` and `segment`. Only N's owner (the attach user that made it) or eve may open
// N's ctl for writing.
// Invariant: an open ctl chan's aux is its CtlFid; every other chan's aux is undefined.

import type { Chan, Dev, WalkResult } from '../dev/dev.js';
import type { Dir, DirChanges } from '../lib9/dir.js';
import { devAttach, devWalk, readstr } from '../dev/devhelp.js';
import { devPermCheck, openmode } from '../lib9/perm.js';
import { Ebadfd, Eisdir, Enegoff, Enotdir, Eperm, Eprocdied, Plan9Error, error } from '../lib9/errors.js';
import type { Kernel } from '../kernel/kernel.js';
import { plan9For } from '../plan9/plan9-for.js';
import { OREAD, OWRITE, ORDWR } from '../lib9/modes.js';
import { ctlTable, type CtlContext } from './commands.js';
import { fields } from './fields.js';
import { chanDir, procDir, procgen, type ProcTree } from './gen.js';
import type { Plan9Facade } from './plan9-facade.js';
import { Qclone, Qctl, Qhelp, Qinfo, Qprocdir, Qsegment, Qtopdir, qpath, qpid, qtype } from './qid.js';
import { infoLine, segmentInfoLine } from './result-text.js';

/** 9front's exhausted("procs"): the Plan 9 string of clone and the creating commands past a process limit (code 'EIO'). */
export const Enoprocs = 'no free procs';

/** Options of `new ProcDev()`. */
export interface ProcDevOptions {
  /**
   * The Plan 9 personality whose processes get the segattach family and Plan 9's segment text.
   * Default: the kernel's own (`plan9For(kernel)`).
   */
  /** @internal */
  plan9?: Plan9Facade;
  /** Most live processes (all of the kernel's) before clone and the creating commands fail with `no free procs`. Default 4096. */
  maxProcs?: number;
  /**
   * Most live processes one user (other than eve) may have made through this device, so that
   * one user cannot take every slot: past it, `no free procs`. Default 256.
   */
  maxProcsPerUser?: number;
}

/** An open ctl file: the result of the last command written through it, if any. */
interface CtlFid {
  result: string | undefined;
}

const ctlPerm = 0o660;

/**
 * Plan 9-style `#p` device on `kernel`: every process of the kernel as files, so that any 9P
 * client can drive the kernel's calls. `clone` makes a process, `help` lists the ctl grammar,
 * and each process N has `ctl` (one command per write, the result read back), `info` and
 * `segment`. `eve` owns the processes the device did not make and may write every ctl. Every
 * method throws Plan9Error with the Plan 9 string on failure: a kernel call's negative errno
 * becomes its string (toErrstr), so `ctl` writes fail with `bad arg in system call`,
 * `permission denied`, …; an unknown command is `bad process or channel control request`.
 *
 * @example
 * ```ts
 * import { Kernel } from 'segfs/kernel';
 * import { ProcDev } from 'segfs/dev';
 * import { mount } from 'segfs';
 * const ns = await mount(new ProcDev(new Kernel(), 'glenda'), { user: 'glenda' });
 * console.log(new TextDecoder().decode(await ns.readFile('help'))); // the ctl grammar
 * await ns.close();
 * ```
 */
export class ProcDev implements Dev, ProcTree {
  /** Always 'p'. */
  readonly dc = 'p';
  /** Always 'proc'. */
  readonly name = 'proc';
  /** @internal */
  readonly dev: Dev = this;
  /** Most live processes of the kernel before clone fails with `no free procs`. */
  readonly maxProcs: number;
  /** Most live processes one user (other than eve) may make through the device. */
  readonly maxProcsPerUser: number;
  readonly #plan9: Plan9Facade;
  /** owners of the processes this device made; the rest are eve's */
  readonly #owners = new Map<number, string>();
  /** each process's latest command result, whoever wrote it */
  readonly #last = new Map<number, string>();

  /**
   * @param kernel - the kernel whose processes the device shows
   * @param eve - the host owner: owns the processes the device did not make, may write every ctl
   * @param o - process limits
   * @throws RangeError for a limit that is not a positive integer
   */
  constructor(
    /** The kernel shown. */
    readonly kernel: Kernel,
    /** The host owner. */
    readonly eve: string,
    o: ProcDevOptions = {},
  ) {
    const max = o.maxProcs ?? 4096;
    if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxProcs must be a positive integer, not ${max}`);
    this.maxProcs = max;
    const perUser = o.maxProcsPerUser ?? 256;
    if (!Number.isSafeInteger(perUser) || perUser < 1) throw new RangeError(`maxProcsPerUser must be a positive integer, not ${perUser}`);
    this.maxProcsPerUser = perUser;
    this.#plan9 = o.plan9 ?? plan9For(kernel);
    kernel.onExit((p) => {
      this.#owners.delete(p.pid);
      this.#last.delete(p.pid);
    });
  }

  // ---- ProcTree ----

  /** @internal */
  alive(pid: number): boolean {
    return this.kernel.proc(pid) !== undefined;
  }

  /** @internal */
  owner(pid: number): string {
    return this.#owners.get(pid) ?? this.eve;
  }

  /** @internal */
  pids(): number[] {
    return this.kernel.procs().map((p) => p.pid);
  }

  // ---- Dev ----

  /**
   * A channel to #p's root.
   * @param _spec - the attach name (any)
   * @param user - the attach user: owns the processes it makes through clone
   * @returns the root channel
   */
  attach(_spec: string, user: string): Chan {
    return devAttach(this, user);
  }

  walk(c: Chan, names: readonly string[]): WalkResult {
    return devWalk(c, names, (ch, name, i) => procgen(this, ch, name, i));
  }

  stat(c: Chan): Dir {
    return chanDir(this, c);
  }

  readdir(c: Chan): Dir[] {
    const type = qtype(c.qid.path);
    if (type === Qtopdir) return [procDir(this, 0, Qclone), procDir(this, 0, Qhelp), ...this.pids().map((p) => procDir(this, p, Qprocdir))];
    if (type !== Qprocdir) error(Enotdir);
    const pid = qpid(c.qid.path);
    return [procDir(this, pid, Qctl), procDir(this, pid, Qinfo), procDir(this, pid, Qsegment)];
  }

  /**
   * Directories open for reading only. `clone` makes a process owned by the attach user and
   * the chan becomes that process's ctl, open. `ctl` needs the permission check (0660: owner
   * and eve); help, info and segment are read-only.
   * @param c - the channel
   * @param omode - the open mode
   * @returns the opened channel (for clone: the new process's ctl)
   * @throws Plan9Error `permission denied` ('EACCES'), `file is a directory` ('EISDIR'),
   *   `no free procs` (clone past a limit), `process exited` ('ESRCH')
   */
  open(c: Chan, omode: number): Chan {
    const type = qtype(c.qid.path);
    const mode = openmode(omode);
    if (type === Qtopdir || type === Qprocdir) {
      if (mode !== OREAD) error(Eisdir);
      if (type === Qprocdir) this.#live(c);
    } else if (type === Qclone) {
      devPermCheck(c.user, this.eve, this.eve, 0o666, mode);
      this.#roomForProcess(c.user);
      const pid = this.kernel.spawn();
      this.#owners.set(pid, c.user);
      c.qid = { type: c.qid.type, vers: 0, path: qpath(pid, Qctl) };
      c.aux = { result: undefined } satisfies CtlFid;
    } else if (type === Qctl) {
      const pid = this.#live(c);
      devPermCheck(c.user, this.eve, this.owner(pid), ctlPerm, mode);
      c.aux = { result: undefined } satisfies CtlFid;
    } else {
      if (mode !== OREAD) error(Eperm);
      if (type !== Qhelp) this.#live(c);
    }
    c.mode = mode;
    c.rclose = false;
    c.open = true;
    return c;
  }

  /**
   * #p makes no files: processes come from clone.
   * @param _c - the directory
   * @param _name - the name
   * @param _omode - the open mode
   * @param _perm - the permission bits
   * @throws Plan9Error `permission denied` (code 'EACCES'), always
   */
  create(_c: Chan, _name: string, _omode: number, _perm: number): never {
    error(Eperm);
  }

  /**
   * ctl: the result of the last command written through this open file (even once the process
   * has exited); if it wrote none, the process's latest result (so `echo … >ctl; cat ctl` works from a shell); before any, the
   * pid. help: the grammar. info, segment: generated afresh on each read. Offsets as readstr.
   * @param c - the open channel
   * @param buf - filled from its start
   * @param offset - the file offset
   * @returns the count read, 0 at the end
   * @throws Plan9Error `process exited` ('ESRCH') for info or segment of a process that is gone
   */
  read(c: Chan, buf: Uint8Array, offset: number): number {
    if (!c.open) error(Ebadfd);
    if (offset < 0) error(Enegoff);
    const type = qtype(c.qid.path);
    if (type === Qtopdir || type === Qprocdir) error(Eisdir);
    if (type === Qhelp) return readstr(offset, buf, ctlTable.help());
    // the fid's own result outlives the process (`kill` reads back 0)
    const own = type === Qctl ? (c.aux as CtlFid).result : undefined;
    if (own !== undefined) return readstr(offset, buf, own);
    const pid = this.#live(c);
    let text: string;
    if (type === Qctl) text = this.#last.get(pid) ?? `${pid}\n`;
    else if (type === Qinfo) text = this.#info(pid);
    else text = this.#segmentText(pid);
    return readstr(offset, buf, text);
  }

  /**
   * ctl only: one command per write (docs/proc-device.md). The whole count is returned on
   * success; a failed command is an error carrying its Plan 9 string and leaves the result
   * read back as it was.
   * @param c - the open ctl channel
   * @param data - one command (`segalloc 0x10000000 0x2000 rw`, …; see #p/help)
   * @param offset - ignored
   * @returns data.length
   * @throws Plan9Error `bad process or channel control request` ('EINVAL': unknown command),
   *   `bad arg in system call` ('EINVAL': malformed argument), or the call's own string
   *   (the kernel's negative errno through toErrstr: `permission denied`, `segments overlap`, …)
   */
  write(c: Chan, data: Uint8Array, offset: number): number {
    if (!c.open) error(Ebadfd);
    if (offset < 0) error(Enegoff);
    const type = qtype(c.qid.path);
    if (type === Qtopdir || type === Qprocdir) error(Eisdir);
    if (type !== Qctl || (c.mode !== OWRITE && c.mode !== ORDWR)) error(Eperm);
    const pid = this.#live(c);
    if (c.user !== this.owner(pid) && c.user !== this.eve) error(Eperm);
    const [cmd, args] = ctlTable.parse(fields(data));
    const result = cmd.run(this.#context(pid, c.user), args);
    (c.aux as CtlFid).result = result;
    if (this.alive(pid)) this.#last.set(pid, result);
    return data.length;
  }

  /**
   * Processes are not removed through #p (write `exit` to ctl).
   * @param _c - the channel
   * @throws Plan9Error `permission denied` (code 'EACCES'), always
   */
  remove(_c: Chan): never {
    error(Eperm);
  }

  /**
   * A process's files, by its owner or eve, accept a wstat that changes only the length or the
   * times, and ignore it: that is how `echo … >ctl` truncates over 9P2000.u (Linux sends
   * Twstat length 0). Names, modes and owners cannot change (`permission denied`).
   * @param c - the channel
   * @param changes - the fields to change
   * @throws Plan9Error `permission denied` (code 'EACCES')
   */
  wstat(c: Chan, changes: DirChanges): void {
    const type = qtype(c.qid.path);
    if (type !== Qctl && type !== Qinfo && type !== Qsegment) error(Eperm);
    const pid = this.#live(c);
    if (c.user !== this.owner(pid) && c.user !== this.eve) error(Eperm);
    const { mode, name, uid, gid } = changes;
    if (mode !== undefined || name !== undefined || uid !== undefined || gid !== undefined) error(Eperm);
  }

  close(c: Chan): void {
    c.open = false;
    c.aux = undefined;
  }

  // ---- internals ----

  /** The pid of a process chan; `process exited` if it has. */
  #live(c: Chan): number {
    const pid = qpid(c.qid.path);
    if (!this.alive(pid)) error(Eprocdied);
    return pid;
  }

  /** Throws `no free procs` when the kernel, or `user`'s share of it, is full. */
  #roomForProcess(user: string): void {
    if (this.kernel.procs().length >= this.maxProcs) error(Enoprocs);
    if (user === this.eve) return;
    let mine = 0;
    for (const owner of this.#owners.values()) if (owner === user) mine++;
    if (mine >= this.maxProcsPerUser) error(Enoprocs);
  }

  #context(pid: number, user: string): CtlContext {
    return {
      kernel: this.kernel,
      plan9: this.#plan9,
      pid,
      user,
      eve: this.eve,
      adopt: (child) => { this.#owners.set(child, user); },
      roomForProcess: () => this.#roomForProcess(user),
    };
  }

  #info(pid: number): string {
    const i = this.kernel.procInfo(pid);
    if (typeof i === 'number') throw new Plan9Error(Eprocdied);
    return infoLine(i, this.owner(pid), this.#plan9.has(pid));
  }

  /** Plan 9 processes: 9front's text; others: one segquery line per segment, in address order. */
  #segmentText(pid: number): string {
    if (this.#plan9.has(pid)) return this.#plan9.segmentText(pid);
    let out = '';
    for (let addr = 0; ;) {
      const i = this.kernel.segQuery(pid, 0, addr);
      if (typeof i === 'number') return out;
      out += segmentInfoLine(i);
      addr = i.addr + i.len;
    }
  }
}
