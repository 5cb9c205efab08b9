// The #p device over 9P: the server's exporter serves a ProcDev on an in-memory pair (and once
// on loopback TCP); a codec-level client drives the ctl commands as any 9P client would, and
// sees results and errors as a remote program does (Rerror strings, Rlerror errnos).

import { expect } from 'chai';
import { ProcDev } from '../../src/devproc/index.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { serve } from '../../src/serve/serve.js';
import { OREAD, ORDWR, OTRUNC, OWRITE } from '../../src/lib9/modes.js';
import type { Dialect } from '../../src/9p/codec/dialect.js';
import type { Dev } from '../../src/dev/dev.js';
import type { NinepServer } from '../../src/9p/server/server.js';
import { pairWith, tcpClient, type TestClient } from '../helpers/ninep-wire.js';

const EVE = 'eve';
const pidOf = (text: string): number => Number(/^(?:pid )?(\d+)/.exec(text)![1]);

/** `dev` served with eve EVE over an in-memory pair; a versioned client. */
async function connect(dev: Dev, dialect: Dialect = '9P2000'): Promise<[TestClient, NinepServer]> {
  const { client, server } = pairWith(dev, dialect, { eve: EVE });
  await client.version(65536);
  return [client, server];
}

describe('#p over 9P', () => {
  let kernel: Kernel;
  let dev: ProcDev;
  let w: TestClient;
  let server: NinepServer;
  let root: number;

  beforeEach(async () => {
    kernel = new Kernel();
    dev = new ProcDev(kernel, EVE);
    [w, server] = await connect(dev);
    root = await w.root('glenda', '#p');
  });
  afterEach(async () => {
    await server.close();
  });

  /** Opens #p/clone on one fid: the new pid and the fid, now that process's ctl. */
  async function clone(): Promise<[number, number]> {
    const fid = await w.openPath(root, 'clone', ORDWR);
    return [pidOf(await w.readText(fid)), fid];
  }

  it('attaches at aname #p; clone makes a process and the same fid reads its pid and runs commands', async () => {
    const [pid, ctl] = await clone();
    expect(await w.readText(ctl)).to.equal(`${pid}\n`);
    expect(await w.write(ctl, 0, 'segalloc 0x10000000 0x2000 rw')).to.equal(29);
    expect(await w.readText(ctl)).to.equal('0x10000000\n');
    await w.write(ctl, 0, 'segquery 0');
    expect(await w.readText(ctl)).to.equal('addr 0x10000000 len 0x2000 offset 0 flen 0 vid 0 handle 1 flags 0x3 rw\n');
    await w.clunk(ctl);
    const st = await w.stat(await w.walkTo(root, `${pid}/ctl`));
    expect(st).to.include({ name: 'ctl', uid: 'glenda', gid: EVE, mode: 0o660 });
    const seg = await w.openPath(root, `${pid}/segment`, OREAD);
    expect(await w.readText(seg)).to.match(/^addr 0x10000000 len 0x2000 /);
    expect(kernel.segQuery(pid, 0, 0)).to.include({ addr: 0x10000000, len: 0x2000 });
  });

  it('offer, claim and listoffer between two processes', async () => {
    const [a] = await clone();
    const [b] = await clone();
    await w.ctl(root, `${a}/ctl`, 'segalloc 0x10000000 0x2000 rw');
    expect(await w.ctl(root, `${a}/ctl`, `offer ${b} 0x10000000 0x1000 r`)).to.equal('0\n');
    expect(await w.ctl(root, `${b}/ctl`, 'listoffer')).to.equal(
      `id 1 kind offer direction received src ${a} dest ${b} addr 0x10000000 len 0x1000 flags 0x1 r\n`);
    expect(await w.ctl(root, `${b}/ctl`, `claim ${a} 0x10000000`)).to.equal('addr 0x10000000 size 0x1000\n');
    expect(await w.ctl(root, `${a}/ctl`, 'listoffer')).to.equal('');
    await w.ctl(root, `${a}/ctl`, "memwrite 0x10000000 'shared'");
    expect(await w.ctl(root, `${b}/ctl`, 'memread 0x10000000 6')).to.equal(`${Buffer.from('shared').toString('hex')}\n`);
  });

  it('proccreate and proccreateshared: the new processes are the writer’s and share their region', async () => {
    const [a] = await clone();
    const pr = pidOf(await w.ctl(root, `${a}/ctl`, 'proccreate proto shared'));
    const m1 = pidOf(await w.ctl(root, `${a}/ctl`, `proccreateshared ${pr} m1`));
    const m2 = pidOf(await w.ctl(root, `${m1}/ctl`, 'proccreateshared 0 m2'));
    expect(await w.ctl(root, `${m1}/ctl`, 'segalloc 0 0x1000 rw,shared')).to.equal('0x7fffffffe000\n');
    expect(await w.ctl(root, `${m1}/ctl`, 'memwrite 0x7fffffffe000 2a')).to.equal('1\n');
    expect(await w.ctl(root, `${m2}/ctl`, 'memread 0x7fffffffe000 1')).to.equal('2a\n');
    const info = await w.openPath(root, `${m2}/info`, OREAD);
    expect(await w.readText(info)).to.match(new RegExp(`^pid ${m2} parent ${m1} .* shared 1 member 1 plan9 0 owner glenda\\n$`));
  });

  it('errors are write errors carrying the Plan 9 strings, of each kind', async () => {
    const [a, ctl] = await clone();
    await w.write(ctl, 0, 'segalloc 0x10000000 0x1000 rw');
    expect(await w.fails(w.write(ctl, 0, 'segalloc 0x10000000 0x1000 rw'))).to.equal('segments overlap');
    expect(await w.fails(w.write(ctl, 0, 'segalloc 0x10000001 0x1000 rw'))).to.equal('bad arg in system call');
    expect(await w.fails(w.write(ctl, 0, 'segquery 0x20000000'))).to.equal('file does not exist');
    expect(await w.fails(w.write(ctl, 0, 'offer 9999 0x10000000 0x1000 r'))).to.equal('process exited');
    expect(await w.fails(w.write(ctl, 0, 'segquery 0 target=1'))).to.equal('permission denied');
    expect(await w.fails(w.write(ctl, 0, 'segalloc 0 0x800000000000 rw'))).to.equal('virtual memory allocation failed');
    const [b] = await clone();
    await w.write(ctl, 0, `offer ${b} 0x10000000 0x1000 r`);
    expect(await w.fails(w.write(ctl, 0, 'listoffer 0'))).to.equal('i/o count too small');
    expect(await w.fails(w.write(ctl, 0, 'listoffer -1'))).to.equal('bad arg in system call');
    expect(await w.fails(w.write(ctl, 0, 'frob'))).to.equal('bad process or channel control request');
    expect(await w.fails(w.write(ctl, 0, 'segalloc 1 2'))).to.equal('bad arg in system call');
    expect(await w.readText(ctl)).to.equal('0\n');
    expect(kernel.segQuery(a, 0, 0)).to.include({ addr: 0x10000000, len: 0x1000 });
    const k = new Kernel({ maxSegments: 1 });
    const [w2, s2] = await connect(new ProcDev(k, EVE));
    try {
      const r2 = await w2.root('glenda', '#p');
      const c2 = await w2.openPath(r2, 'clone', ORDWR);
      await w2.write(c2, 0, 'segalloc 0x10000000 0x3000 rw');
      expect(await w2.fails(w2.write(c2, 0, 'segfree 0x10001000 0x1000'))).to.equal('virtual memory allocation failed');
    } finally {
      await s2.close();
    }
  });

  it('only the owner or eve may write a ctl: others cannot open it', async () => {
    const [a] = await clone();
    const other = await w.root('other', '#p');
    expect(await w.fails(w.openPath(other, `${a}/ctl`, OWRITE))).to.equal('permission denied');
    expect(await w.fails(w.openPath(other, `${a}/ctl`, OREAD))).to.equal('permission denied');
    const eve = await w.root(EVE, '#p');
    expect(await w.ctl(eve, `${a}/ctl`, 'segalloc 0x10000000 0x1000 r')).to.equal('0x10000000\n');
    const seg = await w.openPath(other, `${a}/segment`, OREAD);
    expect(await w.readText(seg)).to.match(/^addr 0x10000000 len 0x1000 .* flags 0x1 r\n$/);
  });

  it('help is readable by anyone and lists the grammar', async () => {
    const other = await w.root('other', '#p');
    const h = await w.openPath(other, 'help', OREAD);
    let text = '';
    for (let off = 0; ; ) {
      const chunk = await w.readText(h, off, 100);
      if (chunk === '') break;
      text += chunk;
      off += chunk.length;
    }
    expect(text).to.contain('segalloc ADDR LEN FLAGS [target=PID]');
    expect(text).to.contain('claim SRC REMOTEADDR [FLAGS]');
  });
});

