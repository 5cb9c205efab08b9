// The segfs command as a shell runs it: help and version on stdout with status 0, unknown
// commands and options named with status 2, `cat` giving exactly a segment's bytes to a pipe
// and to a file, and a reader that goes away ending `cat` quietly; each both from the compiled
// modules (bin/segfs.js) and as npm installs it (the bundle), and the two print the same bytes
// for the same session.

import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../src/9p/client/client.js';
import { Fsys } from '../../src/9p/client/fsys.js';
import { dial } from '../../src/transport/dial.js';
import { fileURLToPath } from 'node:url';
import { version } from '../../src/version.js';
import { serve, type ServeHandle } from '../../src/serve/serve.js';
import { bundledCommand } from '../helpers/bundle.js';

const modules = fileURLToPath(new URL('../../bin/segfs.js', import.meta.url));

interface Ran { code: number; out: string; err: string }

function run(bin: string, args: string[], input = ''): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], (err, out, errOut) => {
      resolve({ code: err === null ? 0 : (err.code as number), out, err: errOut });
    });
    child.stdin!.end(input);
  });
}

const commands: [string, () => string][] = [
  ['segfs command (bin/segfs.js)', () => modules],
  ['segfs command as installed (dist/bundle/segfs.cjs)', bundledCommand],
];

