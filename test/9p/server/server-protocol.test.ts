// One test per rule a 9P server must get right, against the example ramfs over an in-memory
// pair (and a gated wrapper of it where a device call has to wait).

import { expect } from 'chai';
import { RamFs } from '../../../examples/ramfs.js';
import { encode } from '../../../src/9p/codec/codec.js';
import { decodeDirents } from '../../../src/9p/codec/dirent.js';
import { decodeStats } from '../../../src/9p/codec/stat.js';
import { ERRMAX, IOHDRSZ, NOFID, NOTAG } from '../../../src/9p/codec/constants.js';
import { DMDIR, OREAD, ORCLOSE, ORDWR, OTRUNC, OWRITE, QTDIR } from '../../../src/lib9/modes.js';
import { MsgType, type Fcall, type Rerror } from '../../../src/9p/codec/types.js';
import { Plan9Error } from '../../../src/lib9/errors.js';
import type { Chan } from '../../../src/dev/dev.js';
import { GateDev } from './server-gate-dev.js';
import { pairWith, ServerError, TestClient } from '../../helpers/ninep-wire.js';

const DONT32 = 0xffffffff;
const DONT64 = 0xffffffffffffffffn;

function dontTouch(): Fcall & { type: MsgType.Twstat } {
  return {
    type: MsgType.Twstat, tag: 0, fid: 0,
    stat: {
      type: 0xffff, dev: DONT32, qid: { type: 0xff, vers: DONT32, path: DONT64 }, mode: DONT32,
      atime: DONT32, mtime: DONT32, length: DONT64, name: '', uid: '', gid: '', muid: '',
    },
  };
}

async function session(dialect: '9P2000' | '9P2000.u' | '9P2000.L' = '9P2000', msize = 8192, dev = new RamFs('eve')) {
  const { client, server } = pairWith(dev, dialect);
  await client.version(msize);
  await client.attach(0, 'glenda');
  return { c: client, server, dev };
}

/** Creates file `name` under fid 0 with `text`, clunks the fid used. */
async function mkfile(c: TestClient, name: string, text = '', fid = 90): Promise<void> {
  await c.walk(0, fid);
  if (c.dialect === '9P2000.L') {
    await c.call(MsgType.Rlcreate, { type: MsgType.Tlcreate, tag: 1, fid, name, flags: 2, mode: 0o100666, gid: 0 });
  } else {
    await c.create(fid, name, 0o666, ORDWR);
  }
  if (text) await c.write(fid, 0, text);
  await c.clunk(fid);
}

const nextTick = () => new Promise((r) => setImmediate(r));

describe('9P server: version and msize', () => {
  it('caps msize at the server maximum and never answers above the client', async () => {
    const { client } = pairWith(new RamFs('eve'), '9P2000', { msize: 65536 });
    expect((await client.version(1 << 21)).msize).to.equal(65536);
    expect((await client.version(8192)).msize).to.equal(8192);
  });

  it('defaults to a 1 MiB cap', async () => {
    const { client } = pairWith(new RamFs('eve'));
    expect((await client.version(4 << 20)).msize).to.equal(1 << 20);
  });

  it('refuses to be configured below 4096', () => {
    expect(() => pairWith(new RamFs('eve'), '9P2000', { msize: 4095 })).to.throw(RangeError);
  });

  it('refuses a client msize below 256 (no error reply would fit)', async () => {
    const { client } = pairWith(new RamFs('eve'));
    expect(await client.error({ type: MsgType.Tversion, tag: NOTAG, msize: 128, version: '9P2000' })).to.equal('Invalid argument');
    expect((await client.version(4096)).msize).to.equal(4096);
  });

  it('answers an unknown version with Rversion "unknown", not Rerror', async () => {
    const { client } = pairWith(new RamFs('eve'));
    const r = await client.rpc({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: 'HTTP/1.1' });
    expect(r).to.deep.include({ type: MsgType.Rversion, version: 'unknown' });
  });

  it('downgrades an unknown 9P2000.x to 9P2000 and keeps .u and .L', async () => {
    const { client } = pairWith(new RamFs('eve'));
    expect((await client.version(8192, '9P2000.x')).version).to.equal('9P2000');
    client.dialect = '9P2000.u';
    expect((await client.version(8192, '9P2000.u')).version).to.equal('9P2000.u');
    client.dialect = '9P2000.L';
    expect((await client.version(8192, '9P2000.L')).version).to.equal('9P2000.L');
  });

  it('answers anything before Tversion with "Tversion not seen"', async () => {
    const { client } = pairWith(new RamFs('eve'));
    expect(await client.error({ type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'glenda', aname: '' }))
      .to.equal('Tversion not seen');
  });

  it('Tversion resets the session: fids are clunked, outstanding requests never answered', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c } = await session('9P2000', 8192, gate as unknown as RamFs);
    await mkfile(c, 'f', 'hello');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    gate.gated.add('read');
    c.send({ type: MsgType.Tread, tag: 77, fid: 1, offset: 0n, count: 5 });
    await gate.waitHeld(1);
    await c.version(8192);
    gate.gated.clear();
    gate.held[0]!.release();
    await nextTick();
    expect(c.replies.some((r) => r.tag === 77)).to.equal(false);
    expect(await c.fails(c.walk(0, 2))).to.equal('fid unknown or out of range');
  });
});

