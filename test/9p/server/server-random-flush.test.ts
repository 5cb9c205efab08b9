// flush(5) under random interleavings: a device whose walks, reads and writes wait until the
// test releases them in random order, random pipelined requests, and random Tflushes of
// recent tags, now and then a Tversion (which drops everything outstanding). Checked on the
// reply stream: every tag is answered at most once; nothing sent before a Tversion is
// answered after its Rversion; every Tflush since the last Tversion gets Rflush; a flushed
// request's reply, if any, precedes the Rflush; every other request since the last Tversion
// is answered. Seeded; the seed is printed.

import { expect } from 'chai';
import { RamFs } from '../../../examples/ramfs.js';
import { NOFID, NOTAG } from '../../../src/9p/codec/constants.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../../src/lib9/modes.js';
import { MsgType, type Fcall } from '../../../src/9p/codec/types.js';
import { GateDev } from './server-gate-dev.js';
import { pairWith } from '../../helpers/ninep-wire.js';
import { prng } from '../../helpers/rng.js';


const tick = () => new Promise((r) => setImmediate(r));

describe('9P server: flush under random interleavings', function () {
  this.timeout(20000);
  const seed = Number(process.env.SEGFS_SEED ?? Date.now() % 1e9);

  it(`keeps flush(5)'s ordering with a waiting device (seed ${seed})`, async () => {
    console.log(`    seed ${seed} (SEGFS_SEED=${seed} to repeat)`);
    const r = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const gate = new GateDev(new RamFs('eve'));
    const logs: string[] = [];
    const { client: c } = pairWith(gate, '9P2000', { log: (l) => logs.push(l) });
    await c.version(8192);
    await c.attach(0, 'eve');
    await c.walk(0, 1);
    await c.create(1, 'f', 0o666, ORDWR);
    await c.write(1, 0, 'hello world');
    await c.clunk(1);
    await c.walk(0, 1);
    await c.create(1, 'd', (DMDIR | 0o777) >>> 0, OREAD);
    await c.clunk(1);
    const base = c.replies.length;
    gate.gated.add('read');
    gate.gated.add('write');
    gate.gated.add('walk');

    const sent = new Map<number, Fcall>();
    const flushOf = new Map<number, number>(); // flush tag → oldtag
    const epochOf = new Map<number, number>(); // tag → Tversions sent before it
    let epoch = 0;
    let tag = 100;
    for (let step = 0; step < 600; step++) {
      const x = r();
      if (x < 0.45) {
        const fid = 1 + Math.floor(r() * 4);
        const reqs: Fcall[] = [
          { type: MsgType.Twalk, tag, fid: 0, newfid: fid, wname: pick([['f'], ['d'], [], ['nosuch']]) },
          { type: MsgType.Topen, tag, fid, mode: pick([OREAD, OWRITE, ORDWR]) },
          { type: MsgType.Tread, tag, fid, offset: BigInt(Math.floor(r() * 12)), count: 1 + Math.floor(r() * 20) },
          { type: MsgType.Twrite, tag, fid, offset: BigInt(Math.floor(r() * 12)), data: Buffer.from('xy') },
          { type: MsgType.Tclunk, tag, fid },
          { type: MsgType.Tstat, tag, fid },
        ];
        const f = pick(reqs);
        sent.set(tag, f);
        epochOf.set(tag, epoch);
        c.send(f);
        tag++;
      } else if (x < 0.47) {
        epoch++;
        c.send({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: '9P2000' });
        const a: Fcall = { type: MsgType.Tattach, tag, fid: 0, afid: NOFID, uname: 'eve', aname: '' };
        sent.set(tag, a);
        epochOf.set(tag, epoch);
        c.send(a);
        tag++;
      } else if (x < 0.6 && sent.size > 0) {
        const recent = [...sent.keys()].slice(-8);
        const old = pick(recent);
        const f: Fcall = { type: MsgType.Tflush, tag, oldtag: old };
        sent.set(tag, f);
        epochOf.set(tag, epoch);
        flushOf.set(tag, old);
        c.send(f);
        tag++;
      } else if (x < 0.85 && gate.held.length > 0) {
        gate.held.splice(Math.floor(r() * gate.held.length), 1)[0]!.release();
      } else {
        await tick();
      }
    }
    gate.gated.clear();
    for (let i = 0; i < 2000 && (gate.held.length > 0 || i < 20); i++) {
      while (gate.held.length > 0) gate.held.shift()!.release();
      await tick();
    }

    const replies = c.replies.slice(base);
    const at = new Map<number, number>();
    const rversions: number[] = [];
    replies.forEach((f, i) => {
      if (f.tag === NOTAG) {
        expect(f.type).to.equal(MsgType.Rversion);
        rversions.push(i);
        return;
      }
      expect(at.has(f.tag), `tag ${f.tag} answered twice`).to.equal(false);
      expect(sent.has(f.tag), `reply for tag ${f.tag} that was never sent`).to.equal(true);
      at.set(f.tag, i);
      // nothing from before a Tversion comes after its Rversion
      const e = epochOf.get(f.tag)!;
      if (e < rversions.length) expect.fail(`reply to ${f.tag} (sent before Tversion ${e + 1}) after its Rversion`);
    });
    expect(rversions).to.have.length(epoch);
    const flushed = new Set<number>();
    for (const [ft, old] of flushOf) {
      if (!at.has(ft) && epochOf.get(ft)! < epoch) continue; // dropped by a later Tversion
      expect(at.has(ft), `Tflush ${ft} unanswered`).to.equal(true);
      expect(replies[at.get(ft)!]!.type).to.equal(MsgType.Rflush);
      if (at.has(old) && old !== ft) {
        expect(at.get(old)!, `reply to ${old} after the Rflush ${ft}`).to.be.lessThan(at.get(ft)!);
      }
      flushed.add(old);
    }
    for (const t of sent.keys()) {
      if (!flushed.has(t) && epochOf.get(t) === epoch) {
        expect(at.has(t), `request ${t} (${MsgType[sent.get(t)!.type]}) never answered`).to.equal(true);
      }
    }
    expect(logs).to.deep.equal([]);
  });
});
