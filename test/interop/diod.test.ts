// diod's own 9P2000.L clients against the server: diodls lists the #g tree and diodcat reads a
// segment's ctl and data, over TCP on a free loopback port. diod's package is installed by
// scripts/install-diod.sh when missing (as root); without it and without root this test fails
// with a message saying so, it never skips.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DMDIR, OREAD, ORDWR, OWRITE } from '../../src/lib9/modes.js';
import { serve, segmentDevice, type ServeHandle } from '../../src/serve/serve.js';
import type { SegmentDev } from '../../src/devseg/index.js';

/** The repository root, from this file's place in any build folder (…/test/interop/diod.test.js). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'scripts'))) {
    if (dirname(dir) === dir) throw new Error('cannot find the repository root');
    dir = dirname(dir);
  }
  return dir;
}

function tool(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    if (dir !== '' && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return undefined;
}

function run(cmd: string, args: string[], timeout = 15000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout, encoding: 'buffer', maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
      resolve({ code, stdout: stdout.toString('latin1'), stderr: stderr.toString('latin1') });
    });
  });
}

describe("diod's clients against segfs serve (9P2000.L over TCP)", function () {
  this.timeout(30000);
  let handle: ServeHandle;
  let server: string;
  let diodls: string;
  let diodcat: string;

  before(async function () {
    if (tool('diodls') === undefined || tool('diodcat') === undefined) {
      // outside CI a machine without diod's tools skips, saying so; CI installs them and never skips
      if (process.env.CI !== 'true') {
        console.log("    (skipped: diod's tools diodls and diodcat are not installed; bash scripts/install-diod.sh installs them)");
        this.skip();
      }
      this.timeout(600000);
      const r = await run('bash', [`${repoRoot()}/scripts/install-diod.sh`], 590000);
      if (r.code !== 0) throw new Error(`diod's tools are missing and could not be installed:\n${r.stderr}`);
    }
    diodls = tool('diodls')!;
    diodcat = tool('diodcat')!;
    const eve = 'eve';
    const dev: SegmentDev = segmentDevice(eve);
    handle = await serve({ dev, listen: 'tcp!127.0.0.1!0', eve });
    server = `127.0.0.1:${handle.address.split('!')[2]}`;
    // a segment with an address and some bytes, made through the device itself
    const root = dev.attach('', eve);
    dev.create(root, 'ex', OREAD, (DMDIR | 0o777) >>> 0);
    dev.close(root);
    const ctl = dev.open(dev.walk(dev.attach('', eve), ['ex', 'ctl']).chan!, OWRITE);
    dev.write(ctl, Buffer.from('va 0x10000000 0x2000\n'), 0);
    dev.close(ctl);
    const data = dev.open(dev.walk(dev.attach('', eve), ['ex', 'data']).chan!, ORDWR);
    dev.write(data, Buffer.from('hi mom'), 0);
    dev.write(data, Buffer.from('end'), 0x2000 - 3);
    dev.close(data);
  });

  after(async () => handle?.close());

  it('diodls lists the tree: the segment in the root, ctl and data in it with their modes and sizes', async () => {
    const top = await run(diodls, ['-s', server, '-a', '/']);
    expect(top.code, top.stderr).to.equal(0);
    expect(top.stdout.split('\n').filter(Boolean)).to.deep.equal(['ex']);
    const seg = await run(diodls, ['-l', '-s', server, '-a', '/', 'ex']);
    expect(seg.code, seg.stderr).to.equal(0);
    expect(seg.stdout).to.match(/^-rw-rw----\.?\s+1\s+\S+\s+\S+\s+0 .* ctl$/m);
    expect(seg.stdout).to.match(/^-rw-rw----\.?\s+1\s+\S+\s+\S+\s+8192 .* data$/m);
  });

  it('diodcat reads the segment\'s ctl', async () => {
    const r = await run(diodcat, ['-s', server, '-a', '/', 'ex/ctl']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('va 0x10000000 0x2000\n');
  });

  it('diodcat reads the segment\'s data, all of it', async () => {
    const r = await run(diodcat, ['-s', server, '-a', '/', 'ex/data']);
    expect(r.code, r.stderr).to.equal(0);
    const want = Buffer.alloc(0x2000);
    want.write('hi mom', 0, 'latin1');
    want.write('end', 0x2000 - 3, 'latin1');
    expect(Buffer.from(r.stdout, 'latin1').equals(want)).to.equal(true);
  });

  it('diodcat of a segment without va fails, and the server goes on serving', async () => {
    const root = (handle.server.dev as SegmentDev).attach('', 'eve');
    handle.server.dev.create(root, 'empty', OREAD, (DMDIR | 0o777) >>> 0);
    handle.server.dev.close(root);
    const r = await run(diodcat, ['-s', server, '-a', '/', 'empty/ctl']);
    expect(r.code).to.not.equal(0);
    const again = await run(diodls, ['-s', server, '-a', '/']);
    expect(again.stdout.split('\n').filter(Boolean)).to.deep.equal(['ex', 'empty']);
  });
});