describe('9P server: -D trace', () => {
  it('logs each message on one line, both directions, with the connection number', async () => {
    const lines: string[] = [];
    const { client } = pairWith(new RamFs('eve'), '9P2000', { debug: (l) => lines.push(l) });
    await client.version(8192);
    await client.attach(0, 'glenda');
    expect(lines).to.deep.equal([
      "<-1- Tversion tag 65535 msize 8192 version '9P2000'",
      "-1-> Rversion tag 65535 msize 8192 version '9P2000'",
      '<-1- Tattach tag 1 fid 0 afid 4294967295 uname glenda aname ',
      '-1-> Rattach tag 1 qid (0000000000000000 0 d)',
    ]);
  });
});

describe('9P server: attach and auth', () => {
  it('answers Tauth with an error (.L: ENOENT, which diod\'s tools take as "no auth")', async () => {
    const a = await session('9P2000');
    expect(await a.c.error({ type: MsgType.Tauth, tag: 3, afid: 5, uname: 'glenda', aname: '' })).to.equal('authentication not required');
    const l = await session('9P2000.L');
    expect(await l.c.error({ type: MsgType.Tauth, tag: 3, afid: 5, uname: 'glenda', aname: '', nUname: 1000 })).to.equal(2);
  });

  it('refuses an attach to a fid in use, and unknown attach names', async () => {
    const { c } = await session();
    expect(await c.fails(c.attach(0, 'glenda'))).to.equal('fid already in use');
    expect(await c.fails(c.attach(1, 'glenda', 'nosuch'))).to.equal('file does not exist');
    expect((await c.attach(1, 'glenda', '/')).type).to.equal(QTDIR);
  });
});

