// Tread's fast path (read-now.ts): the same reply bytes as the generic path (which a tracing
// server takes) for every kind of Tread, in every dialect; tags answered in the same turn free
// for reuse at once; a device whose readViews is a Promise still a pending request that
// Tflush cancels and the duplicate-tag check sees.

import { expect } from 'chai';
import { encode } from '../../../src/9p/codec/codec.js';
import type { Dialect } from '../../../src/9p/codec/dialect.js';
import { MsgType } from '../../../src/9p/codec/types.js';
import { isTread, treadCount, treadOffset } from '../../../src/9p/server/read-now.js';
import type { Chan } from '../../../src/dev/dev.js';
import type { SegmentDev } from '../../../src/devseg/segment-dev.js';
import { DMDIR, OREAD, ORDWR } from '../../../src/lib9/modes.js';
import { segmentDevice } from '../../../src/serve/serve.js';
import { frameTag } from '../../../src/9p/server/frame-fields.js';
import { pairWith, type TestClient } from '../../helpers/ninep-wire.js';

const LEN = 0x3000;

function tread(tag: number, fid: number, offset: bigint, count: number, dialect: Dialect = '9P2000'): Buffer {
  return encode({ type: MsgType.Tread, tag, fid, offset, count }, dialect);
}

/**
 * A client of a fresh #g holding: fid 0 the root, fid 1 segment `s`'s data open ORDWR and
 * filled with a pattern, fid 2 its ctl open ORDWR, fid 3 the root open for reading, fid 4 the
 * data walked but not open.
 */
async function setUp(dialect: Dialect, dev: SegmentDev, trace: boolean): Promise<TestClient> {
  const { client } = pairWith(dev, dialect, trace ? { debug: () => {} } : {});
  await client.version(8192); // below the segment's length: a Tread's count is cut to msize − IOHDRSZ
  await client.attach(0, 'glenda');
  await client.walk(0, 5);
  if (dialect === '9P2000.L') {
    await client.call(MsgType.Rmkdir, { type: MsgType.Tmkdir, tag: client.tag(), dfid: 0, name: 's', mode: 0o40777, gid: 0 });
  } else {
    await client.create(5, 's', (DMDIR | 0o777) >>> 0, OREAD);
  }
  for (const [fid, path] of [[1, 's/data'], [2, 's/ctl'], [3, ''], [4, 's/data']] as const) {
    await client.walk(0, fid, ...(path === '' ? [] : path.split('/')));
  }
  await client.lopenOrOpen(2, ORDWR);
  await client.write(2, 0, `va 0x10000000 0x${LEN.toString(16)}`);
  await client.lopenOrOpen(1, ORDWR);
  await client.lopenOrOpen(3, OREAD);
  const pattern = Buffer.alloc(LEN);
  for (let i = 0; i < LEN; i++) pattern[i] = (i * 7 + 3) & 0xff;
  for (let at = 0; at < LEN; at += 4096) await client.write(1, at, pattern.subarray(at, at + 4096));
  return client;
}

/** The bytes a whole server writes back for `chunk`, sent after setUp, once `replies` more have come. */
async function serverBytes(dialect: Dialect, trace: boolean, chunk: Buffer, replies: number): Promise<Buffer> {
  const client = await setUp(dialect, segmentDevice('eve'), trace);
  return client.rawExchange(chunk, replies);
}

