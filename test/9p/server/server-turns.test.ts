// Connections as a user sees them under stress: a connection closed for a protocol error
// still delivers the replies it had already produced, and a flooding client does not keep
// an idle one waiting for its whole backlog (round robin between connections).

import { expect } from 'chai';
import { RamFs } from '../../../examples/ramfs.js';
import { encode } from '../../../src/9p/codec/codec.js';
import { ORDWR } from '../../../src/lib9/modes.js';
import { MsgType } from '../../../src/9p/codec/types.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import type { Chan } from '../../../src/dev/dev.js';
import type { Dir } from '../../../src/lib9/dir.js';
import { pairWith, tcpClient, type TestClient } from '../../helpers/ninep-wire.js';

/** A Twrite of `text` to a new file `f` (fid 1), followed in the same packet by a frame of impossible size. */
async function writeThenGarbage(c: TestClient): Promise<void> {
  await c.version(8192);
  await c.attach(0, 'glenda');
  await c.walk(0, 1);
  await c.create(1, 'f', 0o666, ORDWR);
  const write = encode({ type: MsgType.Twrite, tag: 7, fid: 1, offset: 0n, data: Buffer.from('kept') }, '9P2000');
  const garbage = Buffer.from([3, 0, 0, 0, 0, 0, 0]);
  const replied = c.wait(7);
  c.sendRaw(Buffer.concat([write, garbage]));
  const r = await replied;
  expect(r.type).to.equal(MsgType.Rwrite);
  expect((r as { count: number }).count).to.equal(4);
  await c.whenClosed();
}

describe('9P server: a protocol-error close', () => {
  it('sends the Rwrite of a write that came in the same packet as an impossible frame (in memory)', async () => {
    const dev = new RamFs('eve');
    const { client } = pairWith(dev);
    await writeThenGarbage(client);
    const { client: again } = pairWith(dev);
    await again.version(8192);
    await again.attach(0, 'glenda');
    await again.walk(0, 1, 'f');
    await again.open(1, 0);
    expect((await again.read(1, 0, 100)).toString()).to.equal('kept');
  });

  it('sends it over TCP too, then closes', async () => {
    const server = new NinepServer({ dev: new RamFs('eve'), eve: 'eve', log: () => {} });
    try {
      const c = await tcpClient(await server.listen('tcp!127.0.0.1!0'));
      await writeThenGarbage(c);
      expect(c.closed).to.equal(true);
    } finally {
      await server.close();
    }
  });
});

/** The ramfs, noting how many stats the flooding user had been given when the idle one asks. */
class CountingFs extends RamFs {
  floodStats = 0;
  floodStatsBeforeIdle = -1;

  override stat(c: Chan): Dir {
    if (c.user === 'flood') this.floodStats++;
    else if (c.user === 'idle' && this.floodStatsBeforeIdle < 0) this.floodStatsBeforeIdle = this.floodStats;
    return super.stat(c);
  }
}

describe('9P server: round robin between connections', () => {
  it("serves an idle client's request before a flooding client's backlog is drained", async () => {
    const dev = new CountingFs('eve');
    const server = new NinepServer({ dev, eve: 'eve', log: () => {} });
    try {
      const address = await server.listen('tcp!127.0.0.1!0');
      const flood = await tcpClient(address);
      const idle = await tcpClient(address);
      await flood.version(8192);
      await flood.attach(0, 'flood');
      await idle.version(8192);
      await idle.attach(0, 'idle');
      const N = 3000;
      const frames: Buffer[] = [];
      for (let t = 1; t <= N; t++) frames.push(encode({ type: MsgType.Tstat, tag: t, fid: 0 }, '9P2000'));
      const last = flood.wait(N);
      const idleReply = idle.wait(1);
      // the whole flood is in the server's socket before the idle client's one request
      flood.sendRaw(Buffer.concat(frames));
      idle.send({ type: MsgType.Tstat, tag: 1, fid: 0 });
      expect((await idleReply).type).to.equal(MsgType.Rstat);
      await last;
      expect(dev.floodStats).to.equal(N);
      expect(dev.floodStatsBeforeIdle).to.be.greaterThan(0).and.lessThan(N / 2);
    } finally {
      await server.close();
    }
  });
});
