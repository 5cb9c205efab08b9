// The rules a 9P client must honour (intro(5), version(5)): version and msize, tags, pipelining with
// out-of-order replies, flush, walks of more than 16 names, I/O split at msize − IOHDRSZ, and
// the errors of each dialect.

import { expect } from 'chai';
import { Client } from '../../../src/9p/client/client.js';
import { NinepError } from '../../../src/9p/client/errors.js';
import { ClientFid } from '../../../src/9p/client/fid.js';
import { Fsys } from '../../../src/9p/client/fsys.js';
import { NOTAG } from '../../../src/9p/codec/constants.js';
import { OREAD } from '../../../src/lib9/modes.js';
import { MsgType, type Fcall, type Qid } from '../../../src/9p/codec/types.js';
import { duplexPair } from '../../helpers/pair.js';
import { fakePair, FakeServer } from './fake-server.js';
import { rejection } from '../../helpers/rejection.js';

const qid = (path: number, type = 0): Qid => ({ type, vers: 0, path: BigInt(path) });

function reqOf<T extends MsgType>(f: Fcall, type: T): Extract<Fcall, { type: T }> {
  expect(f.type).to.equal(type);
  return f as Extract<Fcall, { type: T }>;
}

describe('9P client rules', () => {
  describe('version', () => {
    it('sends Tversion with NOTAG and the msize asked, and takes the smaller msize answered', async () => {
      const { client, server } = await fakePair({ msize: 65536, answerMsize: 8192 });
      expect(server.got[0]).to.include({ type: MsgType.Tversion, tag: NOTAG, msize: 65536, version: '9P2000' });
      expect(client.msize).to.equal(8192);
      expect(client.iounit).to.equal(8192 - 24);
    });

    it('accepts a 9P2000 answer to 9P2000.L and speaks 9P2000 then', async () => {
      const { client } = await fakePair({ version: '9P2000.L', answer: '9P2000' });
      expect(client.dialect).to.equal('9P2000');
    });

    for (const [why, answer, answerMsize] of [
      ['unknown', 'unknown', 8192], ['an msize above the one asked', '9P2000', 1 << 21], ['an msize below 4096', '9P2000', 2048],
    ] as const) {
      it(`fails with EVERSION on ${why}`, async () => {
        const [a, b] = duplexPair();
        const server = new FakeServer(b);
        const connecting = Client.connect(a, { msize: 1 << 20 });
        const tv = await server.next();
        server.send({ type: MsgType.Rversion, tag: tv.tag, msize: answerMsize, version: answer });
        const e = await rejection(connecting);
        expect(e).to.be.instanceOf(NinepError);
        expect((e as NinepError).code).to.equal('EVERSION');
      });
    }
  });

  describe('tags and pipelining', () => {
    it('sends requests before any reply and matches replies that come back in reverse order', async () => {
      const { client, server } = await fakePair();
      const reads = [0, 1, 2].map((i) => client.rpc<Extract<Fcall, { type: MsgType.Rread }>>({
        type: MsgType.Tread, fid: 1, offset: BigInt(i * 100), count: 10,
      }));
      const ts = [await server.next(), await server.next(), await server.next()];
      expect(new Set(ts.map((t) => t.tag)).size).to.equal(3);
      for (const t of [...ts].reverse()) {
        const off = Number(reqOf(t, MsgType.Tread).offset);
        server.send({ type: MsgType.Rread, tag: t.tag, data: Buffer.from(`at ${off}`) });
      }
      const got = await Promise.all(reads);
      expect(got.map((r) => Buffer.from(r.data).toString())).to.deep.equal(['at 0', 'at 100', 'at 200']);
      expect(client.outstanding).to.equal(0);
    });

    it('fails every outstanding request with ECLOSED when the connection drops', async () => {
      const { client, server } = await fakePair();
      const p = client.rpc({ type: MsgType.Tclunk, fid: 3 });
      await server.next();
      server.stream.destroy();
      const e = await rejection(p);
      expect((e as NinepError).code).to.equal('ECLOSED');
      expect(client.closed).to.equal(true);
    });

    it('treats a reply with a tag nobody is waiting for as a protocol error', async () => {
      const { client, server } = await fakePair();
      const p = client.rpc({ type: MsgType.Tclunk, fid: 3 });
      await server.next();
      server.send({ type: MsgType.Rclunk, tag: 999 });
      const e = await rejection(p);
      expect((e as NinepError).code).to.equal('EPROTO');
    });
  });

  describe('flush', () => {
    it('sends Tflush on abort, keeps the tag until Rflush, then rejects with the abort reason', async () => {
      const { client, server } = await fakePair();
      const ac = new AbortController();
      const p = client.rpc({ type: MsgType.Tread, fid: 1, offset: 0n, count: 10 }, ac.signal);
      const tread = await server.next();
      ac.abort(new Error('stop'));
      const tflush = reqOf(await server.next(), MsgType.Tflush);
      expect(tflush.oldtag).to.equal(tread.tag);
      let settled = false;
      p.then(() => { settled = true; }, () => { settled = true; });
      // requests made while the flush is outstanding never get the old tag
      const others = Array.from({ length: 5 }, (_, i) => client.rpc({ type: MsgType.Tclunk, fid: 10 + i }));
      const ts = await Promise.all(others.map(() => server.next()));
      expect(ts.map((t) => t.tag)).to.not.include(tread.tag);
      expect(settled).to.equal(false);
      server.send({ type: MsgType.Rflush, tag: tflush.tag });
      const e = await rejection(p);
      expect(e.message).to.equal('stop');
      for (const t of ts) server.send({ type: MsgType.Rclunk, tag: t.tag });
      await Promise.all(others);
      // both the old tag and the flush's are free again
      expect(client.outstanding).to.equal(0);
    });

    it('lets the original reply win when it arrives before the Rflush', async () => {
      const { client, server } = await fakePair();
      const ac = new AbortController();
      const p = client.rpc<Extract<Fcall, { type: MsgType.Rread }>>({ type: MsgType.Tread, fid: 1, offset: 0n, count: 10 }, ac.signal);
      const tread = await server.next();
      ac.abort();
      const tflush = await server.next();
      server.send({ type: MsgType.Rread, tag: tread.tag, data: Buffer.from('done') });
      expect(Buffer.from((await p).data).toString()).to.equal('done');
      expect(client.outstanding).to.equal(2); // both tags held until Rflush
      server.send({ type: MsgType.Rflush, tag: tflush.tag });
      await new Promise((r) => setImmediate(r));
      expect(client.outstanding).to.equal(0);
    });

    it('does not send a request whose signal is already aborted', async () => {
      const { client, server } = await fakePair();
      const e = await rejection(client.rpc({ type: MsgType.Tclunk, fid: 1 }, AbortSignal.abort(new Error('early'))));
      expect(e.message).to.equal('early');
      expect(server.got.length).to.equal(1); // Tversion only
    });
  });

  describe('walk and I/O sizes', () => {
    it('walks 20 names as 16 from the fid to a new fid, then 4 in place on the new fid', async () => {
      const { client, server } = await fakePair();
      const root = new ClientFid(client, 0, qid(0, 0x80), '/');
      const names = Array.from({ length: 20 }, (_, i) => `d${i}`);
      const walking = root.walk(names);
      const w1 = reqOf(await server.next(), MsgType.Twalk);
      expect(w1.wname).to.deep.equal(names.slice(0, 16));
      expect(w1.fid).to.equal(0);
      server.send({ type: MsgType.Rwalk, tag: w1.tag, wqid: names.slice(0, 16).map((_, i) => qid(i + 1, 0x80)) });
      const w2 = reqOf(await server.next(), MsgType.Twalk);
      expect(w2.wname).to.deep.equal(names.slice(16));
      expect(w2.fid).to.equal(w1.newfid);
      expect(w2.newfid).to.equal(w1.newfid);
      server.send({ type: MsgType.Rwalk, tag: w2.tag, wqid: names.slice(16).map((_, i) => qid(i + 17)) });
      const f = await walking;
      expect(f.qid.path).to.equal(20n);
      expect(f.name).to.equal('d19');
    });

    it('fails a walk that stops short with "file does not exist" and clunks nothing it did not get', async () => {
      const { client, server } = await fakePair();
      const root = new ClientFid(client, 0, qid(0, 0x80), '/');
      const walking = root.walk(['a', 'b']);
      const w = reqOf(await server.next(), MsgType.Twalk);
      server.send({ type: MsgType.Rwalk, tag: w.tag, wqid: [qid(1, 0x80)] });
      const e = await rejection(walking);
      expect(e).to.be.instanceOf(NinepError);
      expect(e.message).to.equal('file does not exist');
      await new Promise((r) => setImmediate(r));
      expect(server.got.length).to.equal(2); // no Tclunk: a partial walk makes no newfid
    });

    it('splits reads and writes at msize − IOHDRSZ and keeps several in flight', async () => {
      const { client, server } = await fakePair({ msize: 4096 });
      const f = new ClientFid(client, 5, qid(9), 'data');
      const data = Buffer.alloc(10000, 7);
      const writing = f.writeAt(100, data);
      const ws = [await server.next(), await server.next(), await server.next()].map((t) => reqOf(t, MsgType.Twrite));
      expect(ws.map((w) => w.data.length)).to.deep.equal([4072, 4072, 1856]);
      expect(ws.map((w) => Number(w.offset))).to.deep.equal([100, 4172, 8244]);
      for (const w of ws.reverse()) server.send({ type: MsgType.Rwrite, tag: w.tag, count: w.data.length });
      expect(await writing).to.equal(10000);

      const reading = f.readAt(0, 9000);
      const rs = [await server.next(), await server.next(), await server.next()].map((t) => reqOf(t, MsgType.Tread));
      expect(rs.map((r) => r.count)).to.deep.equal([4072, 4072, 856]);
      server.send({ type: MsgType.Rread, tag: rs[2]!.tag, data: Buffer.alloc(856, 3) });
      server.send({ type: MsgType.Rread, tag: rs[0]!.tag, data: Buffer.alloc(4072, 1) });
      server.send({ type: MsgType.Rread, tag: rs[1]!.tag, data: Buffer.alloc(4072, 2) });
      const got = await reading;
      expect(got.length).to.equal(9000);
      expect([got[0], got[4072], got[8999]]).to.deep.equal([1, 2, 3]);
    });

    it('clamps a single read to the iounit the server gave at open', async () => {
      const { client, server } = await fakePair({ msize: 8192 });
      const f = new ClientFid(client, 5, qid(9), 'data');
      const opening = f.open(OREAD);
      const to = await server.next();
      server.send({ type: MsgType.Ropen, tag: to.tag, qid: qid(9), iounit: 1000 });
      await opening;
      const reading = f.read(0, 5000);
      const tr = reqOf(await server.next(), MsgType.Tread);
      expect(tr.count).to.equal(1000);
      server.send({ type: MsgType.Rread, tag: tr.tag, data: Buffer.alloc(0) });
      expect((await reading).length).to.equal(0);
    });
  });

  describe('errors per dialect', () => {
    it('9P2000: the server string, and the errno lib9 maps it to', async () => {
      const { client, server } = await fakePair();
      const p = client.rpc({ type: MsgType.Tclunk, fid: 1 });
      const t = await server.next();
      server.send({ type: MsgType.Rerror, tag: t.tag, ename: 'permission denied' });
      const e = await rejection(p) as NinepError;
      expect(e).to.be.instanceOf(NinepError);
      expect([e.message, e.ename, e.errno, e.code, e.dialect]).to.deep.equal(['permission denied', 'permission denied', 13, 'EACCES', '9P2000']);
    });

    it('9P2000.u: the string and the errno', async () => {
      const { client, server } = await fakePair({ version: '9P2000.u' });
      const p = client.rpc({ type: MsgType.Tclunk, fid: 1 });
      const t = await server.next();
      server.send({ type: MsgType.Rerror, tag: t.tag, ename: 'file does not exist', errno: 2 });
      const e = await rejection(p) as NinepError;
      expect([e.message, e.ename, e.errno, e.code, e.dialect]).to.deep.equal(['file does not exist', 'file does not exist', 2, 'ENOENT', '9P2000.u']);
    });

    it('9P2000.L: the errno, with its Plan 9 string as the message', async () => {
      const { client, server } = await fakePair({ version: '9P2000.L' });
      const p = client.rpc({ type: MsgType.Tclunk, fid: 1 });
      const t = await server.next();
      server.send({ type: MsgType.Rlerror, tag: t.tag, ecode: 13 });
      const e = await rejection(p) as NinepError;
      expect([e.message, e.ename, e.errno, e.code, e.dialect]).to.deep.equal(['permission denied', 'permission denied', 13, 'EACCES', '9P2000.L']);
    });

    it('9P2000.u: an errno of 0 (none given) is the one lib9 maps the string to', async () => {
      const { client, server } = await fakePair({ version: '9P2000.u' });
      const p = client.rpc({ type: MsgType.Tclunk, fid: 1 });
      const t = await server.next();
      server.send({ type: MsgType.Rerror, tag: t.tag, ename: 'segments overlap', errno: 0 });
      const e = await rejection(p) as NinepError;
      expect([e.message, e.errno, e.code]).to.deep.equal(['segments overlap', 16, 'EBUSY']);
    });

    it('9P2000.L: an errno without a Plan 9 string reads as its Linux text; one without a name as E<n>', async () => {
      const { client, server } = await fakePair({ version: '9P2000.L' });
      const p = client.rpc({ type: MsgType.Tclunk, fid: 1 });
      const q = client.rpc({ type: MsgType.Tclunk, fid: 2 });
      const [t, u] = [await server.next(), await server.next()];
      server.send({ type: MsgType.Rlerror, tag: t.tag, ecode: 30 });
      server.send({ type: MsgType.Rlerror, tag: u.tag, ecode: 200 });
      const e = await rejection(p) as NinepError;
      const f = await rejection(q) as NinepError;
      expect([e.message, e.errno, e.code, e.isFailure]).to.deep.equal(['Read-only file system', 30, 'EROFS', false]);
      expect([f.message, f.errno, f.code]).to.deep.equal(['errno 200', 200, 'E200']);
    });

    for (const version of ['9P2000', '9P2000.u', '9P2000.L'] as const) {
      it(`${version}: the same refusal has the same message, errno and code`, async () => {
        const { client, server } = await fakePair({ version });
        const p = client.rpc({ type: MsgType.Tclunk, fid: 1 });
        const t = await server.next();
        if (version === '9P2000.L') server.send({ type: MsgType.Rlerror, tag: t.tag, ecode: 2 });
        else server.send({ type: MsgType.Rerror, tag: t.tag, ename: 'file does not exist', errno: 2 });
        const e = await rejection(p) as NinepError;
        expect([e.name, e.message, e.ename, e.errno, e.code]).to.deep.equal(['NinepError', 'file does not exist', 'file does not exist', 2, 'ENOENT']);
      });
    }

    it('a refused Tversion is EVERSION, a failure of the connection', async () => {
      const [a, b] = duplexPair();
      const server = new FakeServer(b);
      const connecting = Client.connect(a);
      const tv = await server.next();
      server.send({ type: MsgType.Rerror, tag: tv.tag, ename: 'no way' });
      const e = await rejection(connecting) as NinepError;
      expect(e).to.be.instanceOf(NinepError);
      expect([e.code, e.message, e.isFailure]).to.deep.equal(['EVERSION', 'Tversion refused: no way', true]);
      expect(e.errno).to.equal(93);
    });

    it('failures carry their code and an errno: ECLOSED is EPIPE, EPROTO is EPROTO', async () => {
      const { client, server } = await fakePair();
      const p = client.rpc({ type: MsgType.Tstat, fid: 1 });
      const t = await server.next();
      server.send({ type: MsgType.Rclunk, tag: t.tag });
      const e = await rejection(p) as NinepError;
      expect([e.code, e.errno, e.isFailure]).to.deep.equal(['EPROTO', 71, true]);
      client.close();
      const c = await rejection(client.rpc({ type: MsgType.Tclunk, fid: 1 })) as NinepError;
      expect([c.code, c.errno, c.isFailure]).to.deep.equal(['ECLOSED', 32, true]);
    });

    it('a request that cannot be encoded fails with CodecError and leaves no tag in use', async () => {
      const { client, server } = await fakePair();
      const e = await rejection(client.rpc({ type: MsgType.Twalk, fid: 0, newfid: 1, wname: ['x'.repeat(70000)] }));
      expect(e.name).to.equal('CodecError');
      expect(client.outstanding).to.equal(0);
      expect(server.got.length).to.equal(1);
    });

    it('a reply of the wrong type is a protocol error, not a success', async () => {
      const { client, server } = await fakePair();
      const p = client.rpc({ type: MsgType.Tstat, fid: 1 });
      const t = await server.next();
      server.send({ type: MsgType.Rclunk, tag: t.tag });
      expect((await rejection(p) as NinepError).code).to.equal('EPROTO');
    });

    it('attach failure leaves no fid in use', async () => {
      const { client, server } = await fakePair();
      const p = Fsys.attach(client, 'glenda');
      const t = reqOf(await server.next(), MsgType.Tattach);
      server.send({ type: MsgType.Rerror, tag: t.tag, ename: 'unknown user' });
      expect((await rejection(p)).message).to.equal('unknown user');
      expect(client.fids.alloc()).to.equal(t.fid);
    });
  });
});

describe('9P client connect', () => {
  it('gives up on a server that never answers Tversion when the signal aborts', async () => {
    const [a, b] = duplexPair();
    const server = new FakeServer(b);
    const ac = new AbortController();
    const connecting = Client.connect(a, { signal: ac.signal });
    await server.next();
    ac.abort();
    const e = await connecting.then(() => undefined, (err: NinepError) => err);
    expect(e?.code).to.equal('ECLOSED');
    expect(a.destroyed).to.equal(true);
  });
});
