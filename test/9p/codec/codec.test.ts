import { expect } from 'chai';
import { decode, encode, encodeHeader, isMessageOf } from '../../../src/9p/codec/codec.js';
import { CodecError, type CodecErrorCode } from '../../../src/9p/codec/codec-error.js';
import { DIALECTS, parseVersion, type Dialect } from '../../../src/9p/codec/dialect.js';
import { decodeDirents, direntSize, encodeDirent, encodeDirentInto } from '../../../src/9p/codec/dirent.js';
import { formatFcall } from '../../../src/9p/codec/fcall-format.js';
import { MsgType } from '../../../src/9p/codec/msg-type.js';
import { decodeStat, decodeStats, encodeStat, encodeStatInto, statSize } from '../../../src/9p/codec/stat.js';
import type { Fcall, Stat } from '../../../src/9p/codec/types.js';
import { Bytes, frame, hex, toHex } from '../../helpers/bytes.js';
import { cases, vectors } from './codec-vectors.js';

/** Decoding `bytes` throws a CodecError with `code` and a message matching `message`. */
function expectDecodeError(bytes: Uint8Array, dialect: Dialect, code: CodecErrorCode, message: RegExp): CodecError {
  try {
    decode(bytes, dialect);
  } catch (e) {
    expect(e).to.be.instanceOf(CodecError);
    const err = e as CodecError;
    expect(err.code, err.message).to.equal(code);
    expect(err.message).to.match(message);
    return err;
  }
  throw new Error(`decoding ${toHex(bytes)} did not fail`);
}

function expectEncodeError(msg: unknown, dialect: Dialect, code: CodecErrorCode, message: RegExp): void {
  try {
    encode(msg as Fcall, dialect);
  } catch (e) {
    expect(e).to.be.instanceOf(CodecError);
    expect((e as CodecError).code).to.equal(code);
    expect((e as CodecError).message).to.match(message);
    return;
  }
  throw new Error('encoding did not fail');
}

describe('9P codec: golden vectors', () => {
  for (const { v, dialect } of cases()) {
    it(`${v.name} (${dialect}) encodes to its bytes and decodes back`, () => {
      expect(toHex(encode(v.msg, dialect))).to.equal(toHex(v.bytes));
      expect(decode(v.bytes, dialect)).to.deep.equal(v.msg);
    });
  }

  it('consumes every vector exactly: one byte more is E9P_TRAILING, one byte less fails short', () => {
    for (const { v, dialect } of cases()) {
      const longer = Buffer.concat([v.bytes, Buffer.from([0])]);
      longer.writeUInt32LE(longer.length, 0);
      expectDecodeError(longer, dialect, 'E9P_TRAILING', /trailing bytes: 1 left over after the message$/);
      if (v.bytes.length === 7) continue;
      const shorter = Buffer.from(v.bytes.subarray(0, v.bytes.length - 1));
      shorter.writeUInt32LE(shorter.length, 0);
      let code = '';
      try { decode(shorter, dialect); } catch (e) { code = (e as CodecError).code; }
      expect(['E9P_SHORT', 'E9P_BAD_STRING', 'E9P_BAD_STAT'], `${v.name} (${dialect})`).to.include(code);
    }
  });

  for (const dialect of DIALECTS) {
    it(`covers every message type of ${dialect}`, () => {
      const missing: string[] = [];
      for (let t = 0; t < 256; t++) {
        if (!isMessageOf(t, dialect)) continue;
        if (!vectors.some((v) => v.msg.type === t && v.dialects.includes(dialect))) missing.push(MsgType[t]!);
      }
      expect(missing).to.deep.equal([]);
    });
  }

  it('knows exactly the messages of each dialect', () => {
    const count = (d: Dialect) => Array.from({ length: 256 }, (_, t) => t).filter((t) => isMessageOf(t, d)).length;
    expect(count('9P2000')).to.equal(27);
    expect(count('9P2000.u')).to.equal(27);
    // 18 kept from 9P2000 + Rlerror + 19 T/R pairs
    expect(count('9P2000.L')).to.equal(18 + 1 + 38);
    expect(isMessageOf(MsgType.Topen, '9P2000.L')).to.equal(false);
    expect(isMessageOf(MsgType.Tlopen, '9P2000')).to.equal(false);
  });
});

