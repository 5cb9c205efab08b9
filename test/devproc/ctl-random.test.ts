// A seeded random sequence of ctl commands on #p against the same calls made directly on a
// twin kernel: every command must give the call's result (as its documented text) or its
// error string, and both kernels must be in the same state (checked every 10 steps). This pins the
// argument translation (numbers, flag words, pids, target) of the whole grammar.

import { expect } from 'chai';
import { ProcDev } from '../../src/devproc/index.js';
import { CAP_PROC_SEGMENT } from '../../src/kernel/constants.js';
import { toErrstr } from '../../src/lib9/errno.js';
import { Kernel } from '../../src/kernel/kernel.js';
import type { OfferRecord } from '../../src/kernel/offers.js';
import { ORDWR } from '../../src/lib9/modes.js';
import { errstr } from './fixture.js';
import { prng } from '../helpers/rng.js';
import { snapshot } from '../../src/kernel/inspect.js';

const SEED = Number(process.env.DEVPROC_SEED || 0x5eed8);
const STEPS = 3000;
const P = 0x1000;
const X = 0x10000000;


const hx = (v: number): string => (v === 0 ? '0' : v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

describe('#p ctl against direct kernel calls (seeded random)', () => {
  it(`${STEPS} mixed commands give the kernel calls' results and errors and leave the same state (seed ${SEED})`, () => {
    console.log(`      seed ${SEED} (set DEVPROC_SEED to replay)`);
    const r = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const viaCtl = new Kernel({ maxSegments: 12 });
    const direct = new Kernel({ maxSegments: 12 });
    const dev = new ProcDev(viaCtl, 'eve');
    const pids: number[] = [];
    for (const k of [viaCtl, direct]) {
      for (let i = 0; i < 3; i++) k.spawn();
      k.spawn({ caps: CAP_PROC_SEGMENT });
    }
    pids.push(1, 2, 3, 4);
    const ctls = new Map(pids.map((p) => [p, dev.open(dev.walk(dev.attach('', 'eve'), [String(p), 'ctl']).chan!, ORDWR)]));

    // mostly valid arguments, with a tenth of each kind of bad one
    const rare = <T>(good: readonly T[], bad: readonly T[]): T => (r() < 0.9 ? pick(good) : pick(bad));
    const addr = () => rare([X, X + P, X + 2 * P, X + 3 * P, X + 5 * P], [X + 1, 0, -P]);
    const len = () => rare([P, 2 * P, 3 * P], [0, P + 1, -P]);
    const segFlags = (): [string, number] => rare<[string, number]>(
      [['rw', 3], ['r', 1], ['rwx', 7], ['rw,private', 0x103], ['r|w|private|eager', 0x303]],
      [['w', 2], ['0x8000', 0x8000], ['none', 0], ['rw,copied', 0x1003]]);
    const offerFlags = (): [string, number] => rare<[string, number]>(
      [['r', 1], ['rw', 3], ['r,dropw', 0x21], ['rw,disown', 0x73]], [['0x100', 0x100], ['none', 0], ['dropr', 0x10]]);
    const pid = () => rare(pids, [9999, 0, -1]);
    const target = (): [string, number] => {
      const t = r() < 0.85 ? 0 : pick([...pids, -1, 9999]);
      return [t === 0 ? '' : ` target=${t}`, t];
    };

    let succeeded = 0;
    for (let step = 0; step < STEPS; step++) {
      const me = pick(pids);
      let cmd: string;
      let expected: string | number;
      const [topt, t] = target();
      switch (Math.floor(r() * 12)) {
        case 0: { const [fs, f] = segFlags(); const a = addr(), l = len();
          cmd = `segalloc ${hx(a)} ${hx(l)} ${fs}${topt}`; const v = direct.segAlloc(me, t, a, l, f); expected = v < 0 ? v : `${hx(v)}\n`; break; }
        case 1: { const a = addr(), l = len();
          cmd = `segfree ${hx(a)} ${hx(l)}${topt}`; const v = direct.segFree(me, t, a, l); expected = v < 0 ? v : '0\n'; break; }
        case 2: { const a = addr();
          cmd = `segquery ${hx(a)}${topt}`; const v = direct.segQuery(me, t, a);
          expected = typeof v === 'number' ? v : `addr ${hx(v.addr)} len ${hx(v.len)} offset ${hx(v.offset)} flen ${hx(v.flen)} vid ${v.vid} handle ${v.handle} flags ${hx(v.flags)} `;
          break; }
        case 3: { const a = addr(); const d = rare([P, -P, 2 * P], [5, -100 * P]);
          cmd = `segresize ${hx(a)} ${hx(d)}${topt}`; const v = direct.segResize(me, t, a, d); expected = v < 0 ? v : `${hx(v)}\n`; break; }
        case 4: { const [fs, f] = segFlags(); const a = addr(), l = len();
          cmd = `segprotect ${hx(a)} ${hx(l)} ${fs}${topt}`; const v = direct.segProtect(me, t, a, l, f); expected = v < 0 ? v : '0\n'; break; }
        case 5: { const a = addr(), l = len(), w = pid(); const [rs, rt] = pick([['r', 1], ['rw', 3], ['none', 0]] as [string, number][]);
          cmd = `segshare ${hx(a)} ${hx(l)} ${w} ${rs}${topt}`; const v = direct.segShare(me, t, a, l, w, rt); expected = v < 0 ? v : '0\n'; break; }
        case 6: { const [fs, f] = segFlags(); const a = addr(), l = len(), from = pid();
          cmd = `segtake ${hx(a)} ${hx(l)} ${from} ${fs}${topt}`; const v = direct.segTake(me, t, a, l, from, f); expected = v < 0 ? v : `${hx(v)}\n`; break; }
        case 7: { const a = addr(), l = len();
          cmd = `segdecommit ${hx(a)} ${hx(l)}${topt}`; const v = direct.segDecommit(me, t, a, l); expected = v < 0 ? v : '0\n'; break; }
        case 8: { const [fs, f] = offerFlags(); const d = pid(), a = addr(), l = pick([P, 2 * P, 0]);
          cmd = `offer ${d} ${hx(a)} ${hx(l)} ${fs}`; const v = direct.vmOffer(me, d, a, l, f); expected = v < 0 ? v : '0\n'; break; }
        case 9: { const s = pid(), a = addr(); const out = { localAddr: 0, size: 0 };
          cmd = `claim ${s} ${hx(a)}`; const v = direct.vmClaim(me, s, a, 0, out); expected = v < 0 ? v : `addr ${hx(out.localAddr)} size ${hx(out.size)}\n`; break; }
        case 10: { const max = pick([0, 1, 100]); const list: OfferRecord[] = [];
          cmd = `listoffer ${max}`; const v = direct.vmListOffer(me, list, { n: max });
          expected = v < 0 ? v : list.map((o) => `id ${o.id} kind ${o.kind} direction ${o.direction} src ${o.src} dest ${o.dest} addr ${hx(o.addr)} len ${hx(o.len)} flags ${hx(o.flags)} `).join('|');
          break; }
        default: {
          const a = addr();
          if (r() < 0.5) {
            const n = pick([1, 4, 0]);
            cmd = `memread ${hx(a)} ${n}${topt}`; const v = direct.memRead(me, t, a, n); expected = typeof v === 'number' ? v : `${Buffer.from(v).toString('hex')}\n`;
          } else {
            const d = Buffer.from([step & 0xff, (step >> 8) & 0xff]);
            cmd = `memwrite ${hx(a)} ${d.toString('hex')}${topt}`; const v = direct.memWrite(me, t, a, d); expected = v < 0 ? v : `${v}\n`;
          }
        }
      }
      const c = ctls.get(me)!;
      const where = `step ${step}: ${me}: ${cmd}`;
      if (typeof expected === 'number') {
        expect(errstr(() => dev.write(c, Buffer.from(cmd), 0)), where).to.equal(toErrstr(expected));
      } else {
        succeeded++;
        dev.write(c, Buffer.from(cmd), 0);
        const buf = Buffer.alloc(1 << 14);
        const got = buf.subarray(0, dev.read(c, buf, 0)).toString('latin1');
        if (cmd.startsWith('segquery')) expect(got.startsWith(expected), where).to.equal(true);
        else if (cmd.startsWith('listoffer')) {
          const lines = got === '' ? [] : got.slice(0, -1).split('\n');
          const want = expected === '' ? [] : expected.split('|');
          expect(lines.length, where).to.equal(want.length);
          lines.forEach((l, i) => expect(l.startsWith(want[i]!), where).to.equal(true));
        } else expect(got, where).to.equal(expected);
      }
      // the whole state (segments, shadows, offers) every 10 steps, memory contents every 100
      if (step % 10 === 9) {
        const contents = step % 100 === 99;
        expect(snapshot(viaCtl, { contents }), where).to.deep.equal(snapshot(direct, { contents }));
      }
    }
    // a sequence of failures only would test little
    expect(succeeded).to.be.greaterThan(STEPS / 4);
  });
});
