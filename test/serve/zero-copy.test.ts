// Zero-copy through the default device tree: #g and #p of one kernel behind the aname mux
// (kernelDevices, what serve() exports) hand their segments' SharedArrayBuffers to a client in
// this process or in a worker thread, whether the tree is mounted directly or served on a
// MessagePort from serve()'s own server. The memory is the server's: an Atomics store through
// the attached process is what the segment's data file reads through the server, and a write
// of the data file is what Atomics loads.

import { expect } from 'chai';
import { Kernel } from '../../src/kernel/kernel.js';
import { plan9For } from '../../src/plan9/plan9-for.js';
import { OWRITE } from '../../src/lib9/modes.js';
import { kernelDevices, serve, type ServeHandle } from '../../src/serve/serve.js';
import { servePort } from '../../src/serve/serve-port.js';
import { mount, type Namespace } from '../../src/client/mount.js';
import { channel, EVE, makeSegment, runWorker } from '../client/helpers.js';

const SEG = 0x10000000;

/** The 32-bit little-endian word `i` of segment `name`, read through its data file. */
async function wordOf(ns: Namespace, name: string, i: number): Promise<number> {
  return Buffer.from(await ns.readFile(`${name}/data`)).readInt32LE(4 * i);
}

/** Writes `v` as word `i` of segment `name` through its data file. */
async function setWord(ns: Namespace, name: string, i: number, v: number): Promise<void> {
  const f = await ns.open(`${name}/data`, OWRITE);
  try {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    await f.writeAt(4 * i, b);
  } finally {
    await f.clunk();
  }
}

describe('zero-copy through kernelDevices (#g and #p behind the aname mux)', () => {
  it('mount(kernelDevices(eve)) maps the server kernel\'s own SharedArrayBuffer', async () => {
    const kernel = new Kernel();
    const ns = await mount(kernelDevices(EVE, kernel), { user: EVE });
    try {
      expect(ns.zeroCopy).to.equal(true);
      await makeSegment(ns, 'ex', SEG, 0x2000);
      const p = ns.process();
      expect(await p.segattach(0, 'ex', 0, 0)).to.equal(SEG);
      expect(p.isShared(SEG)).to.equal(true);
      const words = p.int32(SEG, 2);
      Atomics.store(words, 0, 0x1234567);
      expect(await wordOf(ns, 'ex', 0)).to.equal(0x1234567);
      await setWord(ns, 'ex', 1, -42);
      expect(Atomics.load(words, 1)).to.equal(-42);
      // the server kernel's segment memory itself
      const s = plan9For(kernel).segments.globals.find('ex')!.s!;
      const [piece] = s.shadow.pieces(0, 8);
      expect(new Int32Array(piece!.buffer, piece!.offset, 2)[0]).to.equal(0x1234567);
      Atomics.store(new Int32Array(piece!.buffer, piece!.offset, 2), 0, 7);
      expect(Atomics.load(words, 0)).to.equal(7);
      await p.exit();
    } finally {
      await ns.close();
    }
  });

  it('the mux hands over only in the tree the client attached: #p has no segment memory', () => {
    const dev = kernelDevices(EVE);
    expect(dev.segmentMemory('#p', 'ex', EVE)).to.equal(undefined);
    expect(dev.segmentMemory('#x', 'ex', EVE)).to.equal(undefined);
    expect(() => dev.segmentMemory('', 'ex', EVE)).to.throw('file does not exist');
    expect(() => dev.segmentMemory('#g', 'ex', EVE)).to.throw('file does not exist');
  });

  it('a MessagePort served with servePort(kernelDevices(eve)) answers #p too', async () => {
    const dev = kernelDevices(EVE);
    const { port1, port2 } = channel();
    const serving = servePort(port2, dev);
    const ns = await mount(port1, { user: EVE, aname: '#p' });
    try {
      expect((await ns.ls('.')).map((d) => d.name)).to.include.members(['clone', 'help']);
    } finally {
      await ns.close();
      serving.close();
    }
  });
});

describe('zero-copy to a worker on a MessagePort served from serve()\'s devices', () => {
  let h: ServeHandle;
  let tcp: Namespace;
  before(async () => {
    h = await serve({ listen: 'tcp!127.0.0.1!0', eve: EVE });
    tcp = await mount(h.address, { user: EVE });
  });
  after(async () => {
    await tcp.close();
    await h.close();
  });

  for (const [how, target] of [['the server', () => h.server], ['its device tree', () => h.server.dev]] as const) {
    it(`servePort(port, ${how}): the worker's mapping is the memory the data file reads over tcp`, async () => {
      const name = how === 'the server' ? 'w1' : 'w2';
      await makeSegment(tcp, name, SEG, 0x1000);
      await setWord(tcp, name, 0, 31337);
      const { port1, port2 } = channel();
      const serving = servePort(port2, target());
      try {
        const result = await runWorker(port1, { job: 'swap', name, value: 2718 }).result;
        expect(result).to.deep.equal({ va: SEG, shared: true, seen: 31337 });
        expect(await wordOf(tcp, name, 1)).to.equal(2718);
      } finally {
        serving.close();
        await tcp.remove(name);
      }
    });
  }

  it('four workers count with Atomics in one segment of the default tree: the total is exact', async () => {
    await makeSegment(tcp, 'counter', SEG, 0x1000);
    const servings: { close(): void }[] = [];
    try {
      const runs = Array.from({ length: 4 }, () => {
        const { port1, port2 } = channel();
        servings.push(servePort(port2, h.server));
        return runWorker(port1, { job: 'count', name: 'counter', times: 10000 }).result;
      });
      expect(await Promise.all(runs)).to.deep.equal(Array(4).fill({ va: SEG, shared: true }));
      expect(await wordOf(tcp, 'counter', 0)).to.equal(40000);
    } finally {
      for (const s of servings) s.close();
      await tcp.remove('counter');
    }
  });
});
