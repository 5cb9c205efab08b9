// Regressions from devsegment.c's history: the qid create returns
// must be the qid walk and stat return; slots 64 and above must round-trip (9front masks the
// slot with 0x3f, aliasing slot 64 to slot 0); and a segment made again in a reused slot must
// get a new qid.path (intro(5)), so a chan to the old one cannot reach the new one.

import { expect } from 'chai';
import { OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import { Qctl, Qdata, Qsegdir, qgen, qpath, qslot, qtype } from '../../src/devseg/qid.js';
import { Egone } from '../../src/lib9/errors.js';
import { Fixture, errstr } from './fixture.js';

describe('#g qids', () => {
  let f: Fixture;
  beforeEach(() => {
    f = new Fixture();
  });

  it('packs slot, type and generation and unpacks them again', () => {
    for (const slot of [0, 1, 63, 64, 99]) {
      for (const gen of [0n, 1n, 12345n]) {
        for (const t of [Qsegdir, Qctl, Qdata]) {
          const p = qpath(slot, gen, t);
          expect([qslot(p), qgen(p), qtype(p)]).to.deep.equal([slot, gen, t]);
        }
      }
    }
    expect([qpath(1, 0n, Qsegdir), qpath(1, 0n, Qctl), qpath(1, 0n, Qdata)]).to.deep.equal([9n, 10n, 11n]);
  });

  it('create\'s qid equals walk\'s, stat\'s and the listing\'s, in slot 0 and slot 70', () => {
    for (let i = 0; i < 71; i++) {
      const c = f.mkdir(`s${i}`);
      if (i !== 0 && i !== 70) continue;
      const walked = f.dev.walk(f.root(), [`s${i}`]);
      expect(walked.qids).to.deep.equal([c.qid]);
      expect(f.dev.stat(walked.chan!).qid).to.deep.equal(c.qid);
      expect(f.dev.readdir(f.root())[i]!.qid).to.deep.equal(c.qid);
      expect(qslot(c.qid.path)).to.equal(i);
    }
  });

  it('slots 64 and above round-trip: each segment\'s ctl and data are its own', () => {
    for (let i = 0; i < 100; i++) f.segment(`s${i}`, `${0x10000000 + i * 0x10000} ${0x1000 * (i + 1)}`);
    for (const i of [0, 1, 35, 36, 63, 64, 65, 99]) {
      expect(f.ctl(`s${i}`)).to.equal(`va 0x${(0x10000000 + i * 0x10000).toString(16)} 0x${(0x1000 * (i + 1)).toString(16)}\n`);
      const r = f.dev.walk(f.root(), [`s${i}`, 'data']);
      expect(r.qids.map((q) => qslot(q.path))).to.deep.equal([i, i]);
      expect(f.dev.stat(r.chan!)).to.include({ name: 'data', length: BigInt(0x1000 * (i + 1)) });
      const d = f.open(`s${i}/data`, ORDWR);
      f.write(d, `segment ${i}`);
      f.dev.close(d);
    }
    expect(f.readText(f.open('s0/data', OREAD), 10)).to.equal('segment 0\0');
    expect(f.readText(f.open('s64/data', OREAD), 10)).to.equal('segment 64');
    f.dev.remove(f.walk('s64'));
    expect(f.names()).to.include('s0').and.not.include('s64');
  });

  it('a segment made again in the same slot gets a new path, and old chans do not reach it', () => {
    const first = f.mkdir('ex').qid;
    f.dev.close(f.walk('ex'));
    const oldDir = f.walk('ex');
    const oldCtl = f.walk('ex/ctl');
    f.dev.remove(f.walk('ex'));
    const second = f.mkdir('ex').qid;
    expect(qslot(second.path)).to.equal(qslot(first.path));
    expect(second.path).to.not.equal(first.path);
    expect(f.dev.walk(f.root(), ['ex', 'ctl']).qids.map((q) => q.path)).to.deep.equal([second.path, second.path + 1n]);
    expect(errstr(() => f.dev.stat(oldDir))).to.equal(Egone);
    expect(errstr(() => f.dev.stat(oldCtl))).to.equal(Egone);
    expect(errstr(() => f.dev.open(oldCtl, OWRITE))).to.equal(Egone);
    expect(errstr(() => f.dev.walk(oldDir, ['ctl']))).to.equal(Egone);
    f.dev.remove(oldDir); // 9front: removing an emptied slot does nothing
    expect(f.names()).to.deep.equal(['ex']);
  });

  it('qid.vers stays 0 after writes', () => {
    f.segment('ex');
    const d = f.open('ex/data', ORDWR);
    f.write(d, 'x');
    expect(f.dev.stat(f.walk('ex/data')).qid.vers).to.equal(0);
    expect(f.dev.readdir(f.walk('ex')).map((e) => e.qid.vers)).to.deep.equal([0, 0]);
  });
});