describe('9P server: walk', () => {
  it('a later element failing gives Rwalk with the qids so far, and newfid is not made', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    await c.create(1, 'd', DMDIR | 0o777, OREAD);
    const q = await c.walk(0, 2, 'd', 'nosuch', 'x');
    expect(q).to.have.length(1);
    expect(await c.fails(c.clunk(2))).to.equal('fid unknown or out of range');
  });

  it('the first element failing is an error', async () => {
    const { c } = await session();
    expect(await c.fails(c.walk(0, 2, 'nosuch'))).to.equal('file does not exist');
  });

  it('walks at most 16 names', async () => {
    const { c } = await session();
    expect(await c.walk(0, 1, ...Array<string>(16).fill('..'))).to.have.length(16);
    expect(await c.fails(c.walk(0, 2, ...Array<string>(17).fill('..')))).to.equal('Invalid argument');
  });

  it('zero names clones: no qids, and the clone is a working fid', async () => {
    const { c } = await session();
    expect(await c.walk(0, 1)).to.deep.equal([]);
    expect((await c.stat(1)).qid.type).to.equal(QTDIR);
  });

  it('walks in place (fid == newfid) through several names; a failed in-place walk leaves the fid', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    await c.create(1, 'a', DMDIR | 0o777, OREAD);
    await c.walk(0, 2, 'a');
    await c.create(2, 'b', DMDIR | 0o777, OREAD);
    await c.walk(0, 3);
    const q = await c.walk(3, 3, 'a', 'b');
    expect(q).to.have.length(2);
    expect((await c.stat(3)).name).to.equal('b');
    expect(await c.walk(0, 4)).to.deep.equal([]);
    expect(await c.walk(4, 4, 'a', 'nosuch')).to.have.length(1);
    expect((await c.stat(4)).name).to.equal('/');
  });

  it('walks an open fid to another newfid (Linux does), not in place', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    await c.open(1, OREAD);
    expect(await c.walk(1, 2)).to.deep.equal([]);
    expect(await c.walk(1, 1)).to.deep.equal([]); // fid == newfid, no names: a no-op
    expect(await c.fails(c.walk(1, 1, '..'))).to.equal('bad use of fid');
  });

  it('refuses a newfid in use, and walking from a file', async () => {
    const { c } = await session();
    await mkfile(c, 'f');
    await c.walk(0, 1, 'f');
    expect(await c.fails(c.walk(0, 1))).to.equal('fid already in use');
    expect(await c.fails(c.walk(1, 2, 'x'))).to.equal('not a directory');
  });

  it('.. at the root is the root', async () => {
    const { c } = await session();
    const root = await c.stat(0);
    const q = await c.walk(0, 1, '..');
    expect(q[0]).to.deep.equal(root.qid);
  });
});

describe('9P server: open, create, read, write', () => {
  it('opens once; I/O needs an open fid in a suitable mode', async () => {
    const { c } = await session();
    await mkfile(c, 'f', 'x');
    await c.walk(0, 1, 'f');
    expect(await c.fails(c.read(1, 0, 1))).to.equal('bad use of fid');
    await c.open(1, OREAD);
    expect(await c.fails(c.open(1, OREAD))).to.equal('bad use of fid');
    expect(await c.fails(c.write(1, 0, 'y'))).to.equal('bad use of fid');
  });

  it('opens directories for reading only', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    expect(await c.fails(c.open(1, OWRITE))).to.equal('file is a directory');
    expect(await c.fails(c.open(1, OREAD | OTRUNC))).to.equal('file is a directory');
  });

  it('answers iounit 0 to open and create', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    expect((await c.create(1, 'f', 0o666, ORDWR)).iounit).to.equal(0);
    await c.walk(0, 2, 'f');
    expect((await c.open(2, OREAD)).iounit).to.equal(0);
  });

  it('create makes the fid the new, open file; create with DMDIR makes a directory', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    const r = await c.create(1, 'd', DMDIR | 0o755, OREAD);
    expect(r.qid.type).to.equal(QTDIR);
    expect((await c.stat(1)).qid).to.deep.equal(r.qid);
    const w = await c.walk(0, 2, 'd');
    expect(w[0]).to.deep.equal(r.qid);
    expect(await c.fails(c.create(1, 'x', 0o666, ORDWR))).to.equal('bad use of fid');
    await c.walk(0, 3);
    expect(await c.fails(c.create(3, '..', DMDIR | 0o777, OREAD))).to.equal('file already exists');
    expect(await c.fails(c.create(3, 'a/b', 0o666, OREAD))).to.equal('bad character in file name');
  });

  it('ORCLOSE removes the file at clunk', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    await c.create(1, 't', 0o666, ORDWR | ORCLOSE);
    await c.walk(0, 2, 't');
    await c.clunk(2);
    await c.clunk(1);
    expect(await c.fails(c.walk(0, 2, 't'))).to.equal('file does not exist');
  });

  it('never returns more than asked, and clamps count to msize - IOHDRSZ', async () => {
    const { c } = await session('9P2000', 4096);
    await c.walk(0, 1);
    await c.create(1, 'big', 0o666, ORDWR);
    const data = Buffer.alloc(10000, 7);
    let off = 0;
    while (off < data.length) off += await c.write(1, off, data.subarray(off, off + 4096 - IOHDRSZ));
    expect((await c.read(1, 0, 5)).length).to.equal(5);
    expect((await c.read(1, 0, 10000)).length).to.equal(4096 - IOHDRSZ);
    expect((await c.read(1, 9998, 100)).length).to.equal(2);
    expect((await c.read(1, 10000, 100)).length).to.equal(0);
  });

  it('a negative offset (2^63 and above) is refused', async () => {
    const { c } = await session();
    await mkfile(c, 'f', 'abc');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    expect(await c.fails(c.read(1, 1n << 63n, 1))).to.equal('negative i/o offset');
  });
});

