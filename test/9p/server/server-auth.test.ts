// Authentication through Tauth/afid (docs/security.md): with a secret, an attach needs an afid
// proven for its own uname and aname; a wrong proof, a missing one, a proof for other names,
// another use of a spent afid and an afid of another connection all fail; without a secret
// Tauth is `authentication not required` as before.

import { expect } from 'chai';
import { NOFID, NONUNAME } from '../../../src/9p/codec/constants.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { challengeNonce, proof } from '../../../src/9p/auth/proof.js';
import { EACCES } from '../../../src/lib9/errno.js';
import { QTAUTH } from '../../../src/lib9/modes.js';
import { kernelDevices } from '../../../src/serve/serve.js';
import { TestClient } from '../../helpers/ninep-wire.js';
import { duplexPair } from '../../helpers/pair.js';

const secret = Buffer.alloc(32, 0x5e);

async function connect(s: NinepServer, dialect: Dialect = '9P2000'): Promise<TestClient> {
  const [a, b] = duplexPair();
  s.accept(a);
  const c = new TestClient(b, dialect);
  await c.version();
  return c;
}

const nU = (c: TestClient): number | undefined => (c.dialect === '9P2000' ? undefined : NONUNAME);

/** Tauth on `afid`; returns the challenge's nonce read from it. */
async function tauth(c: TestClient, afid: number, uname: string, aname = ''): Promise<string> {
  const r = await c.call(MsgType.Rauth, { type: MsgType.Tauth, tag: c.tag(), afid, uname, aname, nUname: nU(c) });
  expect(r.aqid.type).to.equal(QTAUTH);
  return challengeNonce((await c.read(afid, 0, 8192)).toString('latin1'))!;
}

function tattach(c: TestClient, fid: number, afid: number, uname: string, aname = ''): Promise<string | number | 'ok'> {
  return c.rpc({ type: MsgType.Tattach, tag: c.tag(), fid, afid, uname, aname, nUname: nU(c) }).then((r) =>
    (r.type === MsgType.Rattach ? 'ok' : r.type === MsgType.Rerror ? r.ename : r.type === MsgType.Rlerror ? r.ecode : 'other'));
}

describe('9P server: authentication (segfs-hmac-sha256 over Tauth)', () => {
  let s: NinepServer;
  beforeEach(() => { s = new NinepServer({ dev: kernelDevices('eve'), eve: 'eve', log: () => {}, auth: { secret } }); });
  afterEach(async () => { await s.close(); });

  for (const d of ['9P2000', '9P2000.u', '9P2000.L'] as Dialect[]) {
    const fail = (str: string): string | number => (d === '9P2000.L' ? EACCES : str);

    it(`${d}: the right proof attaches; none, a wrong one or a spent one does not`, async () => {
      const c = await connect(s, d);
      expect(await tattach(c, 1, NOFID, 'glenda')).to.equal(fail('authentication required'));
      const n = await tauth(c, 100, 'glenda');
      expect(await c.write(100, 0, `${proof(secret, n, 'glenda', '')}\n`)).to.equal(65);
      expect(await tattach(c, 1, 100, 'glenda')).to.equal('ok');
      // the afid opened one attach: replaying it for another fails
      expect(await tattach(c, 2, 100, 'glenda')).to.equal(fail('authentication failed'));
      await c.clunk(100);

      const n2 = await tauth(c, 101, 'glenda');
      const wrong = proof(Buffer.alloc(32, 1), n2, 'glenda', '');
      expect(await c.error({ type: MsgType.Twrite, tag: c.tag(), fid: 101, offset: 0n, data: Buffer.from(wrong) })).to.equal(fail('authentication failed'));
      // and the right one after a wrong one is too late: a new Tauth starts over
      expect(await c.error({ type: MsgType.Twrite, tag: c.tag(), fid: 101, offset: 0n, data: Buffer.from(proof(secret, n2, 'glenda', '')) })).to.equal(fail('authentication failed'));
      expect(await tattach(c, 2, 101, 'glenda')).to.equal(fail('authentication failed'));
      // an afid never written to proves nothing
      await tauth(c, 102, 'glenda');
      expect(await tattach(c, 2, 102, 'glenda')).to.equal(fail('authentication failed'));
    });

    it(`${d}: a proof is for one uname and aname`, async () => {
      const c = await connect(s, d);
      // proof computed for another user than the Tauth named
      const n = await tauth(c, 100, 'glenda');
      expect(await c.fails(c.write(100, 0, proof(secret, n, 'eve', '')))).to.equal(fail('authentication failed'));
      // proven for glenda on #g, used for eve, or for #p
      const n2 = await tauth(c, 101, 'glenda');
      await c.write(101, 0, proof(secret, n2, 'glenda', ''));
      expect(await tattach(c, 1, 101, 'eve')).to.equal(fail('authentication failed'));
      const n3 = await tauth(c, 102, 'glenda');
      await c.write(102, 0, proof(secret, n3, 'glenda', ''));
      expect(await tattach(c, 1, 102, 'glenda', '#p')).to.equal(fail('authentication failed'));
    });
  }

  it("an afid is its connection's: another connection cannot use it", async () => {
    const a = await connect(s);
    const n = await tauth(a, 100, 'glenda');
    await a.write(100, 0, proof(secret, n, 'glenda', ''));
    const b = await connect(s);
    expect(await tattach(b, 1, 100, 'glenda')).to.equal('fid unknown or out of range');
    expect(await tattach(a, 1, 100, 'glenda')).to.equal('ok');
  });

  it('an afid is only for reading the challenge and writing the proof', async () => {
    const c = await connect(s);
    await tauth(c, 100, 'glenda');
    expect(await c.fails(c.walk(100, 5))).to.equal('bad use of fid');
    expect(await c.fails(c.stat(100))).to.equal('bad use of fid');
    expect(await c.fails(c.open(100, 0))).to.equal('bad use of fid');
    // its number is taken until clunked
    expect(await tattach(c, 100, NOFID, 'glenda')).to.equal('authentication required');
    expect(await c.error({ type: MsgType.Tauth, tag: c.tag(), afid: 100, uname: 'glenda', aname: '' })).to.equal('fid already in use');
    await c.clunk(100);
    expect(await c.fails(c.clunk(100))).to.equal('fid unknown or out of range');
  });

  it('without a secret, Tauth is `authentication not required` and attach needs no afid', async () => {
    const open = new NinepServer({ dev: kernelDevices('eve'), eve: 'eve', log: () => {} });
    const c = await connect(open);
    expect(await c.error({ type: MsgType.Tauth, tag: c.tag(), afid: 100, uname: 'glenda', aname: '' })).to.equal('authentication not required');
    expect(await tattach(c, 1, NOFID, 'glenda')).to.equal('ok');
    await open.close();
  });
});