describe('9P codec: payloads and headers', () => {
  it('decodes Twrite and Rread data as views into the frame, not copies', () => {
    for (const type of ['Twrite', 'Rread'] as const) {
      const v = vectors.find((x) => x.name === type)!;
      const bytes = Buffer.from(v.bytes);
      const m = decode(bytes, '9P2000') as { data: Uint8Array };
      expect(m.data.buffer).to.equal(bytes.buffer);
      bytes[bytes.length - 1] = 0x55;
      expect(m.data[m.data.length - 1]).to.equal(0x55);
    }
  });

  it('encodeHeader + data is the whole frame, with size covering the data', () => {
    const data = Buffer.alloc(1 << 20, 0xab);
    const rread = { type: MsgType.Rread, tag: 9, data } as const;
    const header = encodeHeader(rread, '9P2000.L');
    expect(toHex(header)).to.equal(toHex(new Bytes().u32(11 + data.length).u8(117).u16(9).u32(data.length).build()));
    expect(Buffer.concat([header, data]).equals(encode(rread, '9P2000.L'))).to.equal(true);
    const twrite = { type: MsgType.Twrite, tag: 1, fid: 7, offset: 4096n, data: data.subarray(0, 100) } as const;
    expect(Buffer.concat([encodeHeader(twrite, '9P2000'), twrite.data]).equals(encode(twrite, '9P2000'))).to.equal(true);
    expect(encodeHeader(twrite, '9P2000').length).to.equal(23);
  });

  it('returns a fresh buffer per encode (the reused scratch never leaks)', () => {
    const a = encode({ type: MsgType.Tclunk, tag: 1, fid: 1 }, '9P2000');
    const b = encode({ type: MsgType.Tclunk, tag: 2, fid: 2 }, '9P2000');
    expect(toHex(a)).to.equal(toHex(frame(120, 1, (x) => x.u32(1))));
    expect(toHex(b)).to.equal(toHex(frame(120, 2, (x) => x.u32(2))));
  });

  it('keeps 64-bit fields exact as bigint', () => {
    const m = decode(frame(116, 1, (b) => b.u32(0).u64(0xfffffffffffffffen).u32(1)), '9P2000') as { offset: bigint };
    expect(m.offset).to.equal(0xfffffffffffffffen);
  });
});