describe('9P server: clunk and remove', () => {
  it('clunk invalidates the fid', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    await c.clunk(1);
    expect(await c.fails(c.stat(1))).to.equal('fid unknown or out of range');
  });

  it('remove clunks the fid even when the remove fails', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    expect(await c.fails(c.remove(1))).to.equal('permission denied');
    expect(await c.fails(c.clunk(1))).to.equal('fid unknown or out of range');
  });

  it('a Tclunk during a read in flight answers at once; the read still answers, then the chan closes', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c } = await session('9P2000', 8192, gate as unknown as RamFs);
    await mkfile(c, 'f', 'hello');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    gate.gated.add('read');
    const read = c.wait(50);
    c.send({ type: MsgType.Tread, tag: 50, fid: 1, offset: 0n, count: 5 });
    await gate.waitHeld(1);
    const closesBefore = gate.closes;
    await c.clunk(1);
    expect(gate.closes).to.equal(closesBefore);
    gate.held[0]!.release();
    const r = await read;
    expect(r.type).to.equal(MsgType.Rread);
    expect(Buffer.from((r as { data: Uint8Array }).data).toString()).to.equal('hello');
    expect(gate.closes).to.equal(closesBefore + 1);
  });
});

describe('9P server: hang-up', () => {
  it('clunks every fid, but a chan in use by a waiting read closes only when the read ends', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c, server } = await session('9P2000', 8192, gate as unknown as RamFs);
    await mkfile(c, 'f', 'hello');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    await c.walk(0, 2);
    gate.gated.add('read');
    c.send({ type: MsgType.Tread, tag: 5, fid: 1, offset: 0n, count: 5 });
    await gate.waitHeld(1);
    const before = gate.closes;
    c.stream.destroy();
    while (server.connections > 0) await nextTick();
    expect(gate.closes).to.equal(before + 2); // the root (fid 0) and fid 2; fid 1 is in use
    gate.held[0]!.release();
    await nextTick();
    expect(gate.closes).to.equal(before + 3);
  });
});

describe('9P server: directory reads', () => {
  it('9P2000: whole stat entries only, offsets 0 or the previous end, error when one does not fit', async () => {
    const { c } = await session();
    for (let i = 0; i < 10; i++) await mkfile(c, `file${i}`);
    await c.walk(0, 1);
    await c.open(1, OREAD);
    const names: string[] = [];
    let off = 0;
    for (;;) {
      const data = await c.read(1, off, 150);
      if (data.length === 0) break;
      expect(data.length).to.be.at.most(150);
      for (const st of decodeStats(data, '9P2000')) names.push(st.name);
      off += data.length;
    }
    expect(names).to.deep.equal([...Array(10).keys()].map((i) => `file${i}`));
    expect(await c.fails(c.read(1, 3, 150))).to.equal('bad offset in directory read');
    expect(await c.fails(c.read(1, 0, 20))).to.equal('i/o count too small');
    expect(decodeStats(await c.read(1, 0, 8000), '9P2000')).to.have.length(10);
  });

  it('9P2000.L: Treaddir cookies are entry index + 1 and resume after that entry', async () => {
    const { c } = await session('9P2000.L');
    for (let i = 0; i < 5; i++) {
      await c.walk(0, 9);
      await c.call(MsgType.Rlcreate, { type: MsgType.Tlcreate, tag: 1, fid: 9, name: `f${i}`, flags: 2, mode: 0o100644, gid: 0 });
      await c.clunk(9);
    }
    await c.walk(0, 1);
    await c.call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: 1, fid: 1, flags: 0o304000 });
    const all = decodeDirents((await c.call(MsgType.Rreaddir, { type: MsgType.Treaddir, tag: 1, fid: 1, offset: 0n, count: 8000 })).data);
    expect(all.map((d) => d.name)).to.deep.equal(['.', '..', 'f0', 'f1', 'f2', 'f3', 'f4']);
    expect(all.map((d) => d.offset)).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    const rest = decodeDirents((await c.call(MsgType.Rreaddir, { type: MsgType.Treaddir, tag: 1, fid: 1, offset: 4n, count: 8000 })).data);
    expect(rest.map((d) => d.name)).to.deep.equal(['f2', 'f3', 'f4']);
    const small = (await c.call(MsgType.Rreaddir, { type: MsgType.Treaddir, tag: 1, fid: 1, offset: 2n, count: 60 })).data;
    expect(decodeDirents(small).map((d) => d.name)).to.deep.equal(['f0', 'f1']);
    expect((await c.call(MsgType.Rreaddir, { type: MsgType.Treaddir, tag: 1, fid: 1, offset: 7n, count: 8000 })).data.length).to.equal(0);
  });
});

