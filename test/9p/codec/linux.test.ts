// 9P2000.L's Linux vocabulary: open flags and st_mode both ways, for the server and the client.

import { expect } from 'chai';
import {
  linuxMode, linuxOpenFlags, modeFromLinux, omodeFromLinux, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY,
} from '../../../src/9p/codec/linux.js';
import { DMDIR, OEXEC, OREAD, ORDWR, OTRUNC, OWRITE } from '../../../src/lib9/modes.js';

describe('9P2000.L Linux vocabulary', () => {
  it('Plan 9 open modes → Linux open flags', () => {
    expect([OREAD, OWRITE, ORDWR, OEXEC, OWRITE | OTRUNC].map(linuxOpenFlags)).to.deep.equal(
      [O_RDONLY, O_WRONLY, O_RDWR, O_RDONLY, O_WRONLY | O_TRUNC]);
  });

  it('Linux open flags → Plan 9 open modes; O_CREAT and friends ignored, access mode 3 reads', () => {
    const O_CREAT = 0o100;
    const O_LARGEFILE = 0o100000;
    expect([O_RDONLY, O_WRONLY | O_CREAT | O_LARGEFILE, O_RDWR, 3, O_RDWR | O_TRUNC].map(omodeFromLinux)).to.deep.equal(
      [OREAD, OWRITE, ORDWR, OREAD, ORDWR | OTRUNC]);
  });

  it('round-trips every access mode with and without truncation', () => {
    for (const m of [OREAD, OWRITE, ORDWR]) {
      for (const t of [0, OTRUNC]) expect(omodeFromLinux(linuxOpenFlags(m | t))).to.equal(m | t);
    }
  });

  it('st_mode both ways: directory bit and permissions', () => {
    expect(linuxMode(DMDIR | 0o755)).to.equal(0o040755);
    expect(linuxMode(0o660)).to.equal(0o100660);
    expect(modeFromLinux(0o040755) >>> 0).to.equal((DMDIR | 0o755) >>> 0);
    expect(modeFromLinux(0o100660)).to.equal(0o660);
  });
});