describe('9P server: Tread answered in its turn (read-now)', () => {
  for (const dialect of ['9P2000', '9P2000.u', '9P2000.L'] as const) {
    it(`${dialect}: a chunk of every kind of Tread gets the bytes of the generic path, in order`, async () => {
      const t = (tag: number, fid: number, offset: bigint, count: number): Buffer => tread(tag, fid, offset, count, dialect);
      const frames = [
        t(1, 1, 0n, 100), // the start
        t(2, 1, BigInt(LEN - 10), 100), // across the end: 10 bytes
        t(3, 1, BigInt(LEN), 100), // at the end: none
        t(4, 1, 1n << 40n, 100), // far past it
        t(5, 1, 1n << 60n, 100), // beyond 2^53: the generic path
        t(6, 1, 1n << 63n, 100), // negative in Plan 9
        t(7, 1, 5n, 0x7fffffff), // more than msize allows
        t(8, 2, 0n, 100), // ctl: read, not views
        t(9, 3, 0n, 8192), // a directory
        t(10, 4, 0n, 100), // not open
        t(11, 77, 0n, 100), // unknown fid
        t(12, 1, 1n, 3), t(12, 1, 2n, 3), // a tag reused at once
        encode({ type: MsgType.Tflush, tag: 13, oldtag: 12 }, dialect),
        encode({ type: MsgType.Tclunk, tag: 14, fid: 1 }, dialect),
        t(15, 1, 0n, 10), // clunked
      ];
      // many in one chunk: past a connection's turn, the rest wait in its backlog
      for (let i = 0; i < 40; i++) frames.push(t(100 + i, [1, 2, 4][i % 3]!, BigInt(i * 50), 64));
      const chunk = Buffer.concat(frames);
      const fast = await serverBytes(dialect, false, chunk, frames.length);
      const generic = await serverBytes(dialect, true, chunk, frames.length);
      expect(fast.length).to.be.greaterThan(LEN / 100);
      expect(fast.toString('hex')).to.equal(generic.toString('hex'));
    });
  }

  it('answers with the segment\'s bytes at each offset, and frees the tag at once', async () => {
    const client = await setUp('9P2000', segmentDevice('eve'), false);
    for (const [offset, count] of [[0, 16], [LEN - 4, 16], [LEN, 16], [123, 1]] as const) {
      const got = await client.read(1, offset, count);
      const want = Buffer.alloc(Math.max(0, Math.min(count, LEN - offset)));
      for (let i = 0; i < want.length; i++) want[i] = ((offset + i) * 7 + 3) & 0xff;
      expect(got.toString('hex')).to.equal(want.toString('hex'));
    }
    const n = client.replies.length;
    client.sendRaw(Buffer.concat([tread(40, 1, 0n, 4), tread(40, 1, 4n, 4)]));
    client.sendRaw(encode({ type: MsgType.Tflush, tag: 41, oldtag: 40 }, '9P2000'));
    while (client.replies.length < n + 3) await new Promise((r) => setImmediate(r));
    expect(client.replies.slice(n).map((r) => [r.type, r.tag])).to.deep.equal([
      [MsgType.Rread, 40], [MsgType.Rread, 40], [MsgType.Rflush, 41],
    ]);
  });

  it('a readViews that is a Promise stays pending: a second use of its tag is refused, Tflush cancels it', async () => {
    const dev = segmentDevice('eve');
    const client = await setUp('9P2000', dev, false);
    const held: (() => void)[] = [];
    const lend = dev.readViews.bind(dev);
    dev.readViews = (c: Chan, offset: number, count: number) => {
      const v = lend(c, offset, count);
      return new Promise<Uint8Array[]>((resolve) => held.push(() => resolve(v ?? []))) as unknown as Uint8Array[];
    };
    client.sendRaw(tread(50, 1, 0n, 4));
    client.sendRaw(tread(50, 1, 0n, 4));
    const dup = await client.wait(50);
    expect(dup.type).to.equal(MsgType.Rerror);
    expect(held).to.have.length(1);
    const flushed = await client.call(MsgType.Rflush, { type: MsgType.Tflush, tag: 51, oldtag: 50 });
    expect(flushed.tag).to.equal(51);
    held.shift()!();
    // the cancelled read never answers; the next request on the tag is served
    client.sendRaw(tread(50, 1, 0n, 4));
    while (held.length < 1) await new Promise((r) => setImmediate(r));
    const later = client.wait(50);
    held.shift()!();
    const r = await later;
    expect(r.type).to.equal(MsgType.Rread);
    expect(client.replies.filter((x) => x.tag === 50 && x.type === MsgType.Rread)).to.have.length(1);
  });

  it('recognises a whole Tread frame and its fields, and nothing else', () => {
    const f = tread(0x1234, 7, 0x1f_ffff_ffff_fffen, 65536);
    expect(isTread(f)).to.equal(true);
    expect(frameTag(f)).to.equal(0x1234);
    expect(treadOffset(f)).to.equal(0x1f_ffff_ffff_fffe);
    expect(treadCount(f)).to.equal(65536);
    expect(treadOffset(tread(1, 7, 1n << 53n, 1))).to.equal(-1);
    expect(isTread(f.subarray(0, 22))).to.equal(false);
    expect(isTread(encode({ type: MsgType.Tclunk, tag: 1, fid: 7 }, '9P2000'))).to.equal(false);
  });
});
