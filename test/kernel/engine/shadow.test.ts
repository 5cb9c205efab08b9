// Shadow: zero-filled memory on lazily made SharedArrayBuffer chunks (src/kernel/engine/shadow.ts).

import { expect } from 'chai';
import { CHUNK, Shadow } from '../../../src/kernel/engine/shadow.js';

const P = 0x1000;

describe('kernel engine Shadow', () => {
  it('reads zeros until written, and keeps what is written', () => {
    const s = new Shadow(1, 4 * P, 7, 'anon');
    const buf = new Uint8Array(8).fill(9);
    s.read(P, buf);
    expect([...buf]).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0]);
    s.write(P + 2, Uint8Array.of(1, 2, 3));
    s.read(P, buf);
    expect([...buf]).to.deep.equal([0, 0, 1, 2, 3, 0, 0, 0]);
  });
  it('grows past a committed partial chunk and keeps its bytes', () => {
    const s = new Shadow(1, P, 7, 'anon');
    s.write(0, Uint8Array.of(5));
    s.resize(3 * P);
    s.write(2 * P, Uint8Array.of(6));
    const out = new Uint8Array(1);
    s.read(0, out);
    expect(out[0]).to.equal(5);
    s.read(2 * P, out);
    expect(out[0]).to.equal(6);
    s.read(P, out);
    expect(out[0]).to.equal(0);
  });
  it('reads zeros where it shrank and grew again', () => {
    const s = new Shadow(1, 2 * P, 7, 'anon');
    s.write(P, Uint8Array.of(7));
    s.resize(P);
    s.resize(2 * P);
    const out = new Uint8Array(1);
    s.read(P, out);
    expect(out[0]).to.equal(0);
  });
  it('hands out pieces that never cross a chunk and alias its memory', () => {
    const s = new Shadow(1, CHUNK + 2 * P, 7, 'global');
    const pieces = s.pieces(CHUNK - P, 2 * P);
    expect(pieces.map((p) => [p.offset, p.length])).to.deep.equal([
      [CHUNK - P, P],
      [0, P],
    ]);
    new Uint8Array(pieces[1]!.buffer, pieces[1]!.offset, 1)[0] = 8;
    const out = new Uint8Array(1);
    s.read(CHUNK, out);
    expect(out[0]).to.equal(8);
  });
  it('grows a global shadow in place, so memory handed out before a segbrk grow stays shared', () => {
    const s = new Shadow(1, P, 7, 'global');
    const [before] = s.pieces(0, P);
    s.resize(4 * P);
    new Uint8Array(before!.buffer, 0, 1)[0] = 3; // a worker's store through its old mapping
    s.write(3 * P, Uint8Array.of(4));
    const out = new Uint8Array(1);
    s.read(0, out);
    expect(out[0]).to.equal(3);
    expect(s.pieces(0, 4 * P)[0]!.buffer).to.equal(before!.buffer);
    expect(new Uint8Array(before!.buffer, 3 * P, 1)[0]).to.equal(4);
  });
  it('counts changes in its version', () => {
    const s = new Shadow(1, P, 7, 'anon');
    const v = s.version;
    s.read(0, new Uint8Array(1));
    expect(s.version).to.equal(v);
    s.write(0, Uint8Array.of(1));
    s.zero(0, P);
    expect(s.version).to.equal(v + 2);
  });
  it('rejects sizes that are not page multiples and ranges outside it', () => {
    expect(() => new Shadow(1, P + 1, 7, 'anon')).to.throw(RangeError);
    const s = new Shadow(1, P, 7, 'anon');
    expect(() => s.read(P - 1, new Uint8Array(2))).to.throw(RangeError);
    expect(() => s.write(-1, new Uint8Array(1))).to.throw(RangeError);
  });
});
