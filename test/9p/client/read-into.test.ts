// Reads into the caller's memory (Client.readInto, ClientFid.readInto): the reply's bytes land
// in the buffer given and nowhere else, the count asked never exceeds the buffer or the iounit,
// flush keeps its rule (a reply before the Rflush wins; after it nothing touches the buffer),
// a server answering more than asked is a protocol error, and a streaming read never lends out
// memory a request it gave up on may still write into.

import { expect } from 'chai';
import { NinepError } from '../../../src/9p/client/errors.js';
import { ClientFid } from '../../../src/9p/client/fid.js';
import { readStream } from '../../../src/9p/client/stream.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import { fakePair } from './fake-server.js';
import { rejection } from '../../helpers/rejection.js';

function tread(f: Fcall): Extract<Fcall, { type: MsgType.Tread }> {
  expect(f.type).to.equal(MsgType.Tread);
  return f as Extract<Fcall, { type: MsgType.Tread }>;
}

describe('9P client: reads into the caller\'s buffer', () => {
  it('puts the reply\'s bytes at the start of the buffer and leaves the rest alone', async () => {
    const { client, server } = await fakePair({ msize: 8192 });
    const into = Buffer.alloc(100, 0xaa);
    const p = client.readInto(7, 5n, into);
    const t = tread(await server.next());
    expect(t).to.include({ fid: 7, offset: 5n, count: 100 });
    server.send({ type: MsgType.Rread, tag: t.tag, data: Buffer.from('hello') });
    expect(await p).to.equal(5);
    expect(into.subarray(0, 5).toString()).to.equal('hello');
    expect(into.subarray(5).every((b) => b === 0xaa)).to.equal(true);

    const end = client.readInto(7, 105n, into);
    server.send({ type: MsgType.Rread, tag: tread(await server.next()).tag, data: Buffer.alloc(0) });
    expect(await end).to.equal(0);
  });

  it('asks for no more than the buffer, the iounit of the connection, or the fid\'s', async () => {
    const { client, server } = await fakePair({ msize: 8192 });
    client.readInto(1, 0n, Buffer.alloc(100_000)).catch(() => {}); // ends with the connection
    expect(tread(await server.next()).count).to.equal(8192 - 24);
    const f = new ClientFid(client, 2, { type: 0, vers: 0, path: 1n }, 'x');
    f.iounit = 1000;
    f.readInto(0, Buffer.alloc(5000)).catch(() => {});
    expect(tread(await server.next()).count).to.equal(1000);
    client.close();
  });

  it('an Rread larger than asked is a protocol error that ends the connection', async () => {
    const { client, server } = await fakePair({ msize: 8192 });
    const p = client.readInto(1, 0n, Buffer.alloc(4));
    server.send({ type: MsgType.Rread, tag: tread(await server.next()).tag, data: Buffer.from('too long') });
    const e = await rejection(p);
    expect(e).to.be.instanceOf(NinepError);
    expect((e as NinepError).code).to.equal('EPROTO');
    expect(e.message).to.include('Rread of 8 bytes to a Tread of 4');
    expect(client.closed).to.equal(true);
  });

  it('a reply before the Rflush fills the buffer; after the Rflush the request fails', async () => {
    const { client, server } = await fakePair({ msize: 8192 });
    const won = Buffer.alloc(10);
    const ac = new AbortController();
    const p = client.readInto(1, 0n, won, ac.signal);
    const t = tread(await server.next());
    ac.abort(new Error('stop'));
    const flush = await server.next();
    server.send({ type: MsgType.Rread, tag: t.tag, data: Buffer.from('done') });
    expect(await p).to.equal(4);
    expect(won.subarray(0, 4).toString()).to.equal('done');
    server.send({ type: MsgType.Rflush, tag: flush.tag });

    const lost = Buffer.alloc(10);
    const ac2 = new AbortController();
    const q = client.readInto(1, 0n, lost, ac2.signal);
    const t2 = tread(await server.next());
    ac2.abort(new Error('stop'));
    server.send({ type: MsgType.Rflush, tag: (await server.next()).tag });
    expect((await rejection(q)).message).to.equal('stop');
    expect(t2.count).to.equal(10);
    expect(lost.every((b) => b === 0)).to.equal(true);
    expect(client.outstanding).to.equal(0);
  });

  it('readStream: the late reply of a read dropped after a short one never lands in a chunk handed out', async () => {
    const { client, server } = await fakePair({ msize: 128 * 1024 });
    const f = new ClientFid(client, 1, { type: 0, vers: 0, path: 1n }, 'data');
    const it = readStream(f, { depth: 2 })[Symbol.asyncIterator]();
    const first = it.next();
    const t1 = tread(await server.next());
    const t2 = tread(await server.next());
    // a short first read: the read ahead (t2) is dropped but still in flight
    server.send({ type: MsgType.Rread, tag: t1.tag, data: Buffer.alloc(777, 1) });
    expect((await first).value!.length).to.equal(777);
    // the reads that replace the dropped one: answered in full, the consumer holding the last
    const unit = client.iounit;
    const second = it.next();
    const t3 = tread(await server.next());
    const t4 = tread(await server.next());
    expect([t3.offset, t4.offset]).to.deep.equal([777n, BigInt(777 + unit)]);
    server.send({ type: MsgType.Rread, tag: t3.tag, data: Buffer.alloc(unit, 3) });
    expect((await second).value!.every((b) => b === 3)).to.equal(true);
    server.send({ type: MsgType.Rread, tag: t4.tag, data: Buffer.alloc(unit, 4) });
    const chunk = (await it.next()).value!;
    // the dropped read answers now, while the consumer still holds that chunk
    server.send({ type: MsgType.Rread, tag: t2.tag, data: Buffer.alloc(unit, 2) });
    await new Promise((r) => setImmediate(r));
    expect(chunk.length).to.equal(unit);
    expect(chunk.every((b) => b === 4)).to.equal(true);
    await it.return!(undefined);
    client.close();
  });
});
