// Listening: a unix socket only its owner may use, a stale socket replaced, a live one refused.

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../../src/transport/listen.js';

describe('transport: listen', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'segfs-listen-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('creates a unix socket with mode 0600 unless told otherwise', async () => {
    const a = await listen(`unix!${join(dir, 'a')}`, (s) => s.destroy());
    const b = await listen(`unix!${join(dir, 'b')}`, (s) => s.destroy(), { socketMode: 0o660 });
    try {
      expect(statSync(join(dir, 'a')).mode & 0o777).to.equal(0o600);
      expect(statSync(join(dir, 'b')).mode & 0o777).to.equal(0o660);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses a socket a live server holds, saying so', async () => {
    const path = join(dir, 'live');
    const first = await listen(`unix!${path}`, (s) => s.destroy());
    try {
      let err: Error | undefined;
      await listen(`unix!${path}`, (s) => s.destroy()).catch((e: Error) => { err = e; });
      expect(err?.message).to.equal(`unix!${path}: a server is already listening there`);
    } finally {
      await first.close();
    }
  });

  it('replaces a socket left by a server that was killed', async function () {
    this.timeout(10000);
    const path = join(dir, 'stale');
    // a server in another process, killed with SIGKILL: its socket file stays behind
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(statSync(path).isSocket()).to.equal(true);
    let accepted = false;
    const l = await listen(`unix!${path}`, (s) => { accepted = true; s.destroy(); });
    try {
      const sock = connect(path);
      await new Promise((resolve) => sock.once('close', resolve));
      expect(accepted).to.equal(true);
    } finally {
      await l.close();
    }
  });

  it('names the address when a TCP port is taken', async () => {
    const a = await listen('tcp!127.0.0.1!0', (s) => s.destroy());
    try {
      let err: Error | undefined;
      await listen(a.address, (s) => s.destroy()).catch((e: Error) => { err = e; });
      expect(err?.message).to.equal(`${a.address}: address already in use`);
    } finally {
      await a.close();
    }
  });
});
