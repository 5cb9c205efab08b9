// A seeded random sequence of Plan 9 operations over several processes and #g segments
// (spawn, fork with and without RFMEM, exec, exit, segattach of every class and of #g names,
// segdetach, segbrk, segfree, segflush, loads and stores, mkdir/va/remove/open/close/read/
// write through the device). After every step the invariants must hold: the core's own
// (sorted, disjoint, inside the region, shadow refs = holders), each process's mappings are
// exactly its non-empty slots, slots are disjoint and inside [UTZERO, USTKTOP), every
// segment's ref equals its holders, every #g entry's ref equals the table plus its open
// chans; and a rejected call changes nothing. Set PLAN9_SEED to replay a run.

import { expect } from 'chai';
import type { Chan } from '../../src/dev/dev.js';
import { USTKTOP, UTZERO } from '../../src/lib9/mem.js';
import { RFMEM, SG_CEXEC, SG_RONLY } from '../../src/plan9/constants.js';
import type { Globalseg } from '../../src/plan9/global-segments.js';
import type { Seg } from '../../src/plan9/segment.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import { E, O, U, World } from './plan9-fixture.js';
import { prng } from '../helpers/rng.js';
import { snapshot, verify } from '../../src/kernel/inspect.js';

const STEPS = 12000;


describe('plan9 random operations keep the invariants', function () {
  this.timeout(60000);

  it(`${STEPS} seeded steps`, () => {
    const seed = Number(process.env.PLAN9_SEED ?? 0x5e9f5) >>> 0;
    console.log(`      plan9 random seed ${seed} (PLAN9_SEED to replay)`);
    const rnd = prng(seed);
    const int = (n: number) => Math.floor(rnd() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

    const w = new World();
    const k = w.kernel;
    const p9 = w.plan9;
    const users = [U, E, O];
    const names = ['g0', 'g1', 'g2', 'g3'];
    const open: Chan[] = [];
    /** [pid, addr, len] of core mappings made outside Plan 9 (segmented, so never merged) */
    let extras: [number, number, number][] = [];
    for (let i = 0; i < 3; i++) p9.spawn({ user: users[i] });

    const addr = () => pick([0, 0x10000000, 0x10001000, 0x10003000, 0x10008000, 0x10010800, 0x20000000, 0x400000, 0x402000, 0x403000, 0x7ffffeeff000]) + int(3) * 0x800;
    const len = () => pick([0, 1, 0x800, 0x1000, 0x2000, 0x3000, 0x8000, 0x10000]);
    const addrIn = (pid: number) => {
      const segs = p9.proc(pid).seg.filter((s): s is Seg => s !== undefined);
      if (segs.length === 0 || rnd() < 0.2) return addr();
      const s = pick(segs);
      return s.base + int(Math.max(1, s.size) + 0x1000);
    };

    /** Every process's mappings with their shadows' refs: the core state that Plan 9 calls can change. */
    const coreState = () => {
      let out = '';
      for (const p of k.procs()) {
        out += `|${p.pid}:`;
        for (const x of p.own!.mappings) out += `${x.addr},${x.len},${x.shadow.id},${x.shadow.size},${x.shadow.refs},${x.rights};`;
      }
      return out;
    };
    // the whole core snapshot is compared on every 25th rejection, the mappings on all of them
    const cheapState = (full: boolean) => JSON.stringify({
      core: full ? snapshot(k) : coreState(),
      procs: p9.procs().map((p) => ({ pid: p.pid, notes: p.notes.length, text: p9.segmentText(p.pid), flush: p.seg.map((s) => s?.flushme) })),
      globals: [...p9.segments.globals.live()].map((g) => ({ name: g.name, uid: g.uid, perm: g.perm, ref: g.ref, kproc: g.kproc, s: g.s && [g.s.base, g.s.top, g.s.ref, g.s.shadow.refs] })),
    });

    let rejected = 0;
    let done = 0;
    const counts: Record<string, number> = {};
    /** Runs an operation; a Plan 9 error must leave the state unchanged. */
    const attempt = (name: string, call: () => unknown) => {
      counts[name] = (counts[name] ?? 0) + 1;
      const full = rejected % 25 === 0;
      const before = cheapState(full);
      try {
        call();
        done++;
      } catch (e) {
        if (!(e instanceof Error) || e.name !== 'Plan9Error') throw e;
        rejected++;
        const after = cheapState(full);
        if (after !== before) expect(JSON.parse(after), `${name} rejected with "${e.message}" changed the state`).to.deep.equal(JSON.parse(before));
      }
    };

    const walk = (user: string, path: string[]) => w.dev.walk(w.dev.attach('', user), path).chan!;

    const ops: [number, () => void][] = [
      [3, () => { if (p9.procs().length < 7) attempt('spawn', () => p9.spawn({ user: pick(users) })); }],
      // a core process adopted by its first Plan 9 call (a kproc: no slots), and core mappings that are no slot's
      [1, () => { if (p9.procs().length < 7) attempt('kproc', () => p9.proc(k.spawn())); }],
      [2, () => {
        const pid = pick(p9.procs()).pid;
        const a = pick([0x10000000, 0x10002000, 0x20000000, 0x40000000]) + int(4) * 0x1000;
        const n = pick([0x1000, 0x2000]);
        counts.coreAlloc = (counts.coreAlloc ?? 0) + 1;
        if (k.segAlloc(pid, 0, a, n, 3, { segmented: true }) === a) extras.push([pid, a, n]);
      }],
      [4, () => { if (p9.procs().length < 8) attempt('fork', () => p9.fork(pick(p9.procs()).pid, rnd() < 0.5 ? RFMEM : 0)); }],
      [2, () => { if (p9.procs().length > 2) attempt('exit', () => p9.exit(pick(p9.procs()).pid)); }],
      [2, () => attempt('exec', () => p9.exec(pick(p9.procs()).pid, rnd() < 0.5 ? undefined : { name: '/bin/x', text: 0x2000, data: 0x1000, bss: 0x3000 }))],
      [20, () => {
        const pid = pick(p9.procs()).pid;
        attempt('segattach', () => p9.segattach(pid, pick([0, 0, SG_RONLY, SG_CEXEC]), pick(['shared', 'memory', ...names, 'nosuch']), addr(), len()));
      }],
      [10, () => { const pid = pick(p9.procs()).pid; attempt('segdetach', () => p9.segdetach(pid, addrIn(pid))); }],
      [8, () => { const pid = pick(p9.procs()).pid; attempt('segbrk', () => p9.segbrk(pid, addrIn(pid), rnd() < 0.2 ? 0 : addrIn(pid) + len())); }],
      [6, () => { const pid = pick(p9.procs()).pid; attempt('segfree', () => p9.segfree(pid, addrIn(pid), len())); }],
      [4, () => { const pid = pick(p9.procs()).pid; attempt('segflush', () => p9.segflush(pid, addrIn(pid), len())); }],
      [10, () => {
        const pid = pick(p9.procs()).pid;
        const a = addrIn(pid);
        if (a >= USTKTOP - 0x1000000) return; // stacks stay untouched (16 MiB each)
        const n = 1 + int(64);
        counts.store = (counts.store ?? 0) + 1;
        const r = rnd() < 0.5 ? p9.store(pid, a, new Uint8Array(n).fill(1 + int(255))) : p9.load(pid, a, n);
        expect(typeof r === 'string' ? r : 'ok').to.match(/^(ok|sys: trap: fault (read|write) addr=0x[0-9a-f]+)$/);
      }],
      [5, () => attempt('mkdir', () => { const c = w.dev.attach('', pick(users)); w.dev.create(c, pick(names), OREAD, DMDIR | 0o777); w.dev.close(c); })],
      [6, () => attempt('va', () => {
        const c = w.dev.open(walk(pick(users), [pick(names), 'ctl']), OWRITE);
        try {
          w.dev.write(c, Buffer.from(`va ${pick(['0x10000000', '0x10004000', '0x20000000', '0x7ffffeeff000', '0'])} ${len()}${pick(['', ' sticky'])}`), 0);
        } finally {
          w.dev.close(c);
        }
      })],
      [3, () => attempt('rmdir', () => w.dev.remove(walk(pick(users), [pick(names)])))],
      [4, () => attempt('open', () => open.push(w.dev.open(walk(pick(users), [pick(names), pick(['ctl', 'data'])]), pick([OREAD, ORDWR]))))],
      [3, () => { if (open.length > 0) { counts.close = (counts.close ?? 0) + 1; w.dev.close(open.splice(int(open.length), 1)[0]!); } }],
      [4, () => {
        if (open.length === 0) return;
        const c = pick(open);
        attempt('dataio', () => (rnd() < 0.5 ? w.dev.read(c, new Uint8Array(1 + int(32)), int(0x3000)) : w.dev.write(c, new Uint8Array(1 + int(32)).fill(9), int(0x3000))));
      }],
      [2, () => { if (open.length > 0 && rnd() < 0.3) attempt('chmod', () => w.dev.wstat(walk(pick(users), [pick(names), 'ctl']), { mode: pick([0o660, 0o666, 0o600]) })); }],
    ];
    const total = ops.reduce((n, [wgt]) => n + wgt, 0);

    /** Throws with `what` unless `ok`; plain, because chai per item would dominate the run time. */
    const assert = (ok: boolean, what: () => string) => {
      if (!ok) throw new Error(what());
    };
    const check = (step: number) => {
      const where = `step ${step} (seed ${seed})`;
      const bad = verify(k);
      assert(bad.length === 0, () => `${where}: ${bad.join('; ')}`);
      const holders = new Map<Seg, number>();
      const hold = (s: Seg) => holders.set(s, (holders.get(s) ?? 0) + 1);
      for (const p of p9.procs()) {
        const slots = p.seg.filter((s): s is Seg => s !== undefined);
        slots.forEach(hold);
        const mapped = slots.filter((s) => s.size > 0).sort((a, b) => a.base - b.base);
        for (let i = 0; i < mapped.length; i++) {
          const s = mapped[i]!;
          assert(s.base >= UTZERO && s.top <= USTKTOP && s.base % 4096 === 0 && s.top % 4096 === 0, () => `${where}: slot range`);
          assert(i === 0 || mapped[i - 1]!.top <= s.base, () => `${where}: slots overlap`);
        }
        const got = JSON.stringify([...k.proc(p.pid)!.own!.mappings].map((x) => [x.addr, x.len]));
        const want = JSON.stringify([
          ...mapped.map((s) => [s.base, s.size]),
          ...extras.filter(([pid]) => pid === p.pid).map(([, a, n]) => [a, n]),
        ].sort((x, y) => x[0]! - y[0]!));
        assert(got === want, () => `${where}: pid ${p.pid} mappings ${got}, slots and extras ${want}`);
        for (const s of mapped) assert(k.mappingAt(p.pid, s.base)?.shadow === s.shadow, () => `${where}: pid ${p.pid} maps another shadow at 0x${s.base.toString(16)}`);
      }
      for (const s of p9.cachedTexts()) hold(s);
      const gsegs = new Set<Globalseg>(p9.segments.globals.live());
      const chans = new Map<Globalseg, number>();
      for (const c of open) {
        const g = c.aux as Globalseg;
        gsegs.add(g);
        chans.set(g, (chans.get(g) ?? 0) + 1);
      }
      for (const g of gsegs) {
        const want = (g.listed ? 1 : 0) + (chans.get(g) ?? 0);
        assert(g.ref === want, () => `${where}: #g ${g.name} ref ${g.ref}, want ${want}`);
        if (g.s !== null) {
          hold(g.s);
          if (g.kproc) hold(g.s);
        }
      }
      for (const [s, n] of holders) assert(s.ref === n, () => `${where}: ${s.kind} segment at 0x${s.base.toString(16)} ref ${s.ref}, holders ${n}`);
    };

    for (let step = 0; step < STEPS; step++) {
      extras = extras.filter(([pid]) => k.proc(pid) !== undefined);
      let r = int(total);
      for (const [wgt, op] of ops) {
        if ((r -= wgt) < 0) {
          op();
          break;
        }
      }
      check(step);
    }
    console.log(`      ${done} succeeded, ${rejected} rejected unchanged: ${JSON.stringify(counts)}`);
    expect(done).to.be.greaterThan(STEPS / 4);
    expect(rejected).to.be.greaterThan(STEPS / 10);
  });
});