describe('9P server: flush', () => {
  it('answers Rflush for an unknown or finished tag, never Rerror', async () => {
    const { c } = await session();
    expect((await c.rpc({ type: MsgType.Tflush, tag: 9, oldtag: 1234 })).type).to.equal(MsgType.Rflush);
    expect((await c.rpc({ type: MsgType.Tflush, tag: 9, oldtag: 9 })).type).to.equal(MsgType.Rflush);
  });

  it('a request that finishes is answered before its Rflush; several flushes are answered in order', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c } = await session('9P2000', 8192, gate as unknown as RamFs);
    await c.walk(0, 1);
    await c.create(1, 'f', 0o666, ORDWR);
    gate.gated.add('write');
    c.send({ type: MsgType.Twrite, tag: 10, fid: 1, offset: 0n, data: Buffer.from('abc') });
    await gate.waitHeld(1);
    c.send({ type: MsgType.Tflush, tag: 11, oldtag: 10 });
    c.send({ type: MsgType.Tflush, tag: 12, oldtag: 10 });
    await nextTick();
    expect(c.replies.filter((r) => r.tag >= 10 && r.tag <= 12)).to.deep.equal([]);
    gate.held[0]!.release();
    await c.wait(12);
    expect(c.replies.filter((r) => r.tag >= 10 && r.tag <= 12).map((r) => [r.tag, r.type]))
      .to.deep.equal([[10, MsgType.Rwrite], [11, MsgType.Rflush], [12, MsgType.Rflush]]);
  });

  it('a read waiting on the device is cancelled: Rflush at once, no Rread ever', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c } = await session('9P2000', 8192, gate as unknown as RamFs);
    await mkfile(c, 'f', 'hello');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    gate.gated.add('read');
    c.send({ type: MsgType.Tread, tag: 20, fid: 1, offset: 0n, count: 5 });
    await gate.waitHeld(1);
    expect((await c.rpc({ type: MsgType.Tflush, tag: 21, oldtag: 20 })).type).to.equal(MsgType.Rflush);
    gate.gated.clear();
    gate.held[0]!.release();
    // the tag may be reused at once; its next answer belongs to the new request
    const again = await c.rpc({ type: MsgType.Tread, tag: 20, fid: 1, offset: 1n, count: 2 });
    expect(Buffer.from((again as { data: Uint8Array }).data).toString()).to.equal('el');
    await nextTick();
    expect(c.replies.filter((r) => r.tag === 20)).to.have.length(1);
  });

  it('requests pipelined in one write see each other\'s effects in arrival order', async () => {
    const { c } = await session();
    await mkfile(c, 'f', 'hello');
    c.sendRaw(Buffer.concat([
      encode({ type: MsgType.Tattach, tag: 40, fid: 5, afid: NOFID, uname: 'glenda', aname: '' }, '9P2000'),
      encode({ type: MsgType.Twalk, tag: 41, fid: 5, newfid: 6, wname: ['f'] }, '9P2000'),
      encode({ type: MsgType.Topen, tag: 42, fid: 6, mode: OREAD }, '9P2000'),
      encode({ type: MsgType.Tread, tag: 43, fid: 6, offset: 0n, count: 5 }, '9P2000'),
    ]));
    const r = await c.wait(43);
    expect(Buffer.from((r as { data: Uint8Array }).data).toString()).to.equal('hello');
    expect(c.replies.filter((x) => x.tag >= 40 && x.tag <= 43).map((x) => x.type))
      .to.deep.equal([MsgType.Rattach, MsgType.Rwalk, MsgType.Ropen, MsgType.Rread]);
  });

  it('pipelined requests are answered as they finish, not in arrival order', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c } = await session('9P2000', 8192, gate as unknown as RamFs);
    await mkfile(c, 'f', 'abcdef');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    gate.gated.add('read');
    c.send({ type: MsgType.Tread, tag: 30, fid: 1, offset: 0n, count: 3 });
    c.send({ type: MsgType.Tread, tag: 31, fid: 1, offset: 3n, count: 3 });
    await gate.waitHeld(2);
    const stat = await c.stat(1);
    expect(stat.name).to.equal('f');
    gate.held[1]!.release();
    await c.wait(31);
    gate.held[0]!.release();
    await c.wait(30);
    const order = c.replies.filter((r) => r.tag === 30 || r.tag === 31).map((r) => r.tag);
    expect(order).to.deep.equal([31, 30]);
  });
});

