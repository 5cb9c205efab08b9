// #g under a memory budget (Kernel's maxMemory, serve's maxMemory): a data write past it
// answers `virtual memory allocation failed` and writes nothing, on the device and through
// 9P; removing a segment gives its memory back, so the next one fits.

import { expect } from 'chai';
import { SegmentDev } from '../../src/devseg/index.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { Enovmem } from '../../src/lib9/errors.js';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import { serve, type ServeHandle } from '../../src/serve/serve.js';
import { mount } from '../../src/client/mount.js';
import { errstr } from '../helpers/errstr.js';

const MIB = 1 << 20;

function device(maxMemory: number) {
  const kernel = new Kernel({ maxMemory });
  const dev = new SegmentDev(kernel, 'eve');
  const open = (path: string[], mode: number) => dev.open(dev.walk(dev.attach('', 'eve'), path).chan!, mode);
  const segment = (name: string, len: number) => {
    const root = dev.attach('', 'eve');
    dev.create(root, name, OREAD, DMDIR | 0o777);
    dev.close(root);
    const ctl = open([name, 'ctl'], OWRITE);
    dev.write(ctl, Buffer.from(`va 0x10000000 ${len}`), 0);
    dev.close(ctl);
    return open([name, 'data'], ORDWR);
  };
  return { kernel, dev, segment };
}

describe('#g under a memory budget', () => {
  it('fails a data write past the budget with Enovmem and writes nothing', () => {
    const { kernel, dev, segment } = device(2 * MIB);
    const one = segment('one', 2 * MIB);
    const two = segment('two', MIB);
    expect(dev.write(one, Buffer.from('fits'), 0)).to.equal(4);
    expect(errstr(() => dev.write(two, Buffer.from('no room'), 0))).to.equal(Enovmem);
    const back = Buffer.alloc(7);
    dev.read(two, back, 0);
    expect(back.equals(Buffer.alloc(7))).to.equal(true);
    expect(kernel.memory.committed).to.equal(2 * MIB);
  });

  it('refuses to make a segment whose first chunk cannot fit', () => {
    const { segment } = device(MIB);
    expect(errstr(() => segment('big', 2 * MIB))).to.equal(Enovmem);
  });

  it('gives a removed segment memory back once its last channel is closed', () => {
    const { kernel, dev, segment } = device(2 * MIB);
    const one = segment('one', 2 * MIB);
    dev.write(one, Buffer.alloc(2 * MIB, 1), 0);
    dev.remove(dev.walk(dev.attach('', 'eve'), ['one']).chan!);
    expect(kernel.memory.committed, 'the open data file still holds it').to.equal(2 * MIB);
    dev.close(one);
    expect(kernel.memory.committed).to.equal(0);
    const two = segment('two', 2 * MIB);
    expect(dev.write(two, Buffer.alloc(2 * MIB, 2), 0)).to.equal(2 * MIB);
  });
});

describe('#g under a memory budget, through 9P', () => {
  let h: ServeHandle;
  before(async () => {
    h = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda', maxMemory: 2 * MIB });
  });
  after(async () => {
    await h.close();
  });

  it('answers a data write past the budget with `virtual memory allocation failed`', async () => {
    const g = await mount(h.address, { user: 'glenda' });
    try {
      await g.mkdir('one');
      await g.writeFile('one/ctl', `va 0x10000000 ${2 * MIB}`);
      await g.mkdir('two');
      await g.writeFile('two/ctl', `va 0x20000000 ${MIB}`);
      await g.writeFile('one/data', 'fits');
      let err: Error | undefined;
      await g.writeFile('two/data', 'no room').catch((e: Error) => (err = e));
      expect(err?.message).to.equal(Enovmem);
      await g.remove('one');
      expect(await g.writeFile('two/data', 'room now')).to.equal(8);
      await g.remove('two');
      await g.mkdir('three');
      await g.writeFile('three/ctl', `va 0x10000000 ${2 * MIB}`);
      expect(await g.writeFile('three/data', new Uint8Array(2 * MIB).fill(3))).to.equal(2 * MIB);
      await g.remove('three');
    } finally {
      await g.close();
    }
  });
});