for (const [title, which] of commands) describe(title, () => {
  let bin = '';
  before(function () {
    this.timeout(30000);
    bin = which();
  });
  const segfs = (args: string[], input = ''): Promise<Ran> => run(bin, args, input);

  it('prints help on stdout with status 0, for itself and per command', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await segfs(args);
      expect(r.code, args[0]).to.equal(0);
      expect(r.out).to.match(/^usage: segfs COMMAND/);
      expect(r.err).to.equal('');
    }
    const cat = await segfs(['help', 'cat']);
    expect(cat.out).to.match(/^usage: segfs cat \[client options\] ADDR PATH\n/);
    const serveHelp = await segfs(['serve', '--help']);
    expect(serveHelp).to.include({ code: 0, err: '' });
    expect(serveHelp.out).to.match(/^usage: segfs serve \[options\]/);
  });

  it('prints its version, the same as package.json', async () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(version).to.equal(pkg.version);
    expect(await segfs(['--version'])).to.deep.equal({ code: 0, out: `segfs ${pkg.version}\n`, err: '' });
  });

  it('names an unknown command or option, with status 2', async () => {
    expect(await segfs(['frobnicate'])).to.deep.equal({ code: 2, out: '', err: 'segfs: unknown command "frobnicate" (segfs --help lists the commands)\n' });
    expect(await segfs(['--frob'])).to.deep.equal({ code: 2, out: '', err: 'segfs: unknown option --frob (segfs --help lists the commands)\n' });
    const none = await segfs([]);
    expect(none.code).to.equal(2);
    expect(none.err).to.match(/^usage: segfs COMMAND/);
  });

  describe('against a server', () => {
    let h: ServeHandle;
    before(async () => { h = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' }); });
    after(async () => { await h.close(); });

    it('cat gives exactly the bytes of a segment of several messages to a pipe and to a file', async function () {
      this.timeout(30000);
      // 3 MiB and a page: three full 1 MiB messages and a short fourth
      const size = 3 * 2 ** 20 + 4096;
      const want = Buffer.allocUnsafe(size);
      for (let i = 0; i < size; i++) want[i] = (i * 11 + (i >> 12)) & 0xff;
      const fs = await Fsys.attach(await Client.connect(await dial(h.address)), 'glenda');
      try {
        await fs.mkdir('exact');
        await fs.writeFile('exact/ctl', `va 0x10000000 ${size}`);
        await fs.writeFile('exact/data', want, { truncate: false });
      } finally {
        await fs.close();
      }
      const args = [bin, 'cat', '-u', 'glenda', h.address, 'exact/data'];
      // to a pipe, read slowly: cat must wait for its reader, not drop or reorder bytes
      const piped = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const parts: Buffer[] = [];
      let err = '';
      piped.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      piped.stdout.on('data', (d: Buffer) => {
        parts.push(d);
        piped.stdout.pause();
        setImmediate(() => piped.stdout.resume());
      });
      const code = await new Promise<number | null>((resolve) => piped.once('close', resolve));
      expect({ code, err }).to.deep.equal({ code: 0, err: '' });
      expect(Buffer.concat(parts).equals(want), 'through a pipe').to.equal(true);
      // to a file
      const dir = mkdtempSync(join(tmpdir(), 'segfs-cat-'));
      try {
        const file = join(dir, 'out');
        const fd = openSync(file, 'w');
        const toFile = spawn(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] });
        closeSync(fd);
        let fileErr = '';
        toFile.stderr!.on('data', (d: Buffer) => { fileErr += d.toString(); });
        const fileCode = await new Promise<number | null>((resolve) => toFile.once('close', resolve));
        expect({ code: fileCode, err: fileErr }).to.deep.equal({ code: 0, err: '' });
        expect(readFileSync(file).equals(want), 'into a file').to.equal(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('cat | head -c 10 prints nothing on stderr and exits 0', async function () {
      this.timeout(20000);
      await segfs(['mkdir', '-u', 'glenda', h.address, 'pipe']);
      await segfs(['write', '-u', 'glenda', h.address, 'pipe/ctl'], 'va 0x10000000 0x4000000\n');
      const child = spawn(process.execPath, [bin, 'cat', '-u', 'glenda', h.address, 'pipe/data'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      const first = await new Promise<Buffer>((resolve) => child.stdout.once('data', resolve));
      expect(first.length).to.be.above(0);
      child.stdout.destroy(); // the reader goes away, as head does after its 10 bytes
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, err }).to.deep.equal({ code: 0, err: '' });
    });
  });
});

describe('the bundled command', () => {
  let h: ServeHandle;
  before(async function () {
    this.timeout(30000);
    bundledCommand();
    h = await serve({ listen: 'tcp!127.0.0.1!0', eve: 'glenda' });
  });
  after(async () => { await h.close(); });

  it('prints what the compiled modules print, for a whole session', async function () {
    this.timeout(30000);
    const session = async (bin: string, seg: string): Promise<Ran[]> => {
      const a = h.address;
      const steps: [string[], string?][] = [
        [['mkdir', '-u', 'glenda', a, seg]],
        [['write', '-u', 'glenda', a, `${seg}/ctl`], 'va 0x10000000 0x2000\n'],
        [['write', '-u', 'glenda', a, `${seg}/data`], 'hello from a segment\n'],
        [['cat', '-u', 'glenda', a, `${seg}/ctl`]],
        [['rdwr', '-u', 'glenda', a, `${seg}/ctl`], 'bogus\n'],
        [['stat', '-u', 'glenda', a, `${seg}/data`]],
        [['attach', '-u', 'glenda', a, seg]],
        [['cat', '-u', 'glenda', a, `${seg}/nothere`]],
        [['ls', '-V', '9p2000', '-u', 'glenda', a, '/']],
        [['rm', '-u', 'glenda', a, seg]],
      ];
      const out: Ran[] = [];
      for (const [args, input] of steps) {
        const r = await run(bin, args, input);
        // the segment's name, qid path and times differ between the two sessions
        const same = (t: string): string => t.replaceAll(seg, 'SEG').replace(/q \(\w+/, 'q (Q').replace(/at \d+ mt \d+/, 'at T mt T');
        out.push({ ...r, out: same(r.out), err: same(r.err) });
      }
      return out;
    };
    const viaModules = await session(modules, 'from-modules');
    const viaBundle = await session(bundledCommand(), 'from-bundle');
    expect(viaBundle).to.deep.equal(viaModules);
    expect(viaModules[3]).to.deep.equal({ code: 0, out: 'va 0x10000000 0x2000\n', err: '' });
    expect(viaModules[7]!.code).to.equal(1);
  });
});