describe('9P server: wstat', () => {
  it('all fields "don\'t touch" is a sync: answered, nothing changed', async () => {
    const { c } = await session();
    await mkfile(c, 'f', 'abc');
    await c.walk(0, 1, 'f');
    const before = await c.stat(1);
    await c.call(MsgType.Rwstat, { ...dontTouch(), tag: 2, fid: 1 });
    expect(await c.stat(1)).to.deep.include({ mode: before.mode, length: before.length, name: 'f' });
  });

  it('compares DMDIR instead of rejecting it, and ignores muid', async () => {
    const { c } = await session();
    await c.walk(0, 1);
    await c.create(1, 'd', DMDIR | 0o777, OREAD);
    await c.walk(0, 2, 'd');
    const t = dontTouch();
    t.stat.mode = DMDIR | 0o700;
    t.stat.muid = 'someone';
    await c.call(MsgType.Rwstat, { ...t, tag: 3, fid: 2 });
    expect((await c.stat(2)).mode).to.equal((DMDIR | 0o700) >>> 0);
    t.stat.mode = 0o700;
    expect(await c.fails(c.call(MsgType.Rwstat, { ...t, tag: 3, fid: 2 }))).to.equal("wstat can't convert between files and directories");
  });

  it('accepts truncate-to-0 with a new mtime (legacy Linux O_TRUNC)', async () => {
    const { c } = await session();
    await mkfile(c, 'f', 'abc');
    await c.walk(0, 1, 'f');
    const t = dontTouch();
    t.stat.length = 0n;
    t.stat.mtime = 1700000000;
    await c.call(MsgType.Rwstat, { ...t, tag: 3, fid: 1 });
    expect((await c.stat(1)).length).to.equal(0n);
  });
});

