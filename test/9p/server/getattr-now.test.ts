// Tgetattr's fast path (getattr-now.ts): the same reply bytes as the generic path (which a
// tracing server takes), tags answered in the same turn free for reuse at once, Tflush of an
// answered tag answered at once, and a device whose stat is a Promise still a pending request
// that Tflush and the duplicate-tag check see.

import { expect } from 'chai';
import { RamFs } from '../../../examples/ramfs.js';
import { encode } from '../../../src/9p/codec/codec.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import type { Chan } from '../../../src/dev/dev.js';
import type { Dir } from '../../../src/lib9/dir.js';
import { Session, type SessionConfig } from '../../../src/9p/server/session.js';
import { isTgetattr } from '../../../src/9p/server/getattr-now.js';
import { UserTable } from '../../../src/9p/server/users.js';
import { frameTag } from '../../../src/9p/server/frame-fields.js';
import { pairWith, type TestClient } from '../../helpers/ninep-wire.js';

const L = '9P2000.L';

function getattr(tag: number, fid: number): Buffer {
  return encode({ type: MsgType.Tgetattr, tag, fid, requestMask: 0x7ffn }, L);
}

/** A RamFs whose stat answers with a Promise the test settles (Dev allows one; RamFs's type does not say so). */
class SlowStatFs extends RamFs {
  slow = false;
  readonly held: (() => void)[] = [];
  override stat(c: Chan): Dir {
    if (!this.slow) return super.stat(c);
    return new Promise<Dir>((resolve) => this.held.push(() => resolve(super.stat(c)))) as unknown as Dir;
  }
}

/** Every frame `session` writes, whole, in order: the raw reply bytes. */
function sessionOn(dev: RamFs, trace: boolean): { s: Session; out: Buffer[] } {
  const out: Buffer[] = [];
  const config: SessionConfig = {
    dev, anames: new Set(['']), msize: 8192, users: new UserTable('eve'), maxFids: 100, auth: undefined,
    trace: trace ? () => {} : undefined, log: () => {}, id: 't',
  };
  const s = new Session(config, {
    write: (b) => out.push(Buffer.from(b)),
    writeFrame: (r) => { const b = Buffer.alloc(r.frameSize); r.writeInto(b, 0); out.push(b); },
  });
  return { s, out };
}

/** Versions, attaches fid 0 and makes file `f` (fid 1) holding "hello". */
function setUp(s: Session): void {
  const send = (f: Fcall): void => { expect(s.receive(encode(f, L))).to.equal(true); };
  send({ type: MsgType.Tversion, tag: 0xffff, msize: 8192, version: L });
  send({ type: MsgType.Tattach, tag: 1, fid: 0, afid: 0xffffffff, uname: 'glenda', aname: '', nUname: 0xffffffff });
  send({ type: MsgType.Twalk, tag: 1, fid: 0, newfid: 1, wname: [] });
  send({ type: MsgType.Tlcreate, tag: 1, fid: 1, name: 'f', flags: 2, mode: 0o644, gid: 0 });
  send({ type: MsgType.Twrite, tag: 1, fid: 1, offset: 0n, data: Buffer.from('hello') });
}

async function setUpClient(dev: RamFs, trace = false): Promise<TestClient> {
  const { client } = pairWith(dev, L, trace ? { debug: () => {} } : {});
  await client.version(8192);
  await client.attach(0, 'glenda');
  await client.walk(0, 1);
  await client.call(MsgType.Rlcreate, { type: MsgType.Tlcreate, tag: 1, fid: 1, name: 'f', flags: 2, mode: 0o644, gid: 0 });
  return client;
}

/** The bytes a whole server writes back for `chunk`, sent after setUpClient's requests, until `replies` more have come. */
async function serverBytes(trace: boolean, chunk: Buffer, replies: number): Promise<Buffer> {
  return (await setUpClient(new RamFs('eve'), trace)).rawExchange(chunk, replies);
}

