// The user table: names ↔ numbers for 9P2000.u/.L attach, getattr and setattr, one per
// connection, so no client can say who another client's number is.

import { expect } from 'chai';
import { NOBODY, UserTable } from '../../../src/9p/server/users.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { DMDIR, OREAD } from '../../../src/lib9/modes.js';
import { kernelDevices } from '../../../src/serve/serve.js';
import { TestClient } from '../../helpers/ninep-wire.js';
import { duplexPair } from '../../helpers/pair.js';

describe('9P server: user names and numbers', () => {
  it('uid 0 is eve, and eve and root are reported as 0', () => {
    const u = new UserTable('glenda');
    expect(u.nameOf(0)).to.equal('glenda');
    expect(u.numberOf('glenda')).to.equal(0);
    expect(u.numberOf('root')).to.equal(0);
  });

  it('learns a number from an attach that carried a name and a number', () => {
    const u = new UserTable('eve');
    u.bind('alice', 1000);
    expect(u.nameOf(1000)).to.equal('alice');
    expect(u.numberOf('alice')).to.equal(1000);
    u.bind('mallory', 0);
    expect(u.nameOf(0)).to.equal('eve');
    u.bind('eve', 1001);
    u.bind('root', 1002);
    expect([u.nameOf(1001), u.nameOf(1002), u.numberOf('eve'), u.numberOf('root')]).to.deep.equal(['1001', '1002', 0, 0]);
  });

  it('round-trips unknown numbers through decimal names; other names are nobody', () => {
    const u = new UserTable('eve');
    expect(u.nameOf(1234)).to.equal('1234');
    expect(u.numberOf('1234')).to.equal(1234);
    expect(u.numberOf('bob')).to.equal(NOBODY);
    expect(u.numberOf('01')).to.equal(NOBODY);
  });
});

describe('9P server: identities per connection', () => {
  const connect = async (s: NinepServer): Promise<TestClient> => {
    const [a, b] = duplexPair();
    s.accept(a);
    const c = new TestClient(b, '9P2000.u');
    await c.version(8192);
    return c;
  };
  /** Makes segment `name` from `root` and returns its ctl file's owner, by name and number. */
  const mkseg = async (c: TestClient, root: number, name: string): Promise<[string, number | undefined]> => {
    await c.create(await c.walkTo(root, ''), name, DMDIR | 0o777, OREAD);
    const st = await c.stat(await c.walkTo(root, `${name}/ctl`));
    return [st.uid, st.nUid];
  };

  it("another connection's attach cannot rebind a uid, nor make a number eve", async () => {
    const dev = kernelDevices('eve');
    const s = new NinepServer({ dev, eve: 'eve', log: () => {} });
    const alice = await connect(s);
    const ra = alice.newFid();
    await alice.attach(ra, 'alice', '', 1000);
    expect(await mkseg(alice, ra, 'a')).to.deep.equal(['alice', 1000]);

    const mallory = await connect(s);
    await mallory.attach(mallory.newFid(), 'mallory', '', 1000);
    await mallory.attach(mallory.newFid(), 'eve', '', 1000);
    await mallory.attach(mallory.newFid(), 'root', '', 1001);

    // alice's connection still means alice by 1000, and an attach by number alone is alice
    const again = alice.newFid();
    await alice.attach(again, '', '', 1000);
    expect(await mkseg(alice, again, 'a2')).to.deep.equal(['alice', 1000]);
    // a new connection never heard of 1000: the user named "1000", not mallory, not eve
    const other = await connect(s);
    const ro = other.newFid();
    await other.attach(ro, '', '', 1000);
    expect(await mkseg(other, ro, 'o')).to.deep.equal(['1000', 1000]);
    // nor did eve's number change for mallory's own connection: eve is 0, 1000 is mallory
    const rm = mallory.newFid();
    await mallory.attach(rm, '', '', 1000);
    expect(await mkseg(mallory, rm, 'm')).to.deep.equal(['mallory', 1000]);
    const st = await mallory.stat(await mallory.walkTo(rm, ''));
    expect([st.uid, st.nUid]).to.deep.equal(['eve', 0]);
    await s.close();
  });
});