describe('9P server: errors on the wire', () => {
  class LongErrorDev extends RamFs {
    override stat(c: Chan): never {
      void c;
      throw new Plan9Error('x'.repeat(150) + 'é'.repeat(100));
    }
  }

  it('cuts error strings to 128 bytes (ERRMAX)', async () => {
    const { c } = await session('9P2000', 8192, new LongErrorDev('eve'));
    const r = await c.rpc({ type: MsgType.Tstat, tag: 5, fid: 0 });
    expect(Buffer.byteLength((r as Rerror).ename)).to.equal(ERRMAX);
  });

  it('9P2000.u carries the string and a Linux errno', async () => {
    const { c } = await session('9P2000.u');
    const r = await c.rpc({ type: MsgType.Twalk, tag: 5, fid: 0, newfid: 1, wname: ['nosuch'] });
    expect(r).to.deep.include({ type: MsgType.Rerror, ename: 'file does not exist', errno: 2 });
  });

  it('answers an unknown message type with "Function not implemented" / ENOSYS', async () => {
    const a = await session('9P2000');
    const raw = Buffer.from([7, 0, 0, 0, 200, 4, 0]);
    a.c.sendRaw(raw);
    expect(await a.c.wait(4)).to.deep.include({ type: MsgType.Rerror, ename: 'Function not implemented' });
    const l = await session('9P2000.L');
    l.c.sendRaw(Buffer.from([11, 0, 0, 0, 112, 6, 0, 0, 0, 0, 0])); // Topen is not a .L message
    expect(await l.c.wait(6)).to.deep.include({ type: MsgType.Rlerror, ecode: 38 });
  });

  it('answers a second request with an outstanding tag "duplicate tag"', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { c } = await session('9P2000', 8192, gate as unknown as RamFs);
    await mkfile(c, 'f', 'x');
    await c.walk(0, 1, 'f');
    await c.open(1, OREAD);
    gate.gated.add('read');
    c.send({ type: MsgType.Tread, tag: 60, fid: 1, offset: 0n, count: 1 });
    await gate.waitHeld(1);
    expect(await c.error({ type: MsgType.Tstat, tag: 60, fid: 0 })).to.equal('duplicate tag');
    gate.held[0]!.release();
    await nextTick();
    expect(c.replies.filter((r) => r.tag === 60).map((r) => r.type)).to.deep.equal([MsgType.Rerror, MsgType.Rread]);
  });

  it('closes a connection that sends a message longer than the negotiated msize', async () => {
    const { client } = pairWith(new RamFs('eve'));
    await client.version(4096);
    await client.attach(0, 'glenda');
    await client.walk(0, 1);
    await client.create(1, 'f', 0o666, ORDWR);
    client.send({ type: MsgType.Twrite, tag: 9, fid: 1, offset: 0n, data: Buffer.alloc(5000) });
    await client.whenClosed();
  });

  it('closes a connection that sends R-messages', async () => {
    const { c } = await session();
    c.send({ type: MsgType.Rclunk, tag: 3 });
    await c.whenClosed();
  });

  it('a device that throws a non-Plan 9 error gets "i/o error", and the server goes on', async () => {
    class Broken extends RamFs {
      override stat(): never { throw new TypeError('bug'); }
    }
    const { c } = await session('9P2000', 8192, new Broken('eve'));
    expect(await c.fails(c.stat(0))).to.equal('i/o error');
    expect(await c.walk(0, 1)).to.deep.equal([]);
  });

  it('a reply that cannot be encoded becomes "i/o error" (and is logged)', async () => {
    class HugeName extends RamFs {
      override stat(c: Chan) {
        return { ...super.stat(c), name: 'x'.repeat(70000) };
      }
    }
    const logs: string[] = [];
    const { client } = pairWith(new HugeName('eve'), '9P2000', { log: (l) => logs.push(l) });
    await client.version(8192);
    await client.attach(0, 'glenda');
    expect(await client.fails(client.stat(0))).to.equal('i/o error');
    expect(logs.join('')).to.match(/cannot encode Rstat/);
  });

  it('closes a connection whose frame size is impossible, and keeps serving others', async () => {
    const dev = new RamFs('eve');
    const { client: bad, server } = pairWith(dev);
    await bad.version(8192);
    bad.sendRaw(Buffer.from([3, 0, 0, 0]));
    await bad.whenClosed();
    expect(server.connections).to.equal(0);
    const { client: good } = pairWith(dev);
    await good.version(8192);
    expect((await good.attach(0, 'glenda')).type).to.equal(QTDIR);
  });
});

