// Plan 9's permission check (port/dev.c devpermcheck) and open-mode normalisation
// (port/sysfile.c openmode).

import { Ebadarg, Eperm, error } from './errors.js';
import { OCEXEC, OEXEC, ORCLOSE, OTRUNC } from './modes.js';

const access = [0o400, 0o200, 0o600, 0o100];

/**
 * Plan 9's devpermcheck: `user` needs access[omode&3] from the owner bits if it owns the
 * file, from the group bits if it is eve (the group is always eve), else from the other bits.
 * Throws `permission denied`.
 */
export function devPermCheck(user: string, eve: string, fileuid: string, perm: number, omode: number): void {
  const shift = user === fileuid ? 0 : user === eve ? 3 : 6;
  const have = (perm << shift) & 0o777;
  const need = access[omode & 3]!;
  if ((have & need) !== need) error(Eperm);
}

/**
 * Plan 9's openmode (sysfile.c): drops OTRUNC, OCEXEC and ORCLOSE; anything above OEXEC is
 * `bad arg in system call`; OEXEC becomes OREAD.
 */
export function openmode(omode: number): number {
  const o = omode & ~(OTRUNC | OCEXEC | ORCLOSE);
  if (o < 0 || o > OEXEC) error(Ebadarg);
  return o === OEXEC ? 0 : o;
}
