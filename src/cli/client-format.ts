// How the client commands print files: Plan 9's ls -l line and stat's %D (dirfmt).

import { DMAPPEND, DMAUTH, DMDIR, DMEXCL, QTAPPEND, QTAUTH, QTDIR, QTEXCL, QTTMP } from '../lib9/modes.js';
import type { Stat } from '../9p/codec/types.js';

/** Plan 9's dirmodefmt: `d-rwxrwxrwx`. */
export function modeString(mode: number): string {
  const kind = (mode & DMDIR) !== 0 ? 'd' : (mode & DMAPPEND) !== 0 ? 'a' : (mode & DMAUTH) !== 0 ? 'A' : '-';
  const excl = (mode & DMEXCL) !== 0 ? 'l' : '-';
  let rwx = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const b = (mode >>> shift) & 7;
    rwx += (b & 4 ? 'r' : '-') + (b & 2 ? 'w' : '-') + (b & 1 ? 'x' : '-');
  }
  return kind + excl + rwx;
}

/** The qid type letters of %D (`d` dir, `a` append, `l` exclusive, `A` auth, `t` temporary). */
function qidTypeString(t: number): string {
  return ((t & QTDIR) ? 'd' : '') + ((t & QTAPPEND) ? 'a' : '') + ((t & QTEXCL) ? 'l' : '') + ((t & QTAUTH) ? 'A' : '') + ((t & QTTMP) ? 't' : '');
}

/** Plan 9's ls -l date: `Mon dd hh:mm`, in UTC. */
function lsDate(mtime: number): string {
  const when = new Date(mtime * 1000);
  const month = when.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(when.getUTCDate()).padStart(2);
  const hm = `${String(when.getUTCHours()).padStart(2, '0')}:${String(when.getUTCMinutes()).padStart(2, '0')}`;
  return `${month} ${day} ${hm}`;
}

/**
 * Plan 9 ls -l lines: mode, device type letter, dev, uid, gid, length, mtime, name — the
 * columns padded to the widest entry as ls(1) does (names left, numbers right).
 */
export function longLines(entries: readonly Stat[]): string[] {
  const cols = entries.map((d) => ({
    mode: modeString(d.mode),
    type: d.type >= 0x21 && d.type < 0x7f ? String.fromCharCode(d.type) : 'M',
    dev: String(d.dev), uid: d.uid, gid: d.gid, length: String(d.length), date: lsDate(d.mtime), name: d.name,
  }));
  const w = (k: 'dev' | 'uid' | 'gid' | 'length'): number => Math.max(0, ...cols.map((c) => c[k].length));
  const [wd, wu, wg, wl] = [w('dev'), w('uid'), w('gid'), w('length')];
  return cols.map((c) => `${c.mode} ${c.type} ${c.dev.padStart(wd)} ${c.uid.padEnd(wu)} ${c.gid.padEnd(wg)} ${c.length.padStart(wl)} ${c.date} ${c.name}`);
}

/** Plan 9's %D: `'name' 'uid' 'gid' 'muid' q (path vers type) m mode at atime mt mtime l length t type d dev`. */
export function statLine(d: Stat): string {
  const q = `q (${d.qid.path.toString(16).padStart(16, '0')} ${d.qid.vers} ${qidTypeString(d.qid.type)})`;
  return `'${d.name}' '${d.uid}' '${d.gid}' '${d.muid}' ${q} m 0${(d.mode >>> 0).toString(8)} at ${d.atime} mt ${d.mtime} l ${d.length} t ${d.type} d ${d.dev}`;
}