describe('9P server: 9P2000.L requests as Linux sends them', () => {
  it('echo > existing: Tlopen(O_WRONLY|O_CREAT|O_LARGEFILE), Txattrwalk, Tsetattr(size 0), Twrite', async () => {
    const { c } = await session('9P2000.L');
    await mkfile(c, 'f', 'old');
    await c.walk(0, 1, 'f');
    await c.walk(1, 2);
    const o = await c.call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: 1, fid: 2, flags: 0o100101 });
    expect(o.iounit).to.equal(0);
    expect(await c.error({ type: MsgType.Txattrwalk, tag: 1, fid: 2, newfid: 3, name: 'security.capability' })).to.equal(61);
    await c.call(MsgType.Rsetattr, {
      type: MsgType.Tsetattr, tag: 1, fid: 2, valid: 0x68, mode: 0, uid: DONT32, gid: DONT32, size: 0n,
      atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n,
    });
    expect(await c.write(2, 0, 'bye\n')).to.equal(4);
    await c.walk(0, 4, 'f');
    await c.call(MsgType.Rlopen, { type: MsgType.Tlopen, tag: 1, fid: 4, flags: 0o100000 });
    expect((await c.read(4, 0, 100)).toString()).to.equal('bye\n');
  });

  it('Tmkdir leaves dfid unopened and where it was; Tgetattr reports Linux modes and sizes', async () => {
    const { c } = await session('9P2000.L');
    const r = await c.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: 1, dfid: 0, name: 'd', mode: 0o40755, gid: 0 });
    expect(r.qid.type).to.equal(QTDIR);
    const q = await c.walk(0, 1, 'd');
    expect(q[0]).to.deep.equal(r.qid);
    const a = await c.call(MsgType.Rgetattr, { type: MsgType.Tgetattr, tag: 1, fid: 1, requestMask: 0x7ffn });
    expect(a.mode).to.equal(0o40755);
    expect(a.qid).to.deep.equal(r.qid);
    await mkfile(c, 'f', 'hello');
    await c.walk(0, 2, 'f');
    const fa = await c.call(MsgType.Rgetattr, { type: MsgType.Tgetattr, tag: 1, fid: 2, requestMask: 0x7ffn });
    expect(fa.mode & 0o170000).to.equal(0o100000);
    expect(fa.size).to.equal(5n);
  });

  it('Tunlinkat removes files and directories; unsupported calls answer EOPNOTSUPP', async () => {
    const { c } = await session('9P2000.L');
    await c.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: 1, dfid: 0, name: 'd', mode: 0o40755, gid: 0 });
    expect(await c.error({ type: MsgType.Tunlinkat, tag: 1, dirfid: 0, name: 'd', flags: 0 })).to.equal(21);
    await c.call(MsgType.Runlinkat, { type: MsgType.Tunlinkat, tag: 1, dirfid: 0, name: 'd', flags: 0x200 });
    expect(await c.fails(c.walk(0, 1, 'd'))).to.equal(2);
    expect(await c.error({ type: MsgType.Trenameat, tag: 1, olddirfid: 0, oldname: 'a', newdirfid: 0, newname: 'b' })).to.equal(95);
  });

  it('Tstatfs, Tfsync, Tlock and Tgetlock succeed', async () => {
    const { c } = await session('9P2000.L');
    expect((await c.call(MsgType.Rstatfs, { type: MsgType.Tstatfs, tag: 1, fid: 0 })).fsType).to.equal(0x01021997);
    await c.call(MsgType.Rfsync, { type: MsgType.Tfsync, tag: 1, fid: 0, datasync: 0 });
    expect((await c.call(MsgType.Rlock, { type: MsgType.Tlock, tag: 1, fid: 0, lockType: 1, flags: 0, start: 0n, length: 0n, procId: 1, clientId: 'x' })).status).to.equal(0);
    expect((await c.call(MsgType.Rgetlock, { type: MsgType.Tgetlock, tag: 1, fid: 0, lockType: 1, start: 0n, length: 0n, procId: 1, clientId: 'x' })).lockType).to.equal(2);
  });

  it('an attach with an empty uname takes the user from n_uname (0 is eve)', async () => {
    const { client } = pairWith(new RamFs('eve'), '9P2000.L');
    await client.version(8192);
    await client.attach(0, '', '', 0);
    await client.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: 1, dfid: 0, name: 'd', mode: 0o40755, gid: 0 });
    await client.walk(0, 1, 'd');
    const a = await client.call(MsgType.Rgetattr, { type: MsgType.Tgetattr, tag: 1, fid: 1, requestMask: 0x7ffn });
    expect(a.uid).to.equal(0);
    await client.attach(2, '', '', 1000);
    await client.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: 1, dfid: 2, name: 'e', mode: 0o40755, gid: 0 });
    await client.walk(2, 3, 'e');
    expect((await client.call(MsgType.Rgetattr, { type: MsgType.Tgetattr, tag: 1, fid: 3, requestMask: 0x7ffn })).uid).to.equal(1000);
  });
});

export { ServerError };
