// Memory is committed only where touched (src/kernel/engine/shadow.ts): a 1 GiB #g segment with one
// page written costs about a page of resident memory, and a 64 GiB one (SEGMAXSIZE) can be
// made and written at its last page; a removed segment's memory goes back to the host.
// Measured in a fresh Node process so that nothing else the suite allocated moves the
// resident-set figure.

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';

const here = new URL('.', import.meta.url);
const mod = (rel: string): string => new URL(rel, here).href;

const script = `
import { SegmentDev } from ${JSON.stringify(mod('../../src/devseg/index.js'))};
import { Kernel } from ${JSON.stringify(mod('../../src/kernel/kernel.js'))};
const DMDIR = 0x80000000, OWRITE = 1;
const dev = new SegmentDev(new Kernel(), 'eve');
const rss = () => process.memoryUsage().rss;
function segment(name, ctl) {
  const root = dev.attach('', 'eve');
  dev.create(root, name, 0, DMDIR | 0o777);
  const c = dev.open(dev.walk(dev.attach('', 'eve'), [name, 'ctl']).chan, OWRITE);
  dev.write(c, Buffer.from(ctl), 0);
  return dev.open(dev.walk(dev.attach('', 'eve'), [name, 'data']).chan, OWRITE);
}
const before = rss();
const g1 = segment('one', 'va 0x10000000 0x40000000');
dev.write(g1, Buffer.alloc(4096, 1), 0x40000000 - 4096);
const afterOne = rss();
const g64 = segment('big', 'va 0x100000000 0x1000000000');
dev.write(g64, Buffer.from('end'), 0x1000000000 - 3);
const afterBig = rss();
console.log(JSON.stringify({ one: afterOne - before, big: afterBig - afterOne }));
`;

describe('#g segment memory is committed where touched', () => {
  it('costs about one page for a 1 GiB segment with one page written, and makes a 64 GiB one', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    const { one, big } = JSON.parse(r.stdout) as { one: number; big: number };
    // A page is 4 KiB; allow the process's own bookkeeping, far below the segment's 1 GiB.
    expect(one, 'resident growth for the 1 GiB segment').to.be.below(32 << 20);
    expect(big, 'resident growth for the 64 GiB segment').to.be.below(32 << 20);
  });
});

const churn = `
import { SegmentDev } from ${JSON.stringify(mod('../../src/devseg/index.js'))};
import { Kernel } from ${JSON.stringify(mod('../../src/kernel/kernel.js'))};
const DMDIR = 0x80000000, OWRITE = 1, SEG = 128 << 20;
const dev = new SegmentDev(new Kernel(), 'eve');
const rss = () => process.memoryUsage().rss;
const turn = () => new Promise((r) => setImmediate(r));
const before = rss();
let peak = before;
for (let round = 0; round < 8; round++) {
  const root = dev.attach('', 'eve');
  dev.create(root, 'churn', 0, DMDIR | 0o777);
  const ctl = dev.open(dev.walk(dev.attach('', 'eve'), ['churn', 'ctl']).chan, OWRITE);
  dev.write(ctl, Buffer.from('va 0x10000000 ' + SEG), 0);
  dev.close(ctl);
  const data = dev.open(dev.walk(dev.attach('', 'eve'), ['churn', 'data']).chan, OWRITE);
  const block = Buffer.alloc(1 << 20, round + 1);
  for (let off = 0; off < SEG; off += block.length) dev.write(data, block, off);
  peak = Math.max(peak, rss());
  dev.close(data);
  dev.remove(dev.walk(dev.attach('', 'eve'), ['churn']).chan);
  await turn();
}
// the collection the last remove asked for runs on the next turn; freeing follows it
for (let i = 0; i < 20 && rss() - before > 64 * 2 ** 20; i++) await new Promise((r) => setTimeout(r, 50));
console.log(JSON.stringify({ peak: peak - before, after: rss() - before }));
`;

describe('#g segment memory is given back', () => {
  it('returns the resident memory of 8 filled and removed 128 MiB segments to the host', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', churn], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    const { peak, after } = JSON.parse(r.stdout) as { peak: number; after: number };
    expect(peak, 'a filled segment is resident').to.be.above(100 << 20);
    // 8 × 128 MiB were written: kept, that would be a GiB
    expect(after, 'resident growth after the last remove').to.be.below(96 << 20);
  });
});
