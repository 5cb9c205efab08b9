// Zero-copy sharing: worker_threads that mount a server in their parent thread and attach a
// #g segment map the very memory of the segment, so stores are seen at once and Atomics
// (add, wait, notify) work between the threads and the server.

import { expect } from 'chai';
import { mount } from '../../src/client/mount.js';
import { servePort } from '../../src/serve/serve-port.js';
import { channel, EVE, freshDev, makeSegment, runWorker } from './helpers.js';

const SEG = 0x10000000;

describe('zero-copy segments between workers', () => {
  it('four workers add 25,000 each to one word with Atomics: the total is exact', async () => {
    const dev = freshDev();
    const ns = await mount(dev, { user: EVE });
    const servings: { close(): void }[] = [];
    try {
      await makeSegment(ns, 'counter', SEG, 0x1000);
      const runs = Array.from({ length: 4 }, () => {
        const { port1, port2 } = channel();
        servings.push(servePort(port2, dev));
        return runWorker(port1, { job: 'count', name: 'counter', times: 25000 }).result;
      });
      const results = await Promise.all(runs);
      expect(results).to.deep.equal(Array(4).fill({ va: SEG, shared: true }));
      const p = ns.process();
      await p.segattach(0, 'counter', 0, 0);
      expect(Atomics.load(p.int32(SEG, 1), 0)).to.equal(100000);
      expect(Buffer.from(await ns.readFile('counter/data')).readInt32LE(0)).to.equal(100000);
    } finally {
      for (const s of servings) s.close();
      await ns.close();
    }
  });

  it('Atomics.wait in a worker is woken by Atomics.notify in the parent', async () => {
    const dev = freshDev();
    const ns = await mount(dev, { user: EVE });
    const { port1, port2 } = channel();
    const serving = servePort(port2, dev);
    try {
      await makeSegment(ns, 'sync', SEG, 0x1000);
      const p = ns.process();
      await p.segattach(0, 'sync', 0, 0);
      const words = p.int32(SEG, 2);
      const { result } = runWorker(port1, { job: 'wait', name: 'sync' });
      // the worker stores 1 in word 1 once attached, then sleeps on word 0
      while (Atomics.load(words, 1) === 0) await new Promise((r) => setTimeout(r, 5));
      Atomics.store(words, 0, 42);
      Atomics.notify(words, 0);
      expect(await result).to.deep.equal({ seen: 42 });
    } finally {
      serving.close();
      await ns.close();
    }
  });

  it('a store through one mount is seen by another mount of the same segment without any request', async () => {
    const dev = freshDev();
    const a = await mount(dev, { user: EVE });
    const b = await mount(dev, { user: EVE });
    try {
      await makeSegment(a, 'ex', SEG, 0x1000);
      const p = a.process();
      const q = b.process();
      await p.segattach(0, 'ex', 0, 0);
      await q.segattach(0, 'ex', 0, 0);
      const before = a.client.outstanding + b.client.outstanding;
      p.bytes(SEG + 100, 5).set(Buffer.from('hello'));
      expect(Buffer.from(q.bytes(SEG + 100, 5)).toString()).to.equal('hello');
      expect(a.client.outstanding + b.client.outstanding).to.equal(before);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
