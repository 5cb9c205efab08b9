// A seeded random sequence of mixed kernel operations over several processes (normal, realtime,
// capable, a Zircon share group). After every step no two neighbouring mappings may be ones
// the merge rule joins, the kernel's invariants must hold (verify: sorted, disjoint, inside
// regions, counts <= maxSegments, shadow refs = holders), every failed call must have left the
// whole state — bytes included — as it was, and a successful write must read back.
// Set KERNEL_SEED to replay a run; the seed is printed.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import {
  CAP_PROC_SEGMENT,
  PAGE,
  PERM_RWX,
  SEG_EAGER,
  SEG_PRIVATE,
  SEG_SHARED_REGION,
  SHARED_BASE,
} from '../../src/kernel/constants.js';
import type { OfferRecord } from '../../src/kernel/offers.js';
import { prng } from '../helpers/rng.js';
import { mergeablePairs, snapshot, verify } from '../../src/kernel/inspect.js';

const STEPS = 10_000;
const X = 0x10000000;
const WINDOW = 24; // pages of the normal/restricted window at X
const SHARED = SHARED_BASE + 0x100000;


describe('kernel random operations', function () {
  this.timeout(60_000);

  const seed = process.env.KERNEL_SEED !== undefined ? Number(process.env.KERNEL_SEED) : 0x5e9f5;

  it(`keeps the invariants over ${STEPS} mixed operations, and failed calls change nothing`, () => {
    run(seed, 10, STEPS);
  });

  it('does the same with room for 48 segments per space (fewer limits hit, more merging)', () => {
    run(seed + 1, 48, 4000);
  });

  function run(seed: number, maxSegments: number, steps: number): void {
    console.log(`      kernel random seed: ${seed}, maxSegments ${maxSegments} (KERNEL_SEED=${seed} to replay)`);
    const r = prng(seed);
    const int = (n: number) => Math.floor(r() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
    const chance = (p: number) => r() < p;

    const k = new Kernel({ maxSegments });
    const live: number[] = [];
    const spawn = () => {
      const pid = k.spawn({ caps: chance(0.3) ? CAP_PROC_SEGMENT : 0, realtime: chance(0.15) });
      live.push(pid);
      return pid;
    };
    for (let i = 0; i < 4; i++) spawn();
    const pr = k.procCreate(live[0]!, 1, 'proto') as { pid: number };
    live.push(pr.pid);
    for (let i = 0; i < 2; i++) live.push((k.procCreateShared(live[0]!, pr.pid, 0, `m${i}`) as { pid: number }).pid);
    const shadows: number[] = [k.shadowCreate(8 * PAGE), k.shadowCreate(4 * PAGE, 1)];

    const records = () => (snapshot(k) as { offers: Omit<OfferRecord, 'direction'>[] }).offers;
    const proc = () => (chance(0.05) ? 9999 : pick(live));
    const target = () => (chance(0.85) ? 0 : chance(0.9) ? pick(live) : -1);
    const addr = () => {
      const u = r();
      if (u < 0.03) return 0;
      if (u < 0.06) return X + int(WINDOW) * PAGE + 1;
      if (u < 0.25) return SHARED + int(8) * PAGE;
      return X + int(WINDOW) * PAGE;
    };
    /** Half the time a page inside one of pid's segments, else anywhere. */
    const addrFor = (pid: number) => {
      const segs = chance(0.5) ? (k.proc(pid)?.spaces() ?? []).flatMap((sp) => [...sp.mappings]) : [];
      if (segs.length === 0) return addr();
      const sg = pick(segs);
      return sg.addr + int(sg.len / PAGE) * PAGE;
    };
    const len = () => (chance(0.03) ? (chance(0.5) ? 0 : PAGE + 7) : (1 + int(4)) * PAGE);
    const rights = () => (chance(0.05) ? 0 : 1 + int(PERM_RWX));
    const segFlags = () => {
      let f = rights();
      if (chance(0.25)) f |= SEG_PRIVATE;
      if (chance(0.1)) f |= SEG_EAGER;
      if (chance(0.05)) f |= SEG_SHARED_REGION;
      if (chance(0.02)) f |= 0x8000;
      return f;
    };
    const data = () => {
      const d = new Uint8Array(1 + int(PAGE + 200));
      const [a, b] = [int(256), 1 + int(255)];
      for (let i = 0; i < d.length; i++) d[i] = (a + i * b) & 0xff;
      return d;
    };

    const counts = new Map<string, [number, number]>();
    const reasons = new Map<string, number>();
    let failures = 0;
    /** the state after the previous step, which is the state before this one */
    let last: string | undefined;
    for (let step = 0; step < steps; step++) {
      // keep the population at 10 processes or fewer
      let trimmed = false;
      while (live.length > 10) {
        k.exit(live.splice(int(live.length), 1)[0]!);
        trimmed = true;
      }
      const before = trimmed || last === undefined ? JSON.stringify(snapshot(k, { contents: true })) : last;
      let name = '';
      let res: unknown;
      let offerDeleted = false;
      let written: [number, number, number, Uint8Array] | undefined;
      const u = int(100);
      if (u < 16) {
        name = 'segAlloc';
        const backing = chance(0.2) ? { shadow: pick(shadows), offset: int(3) * PAGE } : undefined;
        const c = proc();
        const a = chance(0.3) ? addrFor(c) + (chance(0.5) ? PAGE : -PAGE) : addr();
        res = k.segAlloc(c, target(), a, len(), segFlags(), { backing, segmented: chance(0.15) });
      } else if (u < 24) {
        name = 'segFree';
        const c = proc();
        res = k.segFree(c, target(), addrFor(c), len());
      } else if (u < 28) {
        name = 'segQuery';
        res = k.segQuery(proc(), target(), addr());
      } else if (u < 33) {
        name = 'segResize';
        const c = proc();
        res = k.segResize(c, target(), addrFor(c), (int(5) - 2) * PAGE + (chance(0.03) ? 1 : 0));
      } else if (u < 40) {
        name = 'segProtect';
        const c = proc();
        res = k.segProtect(c, target(), addrFor(c), len(), segFlags() & ~SEG_SHARED_REGION);
      } else if (u < 46) {
        name = 'segShare';
        const c = proc();
        res = k.segShare(c, target(), addrFor(c), len(), chance(0.05) ? 0 : proc(), chance(0.1) ? 0 : rights());
      } else if (u < 53) {
        name = 'segTake';
        let [caller, from, at, l] = [proc(), proc(), addr(), len()];
        const shares = records().filter((o) => o.kind === 'share');
        if (shares.length > 0 && chance(0.8)) {
          const o = pick(shares);
          const pages = o.len / PAGE;
          const first = int(pages);
          [caller, from, at, l] = [o.dest, o.src, o.addr + first * PAGE, (1 + int(pages - first)) * PAGE];
        }
        res = k.segTake(caller, 0, at, l, from, segFlags());
      } else if (u < 56) {
        name = 'segDecommit';
        const c = proc();
        res = k.segDecommit(c, target(), addrFor(c), len());
      } else if (u < 62) {
        name = 'vmOffer';
        const drop = chance(0.4) ? pick([0x10, 0x20, 0x40, 0x70]) : 0;
        const c = proc();
        res = k.vmOffer(c, proc(), addrFor(c), chance(0.1) ? 0 : len(), (chance(0.05) ? 0 : rights()) | drop);
      } else if (u < 69) {
        name = 'vmClaim';
        let [caller, src, at] = [proc(), proc(), addr()];
        const offers = records().filter((o) => o.kind === 'offer');
        if (offers.length > 0 && chance(0.8)) {
          const o = pick(offers);
          [caller, src, at] = [o.dest, o.src, o.addr];
        }
        const had = snapshot(k) as { offers: unknown[] };
        res = k.vmClaim(caller, src, at, chance(0.03) ? 1 : 0, { localAddr: 0, size: 0 });
        const now = snapshot(k) as { offers: unknown[] };
        offerDeleted = (res === -14 || res === -13) && now.offers.length === had.offers.length - 1;
      } else if (u < 71) {
        name = 'vmListOffer';
        const l: OfferRecord[] = [];
        res = k.vmListOffer(proc(), l, { n: int(4) - (chance(0.05) ? 2 : 0) });
      } else if (u < 81) {
        name = 'memWrite';
        const c = proc();
        const [t, a, d] = [target(), addrFor(c) + int(PAGE), data()];
        res = k.memWrite(c, t, a, d, chance(0.1) ? 'restricted' : undefined);
        if (res === d.length) written = [c, t, a, d];
      } else if (u < 88) {
        name = 'memRead';
        const c = proc();
        res = k.memRead(c, target(), addrFor(c) + int(PAGE), 1 + int(2 * PAGE), chance(0.1) ? 'restricted' : undefined);
      } else if (u < 91) {
        name = 'shadow';
        const s = pick(shadows);
        if (k.shadowRefs(s) > 0 && chance(0.5)) {
          const size = k.shadow(s)!.size;
          const at = int(size / PAGE) * PAGE;
          k.shadowWrite(s, at, data().subarray(0, size - at));
          res = 0;
        } else {
          shadows.push(k.shadowCreate((1 + int(8)) * PAGE, 1 + int(PERM_RWX)));
          if (shadows.length > 6) {
            const old = shadows.shift()!;
            if (k.shadowRefs(old) > 0) k.shadowPut(old);
          }
          res = 0;
        }
      } else if (u < 95) {
        name = 'resizeMapping';
        const c = proc();
        res = k.resizeMapping(c, addrFor(c), len());
      } else if (u < 97) {
        name = 'exit';
        if (live.length > 6) {
          const pid = live.splice(int(live.length), 1)[0]!;
          k.exit(pid);
        } else spawn();
        res = 0;
      } else {
        name = 'procCreateShared';
        const got = k.procCreateShared(proc(), chance(0.5) ? 0 : proc(), chance(0.05) ? 1 : 0, 'm');
        if (typeof got === 'object') live.push(got.pid);
        res = got;
      }

      const where = `step ${step} (${name} → ${typeof res === 'object' ? 'ok' : String(res)}, seed ${seed})`;
      // no two neighbours the merge rule joins may stand apart after any step
      const apart = mergeablePairs(k).map(([l, r]) => `${l.region} [0x${l.addr.toString(16)}, 0x${l.end.toString(16)}) | [0x${r.addr.toString(16)}, 0x${r.end.toString(16)})`);
      expect(apart, `${where}: neighbours the merge rule joins`).to.deep.equal([]);
      const bad = verify(k);
      expect(bad, where).to.deep.equal([]);
      const failed = typeof res === 'number' && res < 0;
      const c = counts.get(name) ?? [0, 0];
      c[failed ? 1 : 0]++;
      counts.set(name, c);
      last = JSON.stringify(snapshot(k, { contents: true }));
      if (failed) {
        failures++;
        reasons.set(`${name} ${String(res)}`, (reasons.get(`${name} ${String(res)}`) ?? 0) + 1);
        if (offerDeleted) {
          // a claim whose re-validation fails deletes the stale offer
          const [a, b] = [JSON.parse(last) as { offers: unknown[] }, JSON.parse(before) as { offers: unknown[] }];
          expect({ ...a, offers: [] }, where).to.deep.equal({ ...b, offers: [] });
        } else if (last !== before) expect(JSON.parse(last), where).to.deep.equal(JSON.parse(before));
      }
      if (written !== undefined) {
        const [c, t, a, d] = written;
        const back = k.memRead(c, t, a, d.length);
        // write-only memory (a VMO_GRANT_W claim) cannot be read back
        if (back !== -13 && (!(back instanceof Uint8Array) || Buffer.compare(back, d) !== 0)) {
          expect.fail(`${where}: a write did not read back (${back instanceof Uint8Array ? 'different bytes' : back})`);
        }
      }
    }
    if (process.env.KERNEL_REASONS) console.log([...reasons].sort().join('\n'));
    console.log(`      ok/failed: ${[...counts].map(([op, [ok, fail]]) => `${op} ${ok}/${fail}`).join(', ')}`);
    // the run must have exercised both outcomes of the operations that matter
    for (const op of ['segAlloc', 'segFree', 'segProtect', 'segShare', 'segTake', 'vmOffer', 'vmClaim', 'memWrite']) {
      const [ok, fail] = counts.get(op) ?? [0, 0];
      expect(ok, `${op} successes`).to.be.greaterThan(10);
      expect(fail, `${op} failures`).to.be.greaterThan(10);
    }
    expect(failures).to.be.greaterThan(steps / 10);
  }

  it('the failure check can see a change', () => {
    const k = new Kernel();
    const a = k.spawn();
    k.segAlloc(a, 0, X, PAGE, 3);
    const before = JSON.stringify(snapshot(k, { contents: true }));
    k.memWrite(a, 0, X, Uint8Array.of(1));
    expect(JSON.stringify(snapshot(k, { contents: true }))).to.not.equal(before);
  });
});
