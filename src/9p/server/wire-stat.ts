// A device's Dir as the stat record of the connection's dialect (Tstat and 9P2000 directory reads).

import type { Stat } from '../codec/types.js';
import type { SessionState as Session } from './session-state.js';

/** A device's Dir as the dialect's stat (9P2000.u adds the numeric ids). */
export function toStat(s: Session, d: Stat): Stat {
  if (s.dialect !== '9P2000.u') return d;
  const u = s.config.users;
  return { ...d, extension: '', nUid: u.numberOf(d.uid), nGid: u.numberOf(d.gid), nMuid: u.numberOf(d.muid) };
}
