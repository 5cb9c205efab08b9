// Each transport carries the same 9P: TCP and unix sockets from dial strings, the in-process
// MessagePort to a Dev, and a worker_thread whose parent serves the port; and each dialect
// works end to end against the #g server.

import { expect } from 'chai';
import { dial } from '../../src/transport/dial.js';
import { servePort } from '../../src/serve/serve-port.js';
import { mount } from '../../src/client/mount.js';
import { NinepError } from '../../src/9p/client/errors.js';
import { channel, EVE, freshDev, makeSegment, mountOver, runWorker, serveDev, type TransportName } from './helpers.js';

describe('client transports', () => {
  for (const t of ['in-process', 'tcp', 'unix'] as TransportName[]) {
    it(`${t}: mkdir, ctl write and read back, ls, stat, rm`, async () => {
      const { ns, done } = await mountOver(t, freshDev());
      try {
        await makeSegment(ns, 'ex', 0x10000000, 0x100000);
        expect(Buffer.from(await ns.readFile('ex/ctl')).toString()).to.equal('va 0x10000000 0x100000\n');
        expect((await ns.ls('/')).map((d) => d.name)).to.deep.equal(['ex']);
        expect((await ns.ls('ex')).map((d) => [d.name, d.length])).to.deep.equal([['ctl', 0n], ['data', 0x100000n]]);
        expect((await ns.stat('ex/data')).length).to.equal(0x100000n);
        await ns.remove('ex');
        expect(await ns.ls('/')).to.deep.equal([]);
      } finally {
        await done();
      }
    });
  }

  it('worker MessagePort: a worker mounts a server in its parent thread', async () => {
    const dev = freshDev();
    const { port1, port2 } = channel();
    const serving = servePort(port2, dev);
    const setup = await mount(dev, { user: EVE });
    await makeSegment(setup, 'from-parent', 0x20000000, 0x1000);
    const { result } = runWorker(port1, { job: 'ls' });
    expect(await result).to.deep.equal(['from-parent']);
    serving.close();
    await setup.close();
  });

  for (const version of ['9P2000', '9P2000.u', '9P2000.L'] as const) {
    it(`tcp in ${version}: create, write, read, ls, stat, wstat, remove`, async () => {
      const h = await serveDev(freshDev());
      const ns = await mount(h.address, { user: EVE, version });
      try {
        expect(ns.client.dialect).to.equal(version);
        await makeSegment(ns, 'seg', 0x10000000, 0x3000);
        const payload = Buffer.alloc(0x3000, 0x5a);
        expect(await ns.writeFile('seg/data', payload)).to.equal(0x3000);
        expect(Buffer.compare(Buffer.from(await ns.readFile('seg/data')), payload)).to.equal(0);
        expect((await ns.ls('/')).map((d) => d.name)).to.deep.equal(['seg']);
        const st = await ns.stat('seg/data');
        expect([st.length, st.mode & 0o777]).to.deep.equal([0x3000n, 0o660]);
        await ns.wstat('seg/ctl', { mode: 0o600 });
        expect((await ns.stat('seg/data')).mode & 0o777).to.equal(0o600);
        const e = await ns.mkdir('seg/x').then(() => undefined, (err: unknown) => err);
        expect(e).to.be.instanceOf(NinepError);
        if (version === '9P2000.L') expect((e as NinepError).errno).to.equal(13);
        else expect((e as NinepError).ename).to.equal('permission denied');
        await ns.remove('seg');
        expect(await ns.ls('/')).to.deep.equal([]);
      } finally {
        await ns.close();
        await h.close();
      }
    });
  }

  it('requests aborted right after sending (Tflush to the real server) leave the connection consistent', async () => {
    const { ns, done } = await mountOver('tcp', freshDev());
    try {
      await makeSegment(ns, 'ex', 0x10000000, 0x10000);
      await ns.writeFile('ex/data', Buffer.alloc(0x10000, 1));
      const f = await ns.open('ex/data', 0);
      const outcomes = await Promise.all(Array.from({ length: 40 }, async (_, i) => {
        const ac = new AbortController();
        const p = f.read(i * 1024, 1024, ac.signal);
        ac.abort(new Error('cancelled'));
        try {
          const data = await p;
          return data.length === 1024 && data.every((b) => b === 1) ? 'reply' : 'bad data';
        } catch (e) {
          return (e as Error).message;
        }
      }));
      expect(outcomes.every((o) => o === 'reply' || o === 'cancelled'), outcomes.join()).to.equal(true);
      // a request sent after every Tflush is answered after every Rflush
      expect((await f.read(0, 4)).length).to.equal(4);
      expect(ns.client.outstanding).to.equal(0);
      await f.clunk();
    } finally {
      await done();
    }
  });

  it('dialling nothing fails with the socket error', async () => {
    const h = await serveDev(freshDev());
    const addr = h.address;
    await h.close();
    const e = await dial(addr).then(() => undefined, (err: Error) => err);
    expect(e?.message).to.match(/ECONNREFUSED/);
  });
});