describe('#p over 9P2000.L', () => {
  it('carries errnos: EINVAL, EACCES, ENOENT, EBUSY, ESRCH', async () => {
    const kernel = new Kernel();
    const [w, server] = await connect(new ProcDev(kernel, EVE), '9P2000.L');
    try {
      const root = await w.root('glenda', '#p');
      const ctl = await w.openPath(root, 'clone', ORDWR);
      const pid = Number(await w.readText(ctl));
      expect(await w.write(ctl, 0, 'segalloc 0x10000000 0x1000 rw')).to.equal(29);
      expect(await w.fails(w.write(ctl, 0, 'frob'))).to.equal(22);
      expect(await w.fails(w.write(ctl, 0, 'segalloc 0x10000000 0x1000 rw'))).to.equal(16);
      expect(await w.fails(w.write(ctl, 0, 'segquery 0x20000000'))).to.equal(2);
      expect(await w.fails(w.write(ctl, 0, 'offer 9999 0x10000000 0x1000 r'))).to.equal(3);
      const other = await w.root('other', '#p');
      expect(await w.fails(w.openPath(other, `${pid}/ctl`, OWRITE))).to.equal(13);
    } finally {
      await server.close();
    }
  });
});

describe('#p over 9P2000.u', () => {
  it('a shell\'s echo cmd >ctl (open with OTRUNC, wstat length 0, write) then cat ctl on a new fid', async () => {
    const kernel = new Kernel();
    const [w, server] = await connect(new ProcDev(kernel, EVE), '9P2000.u');
    try {
      const root = await w.root('glenda', '#p');
      const clone = await w.openPath(root, 'clone', OREAD);
      const pid = Number(await w.readText(clone));
      const echo = await w.openPath(root, `${pid}/ctl`, OWRITE | OTRUNC);
      await w.truncate(echo);
      expect(await w.write(echo, 0, 'segalloc 0x10000000 0x1000 rw\n')).to.equal(30);
      await w.clunk(echo);
      const cat = await w.openPath(root, `${pid}/ctl`, OREAD);
      expect(await w.readText(cat)).to.equal('0x10000000\n');
      expect(await w.readText(cat, 11)).to.equal('');
    } finally {
      await server.close();
    }
  });
});

describe('#p over loopback TCP', () => {
  it('serve({dev}) exports the device; a client on a socket creates a process and allocates', async () => {
    const kernel = new Kernel();
    const h = await serve({ dev: new ProcDev(kernel, EVE), eve: EVE, listen: 'tcp!127.0.0.1!0' });
    const w = await tcpClient(h.address);
    try {
      await w.version(65536);
      const root = await w.root('glenda', '#p');
      const ctl = await w.openPath(root, 'clone', ORDWR);
      const pid = Number(await w.readText(ctl));
      await w.write(ctl, 0, 'segalloc 0 0x1000 rw');
      expect(await w.readText(ctl)).to.equal('0x7fffffffe000\n');
      expect(kernel.segQuery(pid, 0, 0)).to.include({ addr: 0x7fffffffe000 });
    } finally {
      w.stream.destroy();
      await h.close();
    }
  });
});
