// The client subcommands of segfs against a #g server over TCP: as functions with captured
// stdio, and once through bin/segfs.js as a shell would run them.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  attachCommand, catCommand, lsCommand, mkdirCommand, rmCommand, statCommand, writeCommand, type CommandIO,
} from '../../src/cli/client-commands.js';
import type { ServeHandle } from '../../src/serve/serve.js';
import { EVE, freshDev, serveDev } from '../client/helpers.js';

interface Ran { code: number; out: string; err: string }

async function run(cmd: (args: string[], io?: CommandIO) => Promise<number>, args: string[], input = ''): Promise<Ran> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => { out += d.toString(); });
  stderr.on('data', (d: Buffer) => { err += d.toString(); });
  stdin.end(input);
  const code = await cmd(args, { stdin, stdout, stderr });
  return { code, out, err };
}

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
    expect(await run(catCommand, ['-u', EVE, addr, 'nosuch'])).to.deep.equal({ code: 1, out: '', err: 'segfs: cat: file does not exist\n' });
    expect(await run(mkdirCommand, ['-u', 'ken', addr, 'a/b'])).to.deep.equal({ code: 1, out: '', err: 'segfs: mkdir: file does not exist\n' });
    await run(mkdirCommand, ['-u', EVE, addr, 'noaddr']);
    expect((await run(attachCommand, ['-u', EVE, addr, 'noaddr'])).err).to.equal('segfs: attach: global segment not assigned a virtual address\n');
    const bad = await run(lsCommand, [addr]);
    expect(bad.code).to.equal(2);
    expect(bad.err).to.match(/^segfs: ls: want ADDR PATH\nusage: segfs ls \[-l\]/);
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
});
