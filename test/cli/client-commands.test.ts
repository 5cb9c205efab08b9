// The client subcommands of segfs against a #g server over TCP: as functions with captured
// stdio, and once through bin/segfs.js as a shell would run them.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:net';
import {
  attachCommand, catCommand, lsCommand, mkdirCommand, rdwrCommand, rmCommand, statCommand, writeCommand,
} from '../../src/cli/client-commands.js';
import type { ServeHandle } from '../../src/serve/serve.js';
import { EVE, freshDev, serveDev } from '../client/helpers.js';
import { run, type Ran } from './captured.js';

describe('segfs client commands', () => {
  let h: ServeHandle;
  let addr: string;
  beforeEach(async () => {
    h = await serveDev(freshDev());
    addr = h.address;
  });
  afterEach(async () => { await h.close(); });

  it('mkdir, write ctl from stdin, cat, ls, ls -l, stat, attach, rm', async () => {
    const u = ['-u', EVE];
    expect(await run(mkdirCommand, [...u, addr, 'ex'])).to.deep.equal({ code: 0, out: '', err: '' });
    expect((await run(writeCommand, [...u, addr, 'ex/ctl'], 'va 0x10000000 0x100000\n')).code).to.equal(0);
    expect((await run(catCommand, [...u, addr, 'ex/ctl'])).out).to.equal('va 0x10000000 0x100000\n');
    expect((await run(lsCommand, [...u, addr, '/'])).out).to.equal('ex\n');
    expect((await run(lsCommand, [...u, addr, 'ex'])).out).to.equal('ctl\ndata\n');
    const long = (await run(lsCommand, ['-l', ...u, addr, 'ex'])).out.split('\n');
    expect(long[1]).to.match(/^--rw-rw---- g 0 glenda glenda 1048576 \w{3} [ \d]\d \d\d:\d\d data$/);
    const st = (await run(statCommand, [...u, addr, 'ex/data'])).out;
    expect(st).to.match(/^'data' 'glenda' 'glenda' 'glenda' q \(0000000000000003 0 \) m 0660 at \d+ mt \d+ l 1048576 t 103 d 0\n$/);
    expect(await run(attachCommand, [...u, addr, 'ex'])).to.deep.equal({ code: 0, out: 'va 0x10000000 0x100000\n', err: '' });
    expect((await run(rmCommand, [...u, addr, 'ex'])).code).to.equal(0);
    expect((await run(lsCommand, [...u, addr, '/'])).out).to.equal('');
  });

  it('prints the server error and exits 1; bad usage exits 2', async () => {
    expect(await run(catCommand, ['-u', EVE, addr, 'nosuch'])).to.deep.equal({ code: 1, out: '', err: 'segfs: cat nosuch: file does not exist\n' });
    expect(await run(mkdirCommand, ['-u', 'ken', addr, 'a/b'])).to.deep.equal({ code: 1, out: '', err: 'segfs: mkdir a/b: file does not exist\n' });
    await run(mkdirCommand, ['-u', EVE, addr, 'noaddr']);
    expect((await run(attachCommand, ['-u', EVE, addr, 'noaddr'])).err).to.equal('segfs: attach noaddr: global segment not assigned a virtual address\n');
    const bad = await run(lsCommand, [addr]);
    expect(bad.code).to.equal(2);
    expect(bad.err).to.match(/^segfs: ls: want ADDR PATH\nusage: segfs ls \[client options\] \[-l\] \[-d\] ADDR PATH/);
    expect((await run(lsCommand, ['-V', '9P3000', addr, '/'])).code).to.equal(2);
    expect((await run(lsCommand, ['tcp!nohost', '/'])).code).to.equal(1);
    const traced = await run(lsCommand, ['-D', '-u', EVE, addr, '/']);
    expect(traced.err).to.match(/^-> Tversion tag 65535 msize 1048576 version '9P2000'\n<- Rversion/);
  });

  it('runs from bin/segfs.js, write reading stdin', async () => {
    const bin = fileURLToPath(new URL('../../bin/segfs.js', import.meta.url));
    const sh = (args: string[], input?: string): Promise<Ran> => new Promise((resolve) => {
      const child = execFile(process.execPath, [bin, ...args], (err, out, errOut) => {
        resolve({ code: err === null ? 0 : (err.code as number), out, err: errOut });
      });
      child.stdin!.end(input ?? '');
    });
    await run(mkdirCommand, ['-u', EVE, addr, 'sh']);
    expect((await sh(['write', '-u', EVE, addr, 'sh/ctl'], 'va 0x30000000 0x2000')).code).to.equal(0);
    expect(await sh(['cat', '-u', EVE, addr, 'sh/ctl'])).to.deep.equal({ code: 0, out: 'va 0x30000000 0x2000\n', err: '' });
  });

  it('ls sorts by name, aligns -l columns, and -d names the directory itself', async () => {
    const u = ['-u', EVE];
    for (const n of ['zeta', 'alpha', 'mid']) await run(mkdirCommand, [...u, addr, n]);
    await run(writeCommand, [...u, addr, 'mid/ctl'], 'va 0x10000000 0x100000\n');
    expect((await run(lsCommand, [...u, addr, '/'])).out).to.equal('alpha\nmid\nzeta\n');
    const long = (await run(lsCommand, ['-l', ...u, addr, '/'])).out.trimEnd().split('\n');
    expect(long.map((l) => l.split(' ').pop())).to.deep.equal(['alpha', 'mid', 'zeta']);
    expect(new Set(long.map((l) => l.lastIndexOf(' '))).size).to.equal(1); // every column padded alike
    const ctl = (await run(lsCommand, ['-l', ...u, addr, 'mid'])).out.trimEnd().split('\n');
    expect(ctl[0]).to.match(/^--rw-rw---- g 0 glenda glenda       0 \w{3} [ \d]\d \d\d:\d\d ctl$/);
    expect(ctl[1]).to.match(/^--rw-rw---- g 0 glenda glenda 1048576 \w{3} [ \d]\d \d\d:\d\d data$/);
    expect((await run(lsCommand, ['-ld', ...u, addr, 'mid'])).out).to.match(/^d-r-xr-xr-x g 0 glenda glenda 0 \w{3} [ \d]\d \d\d:\d\d mid\n$/);
    expect((await run(lsCommand, [...u, addr, 'mid/data'])).out).to.equal('data\n');
  });

  it('takes --opt=value, bundled flags, -V in any case, --help on stdout', async () => {
    expect((await run(lsCommand, ['--user=glenda', '-lV', '9p2000.l', addr, '/'])).code).to.equal(0);
    expect((await run(lsCommand, ['-V', '9P2000.U', '-u', EVE, addr, '/'])).code).to.equal(0);
    const help = await run(catCommand, ['--help']);
    expect(help.code).to.equal(0);
    expect(help.out).to.match(/^usage: segfs cat \[client options\] ADDR PATH\n/);
    expect(help.err).to.equal('');
    expect((await run(catCommand, ['--frob', addr, 'x'])).err).to.match(/^segfs: cat: unknown option --frob\n/);
  });

  it('write -l sends one write per line; rdwr writes each line and prints the file again', async () => {
    const u = ['-u', EVE];
    await run(mkdirCommand, [...u, addr, 'lines']);
    // each line is its own ctl message: the second va is refused on its own
    const two = await run(writeCommand, ['-l', ...u, addr, 'lines/ctl'], 'va 0x20000000 0x2000\nva 0x30000000 0x1000\n');
    expect(two).to.deep.equal({ code: 1, out: '', err: 'segfs: write lines/ctl: already has a virtual address\n' });
    expect((await run(catCommand, [...u, addr, 'lines/ctl'])).out).to.equal('va 0x20000000 0x2000\n');
    await run(mkdirCommand, [...u, addr, 'rw']);
    const rw = await run(rdwrCommand, [...u, addr, 'rw/ctl'], 'bogus\nva 0x40000000 0x1000\n');
    expect(rw.code).to.equal(0);
    expect(rw.out).to.equal('va 0x40000000 0x1000\n');
    expect(rw.err.split('\n')).to.have.length(3); // the first read (no va yet) and the bogus line, each reported
    expect(rw.err).to.match(/^segfs: rdwr rw\/ctl: segment not yet allocated\nsegfs: rdwr rw\/ctl: .+\n$/);
  });

  it('cat streams a segment larger than one message exactly, and write streams it back', async () => {
    const u = ['-u', EVE, '-m', '8192'];
    await run(mkdirCommand, [...u, addr, 'big']);
    await run(writeCommand, [...u, addr, 'big/ctl'], 'va 0x10000000 0x30000\n');
    const bytes = Buffer.alloc(0x30000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 9)) & 0xff;
    const stdin = new PassThrough();
    const io = { stdin, stdout: new PassThrough(), stderr: new PassThrough() };
    for (let at = 0; at < bytes.length; at += 5000) stdin.write(bytes.subarray(at, at + 5000));
    stdin.end();
    expect(await writeCommand([...u, addr, 'big/data'], io)).to.equal(0);
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (d: Buffer) => chunks.push(d));
    expect(await catCommand([...u, addr, 'big/data'], { stdin: new PassThrough(), stdout: out, stderr: new PassThrough() })).to.equal(0);
    expect(Buffer.concat(chunks).equals(bytes)).to.equal(true);
  });

  it('gives up on a server that never answers after -t seconds, saying so', async function () {
    this.timeout(10000);
    const silent: Server = createServer(() => { /* accepts and never answers */ });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const t0 = Date.now();
      const r = await run(lsCommand, ['-t', '0.3', `tcp!127.0.0.1!${port}`, '/']);
      expect(r.code).to.equal(1);
      expect(r.err).to.equal(`segfs: ls /: tcp!127.0.0.1!${port}: no answer within 0.3 s\n`);
      expect(Date.now() - t0).to.be.below(5000);
    } finally {
      silent.close();
    }
  });
});
