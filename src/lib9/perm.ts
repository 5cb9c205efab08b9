// Plan 9's permission check (port/dev.c devpermcheck) and open-mode normalisation
// (port/sysfile.c openmode).

import { Ebadarg, Eperm, error } from './errors.js';
import { OCEXEC, OEXEC, ORCLOSE, OTRUNC } from './modes.js';

const access = [0o400, 0o200, 0o600, 0o100];

/**
 * Plan 9's devpermcheck: `user` needs access[omode&3] from the owner bits if it owns the
 * file, from the group bits if it is eve (the group is always eve), else from the other bits.
 * @param user - the user asking
 * @param eve - the host owner, the group of every file checked here
 * @param fileuid - the file's owner
 * @param perm - the file's permission bits (0o777 part of its mode)
 * @param omode - the open mode: OREAD, OWRITE, ORDWR or OEXEC (higher bits ignored)
 * @throws Plan9Error `permission denied` (code 'EACCES') when the bits do not allow it
 */
export function devPermCheck(user: string, eve: string, fileuid: string, perm: number, omode: number): void {
  const shift = user === fileuid ? 0 : user === eve ? 3 : 6;
  const have = (perm << shift) & 0o777;
  const need = access[omode & 3]!;
  if ((have & need) !== need) error(Eperm);
}

/**
 * Plan 9's openmode (sysfile.c): drops OTRUNC, OCEXEC and ORCLOSE; OEXEC becomes OREAD.
 * @param omode - an open mode as a Topen carries it
 * @returns OREAD, OWRITE or ORDWR
 * @throws Plan9Error `bad arg in system call` (code 'EINVAL') for a mode above OEXEC
 */
export function openmode(omode: number): number {
  const o = omode & ~(OTRUNC | OCEXEC | ORCLOSE);
  if (o < 0 || o > OEXEC) error(Ebadarg);
  return o === OEXEC ? 0 : o;
}
