// procgen: the #p tree described by one function, for devWalk (src/dev/devhelp.ts).
//   #p              clone, help, then one directory per live process, by pid
//   #p/N            ctl, info, segment
// A walk asks for a name; the gen answers it at once (a pid is looked up, not searched for),
// so a walk costs the same however many processes there are.

import type { Chan, Dev } from '../dev/dev.js';
import type { Dir } from '../lib9/dir.js';
import { DEVDOTDOT, devDir, type GenResult } from '../dev/devhelp.js';
import { Eprocdied, error } from '../lib9/errors.js';
import { DMDIR, QTDIR, QTFILE } from '../lib9/modes.js';
import { Qclone, Qctl, Qhelp, Qinfo, Qprocdir, Qsegment, Qtopdir, qpath, qpid, qtype } from './qid.js';

/** What the gen needs of the device: liveness and owners of processes. */
export interface ProcTree {
  readonly dev: Dev;
  readonly eve: string;
  alive(pid: number): boolean;
  owner(pid: number): string;
  /** live pids in increasing order */
  pids(): number[];
}

const procFiles = [Qctl, Qinfo, Qsegment] as const;

/** The directory entry of file `type` of process `pid` (0 for the top-level files). */
export function procDir(t: ProcTree, pid: number, type: number): Dir {
  const q = (qt: number) => ({ type: qt, vers: 0, path: qpath(pid, type) });
  const { dev, eve } = t;
  switch (type) {
    case Qtopdir: return devDir(dev, q(QTDIR), '#p', 0n, eve, DMDIR | 0o555, eve);
    case Qclone: return devDir(dev, q(QTFILE), 'clone', 0n, eve, 0o666, eve);
    case Qhelp: return devDir(dev, q(QTFILE), 'help', 0n, eve, 0o444, eve);
  }
  if (!t.alive(pid)) error(Eprocdied);
  const owner = t.owner(pid);
  switch (type) {
    case Qprocdir: return devDir(dev, q(QTDIR), String(pid), 0n, owner, DMDIR | 0o555, eve);
    case Qctl: return devDir(dev, q(QTFILE), 'ctl', 0n, owner, 0o660, eve);
    case Qinfo: return devDir(dev, q(QTFILE), 'info', 0n, owner, 0o444, eve);
    default: return devDir(dev, q(QTFILE), 'segment', 0n, owner, 0o444, eve);
  }
}

/** The entry of the chan's own file. */
export function chanDir(t: ProcTree, c: Chan): Dir {
  return procDir(t, qpid(c.qid.path), qtype(c.qid.path));
}

export function procgen(t: ProcTree, c: Chan, name: string | undefined, i: number): GenResult {
  if (i === DEVDOTDOT) return procDir(t, 0, Qtopdir);
  const type = qtype(c.qid.path);
  if (type === Qtopdir) {
    if (i === 0) return procDir(t, 0, Qclone);
    if (i === 1) return procDir(t, 0, Qhelp);
    if (name !== undefined) {
      if (i > 2 || !/^[1-9][0-9]*$/.test(name)) return 'end';
      const pid = Number(name);
      return t.alive(pid) ? procDir(t, pid, Qprocdir) : 'end';
    }
    const pid = t.pids()[i - 2];
    return pid === undefined ? 'end' : procDir(t, pid, Qprocdir);
  }
  const ft = procFiles[i];
  return ft === undefined ? 'end' : procDir(t, qpid(c.qid.path), ft);
}
