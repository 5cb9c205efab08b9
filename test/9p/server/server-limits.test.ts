// Limits per server and per connection: past maxConnections a new connection's Tversion is
// answered `too many connections` (Rlerror EAGAIN in 9P2000.L) and it is closed, while the
// connections being served go on; past maxFids a walk or attach is `Too many open files` and
// changes nothing.

import { expect } from 'chai';
import { NOTAG } from '../../../src/9p/codec/constants.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { EAGAIN, EMFILE } from '../../../src/lib9/errno.js';
import { kernelDevices } from '../../../src/serve/serve.js';
import { TestClient } from '../../helpers/ninep-wire.js';
import { duplexPair } from '../../helpers/pair.js';

function open(s: NinepServer, dialect: Dialect = '9P2000'): TestClient {
  const [a, b] = duplexPair();
  s.accept(a);
  return new TestClient(b, dialect);
}

describe('9P server: limits', () => {
  it('answers a connection past maxConnections with `too many connections`, in its dialect, and closes it', async () => {
    const log: string[] = [];
    const s = new NinepServer({ dev: kernelDevices('eve'), eve: 'eve', log: (l) => log.push(l), maxConnections: 2 });
    const served = [open(s), open(s)];
    for (const c of served) await c.version();
    const cases: [Dialect, string | number][] = [['9P2000', 'too many connections'], ['9P2000.u', 'too many connections'], ['9P2000.L', EAGAIN]];
    for (const [d, want] of cases) {
      const extra = open(s, d);
      expect(await extra.error({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: d })).to.equal(want);
      await extra.whenClosed();
    }
    expect(s.connections).to.equal(2);
    expect(log).to.deep.equal(Array(3).fill('segfs: refused a connection: too many connections (2)'));
    // the served ones are untouched, and a place freed is a place taken
    await served[0]!.root('glenda');
    served[1]!.stream.destroy();
    await served[1]!.whenClosed();
    await new Promise((r) => setImmediate(r));
    const next = open(s);
    await next.version();
    await next.root('glenda');
    await s.close();
  });

  it('a client that sends no Tversion, or another message, is just closed', async () => {
    const s = new NinepServer({ dev: kernelDevices('eve'), eve: 'eve', log: () => {}, maxConnections: 1 });
    await open(s).version();
    const extra = open(s);
    extra.sendRaw(Buffer.from([0xff, 0xff, 0xff, 0x7f, 100]));
    await extra.whenClosed();
    expect(extra.replies).to.deep.equal([]);
    await s.close();
  });

  it('refuses a fid past maxFids with `Too many open files`, and a clunk makes room', async () => {
    for (const d of ['9P2000', '9P2000.L'] as Dialect[]) {
      const s = new NinepServer({ dev: kernelDevices('eve'), eve: 'eve', log: () => {}, maxFids: 3 });
      const c = open(s, d);
      await c.version();
      await c.attach(0, 'glenda');
      await c.walk(0, 1);
      await c.walk(0, 2, 'x').catch(() => {});
      await c.walk(0, 2);
      const tooMany = d === '9P2000.L' ? EMFILE : 'Too many open files';
      expect(await c.fails(c.walk(0, 3))).to.equal(tooMany);
      expect(await c.fails(c.attach(3, 'glenda'))).to.equal(tooMany);
      // nothing was made: fid 3 is unknown
      expect(await c.fails(c.clunk(3))).to.equal(d === '9P2000.L' ? 9 : 'fid unknown or out of range');
      await c.clunk(2);
      await c.walk(0, 3);
      await s.close();
    }
  });

  it('refuses nonsense limits', () => {
    const dev = kernelDevices('eve');
    expect(() => new NinepServer({ dev, maxConnections: 0 })).to.throw(RangeError, /maxConnections/);
    expect(() => new NinepServer({ dev, maxFids: 1.5 })).to.throw(RangeError, /maxFids/);
  });
});
