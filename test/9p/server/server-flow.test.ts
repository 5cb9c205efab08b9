// Flow control over TCP: a client that floods requests and never reads its replies stops
// being read (its requests stop reaching the device) and costs bounded memory, while another
// client on the same server is served as usual; closing it releases everything.

import { expect } from 'chai';
import { connect } from 'node:net';
import { RamFs } from '../../../examples/ramfs.js';
import { encode } from '../../../src/9p/codec/codec.js';
import { NOFID, NOTAG } from '../../../src/9p/codec/constants.js';
import { ORDWR, OREAD } from '../../../src/lib9/modes.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { MsgType } from '../../../src/9p/codec/types.js';
import { GateDev } from './server-gate-dev.js';
import { MAX_PENDING } from '../../../src/9p/server/connection.js';
import { MAX_FIDS } from '../../../src/9p/server/fid.js';
import { pairWith, tcpClient } from '../../helpers/ninep-wire.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('9P server: flow control', function () {
  this.timeout(20000);

  it('a client that never reads stops being read; others are served; hang-up releases it', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const server = new NinepServer({ dev: gate, eve: 'eve', log: () => {}, debug: process.env.SEGFS_TEST_TRACE ? true : undefined });
    const address = await server.listen('tcp!127.0.0.1!0');
    try {
      const setup = await tcpClient(address);
      await setup.version(65536);
      await setup.attach(0, 'eve');
      await setup.walk(0, 1);
      await setup.create(1, 'big', 0o666, ORDWR);
      await setup.write(1, 0, Buffer.alloc(60000, 1));
      setup.stream.destroy();

      const N = 5000;
      const flood = connect({ host: '127.0.0.1', port: Number(address.split('!')[2]) });
      await new Promise((r) => flood.once('connect', r));
      flood.pause(); // never reads a reply
      const reqs = [
        encode({ type: MsgType.Tversion, tag: NOTAG, msize: 65536, version: '9P2000' }, '9P2000'),
        encode({ type: MsgType.Tattach, tag: 60001, fid: 0, afid: NOFID, uname: 'eve', aname: '' }, '9P2000'),
        encode({ type: MsgType.Twalk, tag: 60002, fid: 0, newfid: 1, wname: ['big'] }, '9P2000'),
        encode({ type: MsgType.Topen, tag: 60003, fid: 1, mode: OREAD }, '9P2000'),
      ];
      for (let i = 0; i < N; i++) reqs.push(encode({ type: MsgType.Tread, tag: i % 60000, fid: 1, offset: 0n, count: 60000 }, '9P2000'));
      flood.write(Buffer.concat(reqs));

      // let the server work until it stops on its own
      let last = -1;
      while (gate.reads !== last) {
        last = gate.reads;
        await sleep(100);
      }
      expect(gate.reads).to.be.greaterThan(0);
      expect(gate.reads).to.be.lessThan(N);

      const other = await tcpClient(address);
      await other.version(8192);
      await other.attach(0, 'glenda');
      expect((await other.stat(0)).name).to.equal('/');
      expect(server.connections).to.equal(2);

      flood.destroy();
      while (server.connections > 1) await sleep(10);
      other.stream.destroy();
    } finally {
      await server.close();
    }
  });

  it('a client that sends its requests and shuts down its side still gets every reply', async () => {
    const server = new NinepServer({ dev: new RamFs('eve'), eve: 'eve', log: () => {} });
    const address = await server.listen('tcp!127.0.0.1!0');
    try {
      const sock = connect({ host: '127.0.0.1', port: Number(address.split('!')[2]) });
      await new Promise((r) => sock.once('connect', r));
      const chunks: Buffer[] = [];
      sock.on('data', (b: Buffer) => chunks.push(b));
      const closed = new Promise((r) => sock.once('close', r));
      sock.end(Buffer.concat([
        encode({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: '9P2000' }, '9P2000'),
        encode({ type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'eve', aname: '' }, '9P2000'),
        encode({ type: MsgType.Tstat, tag: 2, fid: 0 }, '9P2000'),
      ]));
      await closed;
      const all = Buffer.concat(chunks);
      const types: number[] = [];
      for (let off = 0; off < all.length; off += all.readUInt32LE(off)) types.push(all[off + 4]!);
      expect(types).to.deep.equal([MsgType.Rversion, MsgType.Rattach, MsgType.Rstat]);
    } finally {
      await server.close();
    }
  });

  it('a connection may not hold more than MAX_FIDS fids', async () => {
    const { client: c } = pairWith(new RamFs('eve'));
    await c.version(8192);
    await c.attach(0, 'eve');
    const CHUNK = 4096;
    for (let first = 1; first < MAX_FIDS; first += CHUNK) {
      const frames: Buffer[] = [];
      let last = 0;
      for (let fid = first; fid < Math.min(first + CHUNK, MAX_FIDS); fid++) {
        last = fid % 60000;
        frames.push(encode({ type: MsgType.Twalk, tag: last, fid: 0, newfid: fid, wname: [] }, '9P2000'));
      }
      const done = c.wait(last);
      c.sendRaw(Buffer.concat(frames));
      expect((await done).type).to.equal(MsgType.Rwalk);
    }
    expect(await c.fails(c.walk(0, MAX_FIDS))).to.equal('Too many open files');
    await c.clunk(1);
    expect(await c.walk(0, MAX_FIDS)).to.deep.equal([]);
  });

  it('with every request slot taken by reads stuck in the device, a Tflush is still answered', async () => {
    const gate = new GateDev(new RamFs('eve'));
    const { client: c } = pairWith(gate);
    await c.version(8192);
    await c.attach(0, 'eve');
    await c.walk(0, 1);
    await c.create(1, 'f', 0o666, ORDWR);
    await c.write(1, 0, 'abc');
    gate.gated.add('read');
    const N = MAX_PENDING + 6;
    c.sendRaw(Buffer.concat(Array.from({ length: N }, (_, i) =>
      encode({ type: MsgType.Tread, tag: 1000 + i, fid: 1, offset: 0n, count: 3 }, '9P2000'))));
    await gate.waitHeld(MAX_PENDING);
    // one read waiting in the device, one still in the backlog
    expect((await c.rpc({ type: MsgType.Tflush, tag: 1, oldtag: 1003 })).type).to.equal(MsgType.Rflush);
    expect((await c.rpc({ type: MsgType.Tflush, tag: 2, oldtag: 1000 + N - 2 })).type).to.equal(MsgType.Rflush);
    const last = c.wait(1000 + N - 1);
    gate.gated.clear();
    while (gate.held.length > 0) {
      gate.held.shift()!.release();
      await new Promise((r) => setImmediate(r));
    }
    await last;
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    const answered = new Set(c.replies.filter((r) => r.type === MsgType.Rread).map((r) => r.tag));
    expect(answered.has(1003)).to.equal(false);
    expect(answered.has(1000 + N - 2)).to.equal(false);
    expect(answered.size).to.equal(N - 2);
  });
});