describe('9P server: Tgetattr answered in its turn (getattr-now)', () => {
  it('a whole server answers a chunk of mixed requests with the bytes of the generic path, in order', async () => {
    const frames = [
      getattr(1, 1), getattr(2, 0),
      encode({ type: MsgType.Twalk, tag: 3, fid: 0, newfid: 5, wname: ['f'] }, L),
      getattr(4, 5), getattr(4, 5), getattr(5, 77),
      encode({ type: MsgType.Tclunk, tag: 6, fid: 5 }, L),
      getattr(7, 5), encode({ type: MsgType.Tflush, tag: 8, oldtag: 4 }, L),
    ];
    // many in one chunk: past a connection's turn, the rest wait in its backlog
    for (let i = 0; i < 40; i++) frames.push(getattr(100 + i, i % 2));
    const chunk = Buffer.concat(frames);
    const fast = await serverBytes(false, chunk, frames.length);
    const generic = await serverBytes(true, chunk, frames.length);
    expect(fast.toString('hex')).to.equal(generic.toString('hex'));
  });

  it('recognises a whole Tgetattr frame and its tag, and nothing else', () => {
    const f = getattr(0x1234, 7);
    expect(isTgetattr(f)).to.equal(true);
    expect(frameTag(f)).to.equal(0x1234);
    expect(isTgetattr(f.subarray(0, 18))).to.equal(false);
    const bad = Buffer.from(f);
    bad[0] = 20;
    expect(isTgetattr(bad)).to.equal(false);
    expect(isTgetattr(encode({ type: MsgType.Tclunk, tag: 1, fid: 7 }, L))).to.equal(false);
  });

  it('writes the bytes the generic path writes: a file, a directory, an unknown fid', () => {
    const fast = sessionOn(new RamFs('eve'), false);
    const slow = sessionOn(new RamFs('eve'), true);
    for (const { s } of [fast, slow]) setUp(s);
    const n = fast.out.length;
    expect(slow.out.length).to.equal(n);
    for (const { s } of [fast, slow]) {
      for (const [tag, fid] of [[5, 1], [6, 0], [7, 99]] as const) s.receive(getattr(tag, fid));
    }
    const got = fast.out.slice(n);
    expect(got).to.have.length(3);
    expect(got[0]![4]).to.equal(MsgType.Rgetattr);
    expect(got[1]![4]).to.equal(MsgType.Rgetattr);
    expect(got[2]![4]).to.equal(MsgType.Rlerror);
    // RamFs's times are the file's own, so both sessions' replies are byte for byte comparable
    expect(got.map((b) => b.toString('hex'))).to.deep.equal(slow.out.slice(n).map((b) => b.toString('hex')));
  });

  it('leaves no request pending: the same tag may come again at once, and a Tflush of it is answered at once', async () => {
    const dev = new RamFs('eve');
    const { s, out } = sessionOn(dev, false);
    setUp(s);
    const n = out.length;
    for (let i = 0; i < 4; i++) s.receive(getattr(9, 1));
    expect(s.pending).to.equal(0);
    s.receive(encode({ type: MsgType.Tflush, tag: 10, oldtag: 9 }, L));
    expect(out.slice(n).map((b) => [b[4], b.readUInt16LE(5)])).to.deep.equal([
      [MsgType.Rgetattr, 9], [MsgType.Rgetattr, 9], [MsgType.Rgetattr, 9], [MsgType.Rgetattr, 9], [MsgType.Rflush, 10],
    ]);
  });

  it('a stat that is a Promise leaves the request pending: Tflush answers after it, a second use of its tag is refused', async () => {
    const dev = new SlowStatFs('eve');
    const client = await setUpClient(dev);
    dev.slow = true;
    client.sendRaw(getattr(20, 1));
    client.sendRaw(getattr(20, 0));
    client.send({ type: MsgType.Tflush, tag: 21, oldtag: 20 });
    const dup = await client.wait(20);
    expect(dup.type).to.equal(MsgType.Rlerror);
    while (dev.held.length < 1) await new Promise((r) => setImmediate(r));
    expect(client.replies.some((r) => r.type === MsgType.Rflush)).to.equal(false);
    const flushed = client.wait(21);
    const answered = client.wait(20);
    dev.held.shift()!();
    expect((await answered).type).to.equal(MsgType.Rgetattr);
    await flushed;
    const order = client.replies.slice(-2).map((r) => r.type);
    expect(order).to.deep.equal([MsgType.Rgetattr, MsgType.Rflush]);
  });

  it('a stat that is a Promise holds its fid: a Tclunk meanwhile closes the file only after the reply', async () => {
    const dev = new SlowStatFs('eve');
    const client = await setUpClient(dev);
    dev.slow = true;
    client.sendRaw(getattr(30, 1));
    await client.call(MsgType.Rclunk, { type: MsgType.Tclunk, tag: 31, fid: 1 });
    while (dev.held.length < 1) await new Promise((r) => setImmediate(r));
    const answered = client.wait(30);
    dev.held.shift()!();
    const r = await answered as Fcall & { size: bigint };
    expect(r.type).to.equal(MsgType.Rgetattr);
    expect(r.size).to.equal(0n);
  });
});