describe('9P codec: decode errors', () => {
  it('E9P_SHORT: frame ends inside a field', () => {
    const whole = frame(116, 5, (b) => b.u32(2).u64(0n).u32(8192));
    const cut = Buffer.from(whole.subarray(0, whole.length - 2));
    cut.writeUInt32LE(cut.length, 0);
    const err = expectDecodeError(cut, '9P2000', 'E9P_SHORT', /^Tread: message too short: count needs 4 bytes at offset 19, only 2 left$/);
    expect(err.tag).to.equal(5);
    expect(err.msgType).to.equal(MsgType.Tread);
  });

  it('E9P_SHORT: size field larger than the frame, or no header', () => {
    const whole = frame(120, 1, (b) => b.u32(1));
    expectDecodeError(whole.subarray(0, 9), '9P2000', 'E9P_SHORT', /^Tclunk: message too short: size says 11 bytes, frame has 9$/);
    expectDecodeError(hex('0b00'), '9P2000', 'E9P_SHORT', /no size\[4\]/);
    expectDecodeError(hex('0b000000 78'), '9P2000', 'E9P_SHORT', /header needs 7/);
  });

  it('E9P_SHORT: Rread count beyond the frame', () => {
    expectDecodeError(frame(117, 1, (b) => b.u32(10).raw([1, 2, 3])), '9P2000', 'E9P_SHORT', /^Rread: message too short: data needs 10 bytes/);
  });

  it('E9P_SHORT: nwname / nwqid larger than the remaining bytes (checked before allocating)', () => {
    expectDecodeError(frame(110, 1, (b) => b.u32(0).u32(1).u16(65535)), '9P2000', 'E9P_SHORT', /^Twalk: message too short: nwname count 65535 needs at least 131070 bytes, only 0 left$/);
    expectDecodeError(frame(111, 1, (b) => b.u16(2).qid(0, 0, 1n)), '9P2000', 'E9P_SHORT', /^Rwalk: message too short: nwqid count 2 needs at least 26 bytes, only 13 left$/);
  });

  it('E9P_TRAILING: bytes left after the message', () => {
    const err = expectDecodeError(frame(120, 3, (b) => b.u32(1).u8(0)), '9P2000', 'E9P_TRAILING', /^Tclunk: trailing bytes: 1 left over after the message$/);
    expect(err.tag).to.equal(3);
    expectDecodeError(frame(109, 3, (b) => b.u16(0)), '9P2000.L', 'E9P_TRAILING', /^Rflush: trailing bytes: 2 left over/);
  });

  it('E9P_TRAILING: frame longer than its size field', () => {
    const f = Buffer.concat([frame(120, 1, (b) => b.u32(1)), Buffer.from([0])]);
    expectDecodeError(f, '9P2000', 'E9P_TRAILING', /^Tclunk: trailing bytes: size says 11 bytes, frame has 12$/);
  });

  it('E9P_TRAILING: 9P2000.u tails are not accepted by plain 9P2000', () => {
    const v = vectors.find((x) => x.name === 'Tattach n_uname')!;
    expectDecodeError(v.bytes, '9P2000', 'E9P_TRAILING', /^Tattach: trailing bytes: 4 left over/);
  });

  it('E9P_UNKNOWN_TYPE: a type outside the dialect, with the tag kept', () => {
    const err = expectDecodeError(frame(200, 42), '9P2000', 'E9P_UNKNOWN_TYPE', /^unknown message type 200 \(type 200\) for 9P2000$/);
    expect(err.tag).to.equal(42);
    expectDecodeError(frame(112, 1, (b) => b.u32(1).u8(0)), '9P2000.L', 'E9P_UNKNOWN_TYPE', /type 112 \(Topen\) for 9P2000\.L/);
    expectDecodeError(frame(12, 1, (b) => b.u32(1).u32(0)), '9P2000.u', 'E9P_UNKNOWN_TYPE', /type 12 \(Tlopen\) for 9P2000\.u/);
    expectDecodeError(frame(106, 1), '9P2000', 'E9P_UNKNOWN_TYPE', /Terror/);
  });

  it('E9P_BAD_STRING: a string length running past the frame', () => {
    expectDecodeError(frame(100, 0xffff, (b) => b.u32(8192).u16(7).raw(Buffer.from('9P2000'))), '9P2000', 'E9P_BAD_STRING',
      /^Tversion: bad string length: version claims 7 bytes at offset 11, only 6 left$/);
  });

  it('E9P_BAD_UTF8: invalid UTF-8 in a string', () => {
    expectDecodeError(frame(110, 1, (b) => b.u32(0).u32(1).u16(1).u16(2).raw([0xc3, 0x28])), '9P2000', 'E9P_BAD_UTF8',
      /^Twalk: invalid UTF-8 in string: wname\[0\] at offset 19$/);
    // an overlong encoding of '/' and a lone surrogate are invalid too
    expectDecodeError(frame(110, 1, (b) => b.u32(0).u32(1).u16(1).u16(2).raw([0xc0, 0xaf])), '9P2000', 'E9P_BAD_UTF8', /invalid UTF-8/);
    expectDecodeError(frame(107, 1, (b) => b.u16(3).raw([0xed, 0xa0, 0x80])), '9P2000', 'E9P_BAD_UTF8', /ename/);
  });

  it('E9P_NUL_IN_STRING: NUL inside a string', () => {
    expectDecodeError(frame(104, 1, (b) => b.u32(0).u32(0xffffffff).u16(3).raw([0x61, 0, 0x62]).str('')), '9P2000', 'E9P_NUL_IN_STRING',
      /^Tattach: NUL in string: uname at offset 18$/);
    expectDecodeError(frame(110, 1, (b) => b.u32(0).u32(1).u16(1).u16(3).raw([0xc3, 0xa9, 0])), '9P2000', 'E9P_NUL_IN_STRING', /wname\[0\]/);
  });

  it('E9P_MSG_TOO_SMALL: size below the 7-byte header', () => {
    expectDecodeError(hex('06000000 78 0100'), '9P2000', 'E9P_MSG_TOO_SMALL', /^message too small: size 6 is below the 7-byte header$/);
  });

  it("E9P_BAD_STAT: Rstat's n must be the stat's size + 2", () => {
    const v = vectors.find((x) => x.name === 'Rstat')!;
    const off = Buffer.from(v.bytes);
    // the classic off-by-two: n written as the stat's own size
    off.writeUInt16LE(off.readUInt16LE(7) - 2, 7);
    expectDecodeError(off, '9P2000', 'E9P_BAD_STAT', /^Rstat: bad stat: n \d+ must be the stat's size\[2\] \(\d+\) \+ 2$/);
    const inner = Buffer.from(v.bytes);
    inner.writeUInt16LE(inner.readUInt16LE(9) + 1, 9);
    expectDecodeError(inner, '9P2000', 'E9P_BAD_STAT', /bad stat/);
    // a .u stat read as plain 9P2000 has 16+ bytes left over inside the stat
    const u = vectors.find((x) => x.name === 'Rstat .u')!;
    expectDecodeError(u.bytes, '9P2000', 'E9P_BAD_STAT', /^Rstat: bad stat: \d+ bytes left over inside stat of size \d+$/);
  });

  it('accepts non-Buffer Uint8Arrays (views at an offset)', () => {
    const v = vectors.find((x) => x.name === 'Twalk')!;
    const big = new Uint8Array(v.bytes.length + 10);
    big.set(v.bytes, 5);
    expect(decode(big.subarray(5, 5 + v.bytes.length), '9P2000')).to.deep.equal(v.msg);
  });
});

describe('9P codec: encode errors', () => {
  it('E9P_BAD_VALUE for values that do not fit their field', () => {
    expectEncodeError({ type: MsgType.Tclunk, tag: 1, fid: 0.5 }, '9P2000', 'E9P_BAD_VALUE', /^cannot encode fid = 0.5: not a u32$/);
    expectEncodeError({ type: MsgType.Tclunk, tag: 0x10000, fid: 1 }, '9P2000', 'E9P_BAD_VALUE', /tag = 65536: not a u16/);
    expectEncodeError({ type: MsgType.Tread, tag: 1, fid: 1, offset: 1 << 30, count: 1 }, '9P2000', 'E9P_BAD_VALUE', /offset = 1073741824: not a u64 bigint/);
    expectEncodeError({ type: MsgType.Tread, tag: 1, fid: 1, offset: 1n << 64n, count: 1 }, '9P2000', 'E9P_BAD_VALUE', /offset/);
    expectEncodeError({ type: MsgType.Topen, tag: 1, fid: 1, mode: 1.5 }, '9P2000', 'E9P_BAD_VALUE', /mode = 1.5: not a u8/);
    expectEncodeError({ type: MsgType.Twalk, tag: 1, fid: 1, newfid: 2, wname: ['a\0b'] }, '9P2000', 'E9P_BAD_VALUE', /wname\[0\]: NUL in string/);
    expectEncodeError({ type: MsgType.Rerror, tag: 1, ename: 'x'.repeat(70000) }, '9P2000', 'E9P_BAD_VALUE', /70000 bytes exceed/);
    expectEncodeError({ type: MsgType.Rread, tag: 1, data: 'text' }, '9P2000', 'E9P_BAD_VALUE', /Rread.data: not a Uint8Array/);
  });

  it('takes DMDIR | perm (a negative int32 in JavaScript) as the unsigned u32', () => {
    expect(0x80000000 | 0o755).to.be.lessThan(0);
    const bytes = encode({ type: MsgType.Tcreate, tag: 1, fid: 1, name: 'd', perm: 0x80000000 | 0o755, mode: 0 }, '9P2000');
    expect((decode(bytes, '9P2000') as { perm: number }).perm).to.equal(0x800001ed);
    expectEncodeError({ type: MsgType.Tclunk, tag: 1, fid: 2 ** 32 }, '9P2000', 'E9P_BAD_VALUE', /fid = 4294967296: not a u32/);
    expectEncodeError({ type: MsgType.Tclunk, tag: 1, fid: -(2 ** 31) - 1 }, '9P2000', 'E9P_BAD_VALUE', /not a u32/);
  });

  it('E9P_UNKNOWN_TYPE for a message outside the dialect', () => {
    expectEncodeError({ type: MsgType.Topen, tag: 1, fid: 1, mode: 0 }, '9P2000.L', 'E9P_UNKNOWN_TYPE', /^cannot encode Topen: not a message of 9P2000\.L$/);
    expectEncodeError({ type: MsgType.Rlerror, tag: 1, ecode: 2 }, '9P2000.u', 'E9P_UNKNOWN_TYPE', /Rlerror/);
  });

  it('fills dialect defaults: n_uname ~0, errno 0, extension empty', () => {
    expect(toHex(encode({ type: MsgType.Tattach, tag: 1, fid: 0, afid: 0xffffffff, uname: 'u', aname: '' }, '9P2000.L')))
      .to.equal(toHex(frame(104, 1, (b) => b.u32(0).u32(0xffffffff).str('u').str('').u32(0xffffffff))));
    expect(toHex(encode({ type: MsgType.Rerror, tag: 1, ename: 'x' }, '9P2000.u'))).to.equal(toHex(frame(107, 1, (b) => b.str('x').u32(0))));
    expect(toHex(encode({ type: MsgType.Tcreate, tag: 1, fid: 1, name: 'n', perm: 0o644, mode: 1 }, '9P2000.u')))
      .to.equal(toHex(frame(114, 1, (b) => b.u32(1).str('n').u32(0o644).u8(1).str(''))));
    // and leaves the .u fields out of 9P2000
    expect(toHex(encode({ type: MsgType.Rerror, tag: 1, ename: 'x', errno: 2 }, '9P2000'))).to.equal(toHex(frame(107, 1, (b) => b.str('x'))));
  });
});

describe('9P stat and readdir helpers', () => {
  const dir: Stat = {
    type: 0, dev: 0, qid: { type: 0x80, vers: 0, path: 1n }, mode: 0x800001ff, atime: 1, mtime: 2, length: 0n,
    name: '/', uid: 'glenda', gid: 'glenda', muid: 'glenda',
  };
  const file: Stat = { ...dir, qid: { type: 0, vers: 3, path: 9n }, mode: 0o664, length: 4096n, name: 'data' };

  it('encodes a stat record with its own size[2] first', () => {
    const bytes = encodeStat(file, '9P2000');
    expect(bytes.length).to.equal(statSize(file, '9P2000'));
    expect(bytes.readUInt16LE(0)).to.equal(bytes.length - 2);
    expect(decodeStat(bytes, '9P2000')).to.deep.equal(file);
    const u = encodeStat(file, '9P2000.u');
    expect(u.length).to.equal(statSize(file, '9P2000.u'));
    expect(decodeStat(u, '9P2000.u')).to.deep.equal({ ...file, extension: '', nUid: 0xffffffff, nGid: 0xffffffff, nMuid: 0xffffffff });
  });

  it('packs whole stat records for a directory read and decodes the sequence', () => {
    const buf = Buffer.alloc(200);
    let off = encodeStatInto(dir, '9P2000', buf, 0);
    off = encodeStatInto(file, '9P2000', buf, off);
    expect(off).to.equal(statSize(dir, '9P2000') + statSize(file, '9P2000'));
    expect(decodeStats(buf.subarray(0, off), '9P2000')).to.deep.equal([dir, file]);
    // a record that does not fit is not written at all
    const small = Buffer.alloc(off - 1, 0xee);
    const first = encodeStatInto(dir, '9P2000', small, 0);
    expect(encodeStatInto(file, '9P2000', small, first)).to.equal(-1);
    expect(small[first]).to.equal(0xee);
    expect(() => decodeStats(buf.subarray(0, off - 1), '9P2000')).to.throw(CodecError);
  });

  it('encodes and decodes .L readdir entries, whole entries only', () => {
    const ents = [
      { qid: { type: 0x80, vers: 0, path: 1n }, offset: 1n, type: 4, name: '.' },
      { qid: { type: 0, vers: 0, path: 2n }, offset: 2n, type: 8, name: 'seg1' },
    ];
    expect(toHex(encodeDirent(ents[1]!))).to.equal(toHex(new Bytes().qid(0, 0, 2n).u64(2n).u8(8).str('seg1').build()));
    const buf = Buffer.alloc(direntSize(ents[0]!) + direntSize(ents[1]!));
    const mid = encodeDirentInto(ents[0]!, buf, 0);
    expect(encodeDirentInto(ents[1]!, buf, mid, buf.length - 1)).to.equal(-1);
    expect(encodeDirentInto(ents[1]!, buf, mid)).to.equal(buf.length);
    expect(decodeDirents(buf)).to.deep.equal(ents);
    expect(() => decodeDirents(buf.subarray(0, buf.length - 1))).to.throw(CodecError);
  });
});

describe('9P dialects', () => {
  it('parses version strings (version(5))', () => {
    expect(parseVersion('9P2000')).to.equal('9P2000');
    expect(parseVersion('9P2000.u')).to.equal('9P2000.u');
    expect(parseVersion('9P2000.L')).to.equal('9P2000.L');
    expect(parseVersion('9P2000.x')).to.equal('9P2000');
    expect(parseVersion('9P2000x')).to.equal(undefined);
    expect(parseVersion('9P1')).to.equal(undefined);
    expect(parseVersion('')).to.equal(undefined);
  });
});

describe('fcall-format', () => {
  it('prints one chatty9p-style line per message', () => {
    expect(formatFcall({ type: MsgType.Tread, tag: 5, fid: 2, offset: 0n, count: 8192 })).to.equal('Tread tag 5 fid 2 offset 0 count 8192');
    expect(formatFcall({ type: MsgType.Rwalk, tag: 3, wqid: [{ type: 0x80, vers: 0, path: 2n }] }))
      .to.equal('Rwalk tag 3 nwqid 1 0:(0000000000000002 0 d)');
    expect(formatFcall({ type: MsgType.Twalk, tag: 3, fid: 0, newfid: 1, wname: ['a', 'b'] })).to.equal('Twalk tag 3 fid 0 newfid 1 nwname 2 0:a 1:b');
    expect(formatFcall({ type: MsgType.Rread, tag: 5, data: Buffer.from('hello\n') })).to.equal("Rread tag 5 count 6 'hello\\n'");
    expect(formatFcall({ type: MsgType.Twrite, tag: 5, fid: 1, offset: 0n, data: Buffer.from([0, 1]) })).to.equal('Twrite tag 5 fid 1 offset 0 count 2 0001');
    expect(formatFcall({ type: MsgType.Tcreate, tag: 1, fid: 1, name: 'd', perm: 0x80000000 | 0o755, mode: 0 }))
      .to.equal('Tcreate tag 1 fid 1 name d perm d-rwxr-xr-x mode 0');
  });

  it('formats every golden vector without throwing', () => {
    for (const v of vectors) expect(formatFcall(v.msg)).to.match(new RegExp(`^${MsgType[v.msg.type]} tag ${v.msg.tag}\\b`));
  });
});
