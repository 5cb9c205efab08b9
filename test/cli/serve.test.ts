// `segfs serve`: its arguments, the mount help it prints, and a real run that serves 9P on
// the address it printed and stops cleanly on SIGTERM and SIGINT; a unix socket address works.

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mountHelp, parseServeArgs } from '../../src/cli/serve.js';
import { serve } from '../../src/serve/serve.js';
import { TestClient, tcpClient } from '../helpers/ninep-wire.js';

const segfs = fileURLToPath(new URL('../../bin/segfs.js', import.meta.url));

describe('segfs serve: command line', () => {
  it('defaults to tcp!127.0.0.1!5640, 1 MiB, no trace', () => {
    const none = { noAuth: false, authFile: undefined, newSecret: false, maxConns: 256, maxFids: 16384, http: undefined };
    expect(parseServeArgs([])).to.deep.equal({ listen: ['tcp!127.0.0.1!5640'], msize: 1 << 20, eve: undefined, debug: false, socketMode: undefined, ...none });
    expect(parseServeArgs(['--listen', 'unix!/tmp/s', '--msize=65536', '--eve', 'glenda', '-D', '--socket-mode', '660']))
      .to.deep.equal({ listen: ['unix!/tmp/s'], msize: 65536, eve: 'glenda', debug: true, socketMode: 0o660, ...none });
  });

  it('takes --listen more than once, -l bundled with -D, and every dial string form', () => {
    expect(parseServeArgs(['-Dl', 'tcp!h!9fs', '--listen=tcp!h', '-l', 'h:7', '--'])!.listen).to.deep.equal(['tcp!h!9fs', 'tcp!h', 'h:7']);
    expect(parseServeArgs(['-h'])).to.equal(undefined);
  });

  it('refuses bad arguments with a message that names what is wrong', () => {
    expect(() => parseServeArgs(['--msize', '100'])).to.throw(/--msize wants a whole number from 4096/);
    expect(() => parseServeArgs(['--msize'])).to.throw(/needs a value/);
    expect(() => parseServeArgs(['--listen', 'tcp!h!99999'])).to.throw(/port "99999"/);
    expect(() => parseServeArgs(['--bogus'])).to.throw(/unknown option --bogus/);
    expect(() => parseServeArgs(['--socket-mode', 'rw'])).to.throw(/octal/);
    expect(() => parseServeArgs(['extra'])).to.throw(/unexpected argument "extra"/);
  });

  it('prints the Linux and 9pfuse mount commands', () => {
    expect(mountHelp('tcp!127.0.0.1!5640')).to.include('mkdir -p /mnt/segment && mount -t 9p -o trans=tcp,port=5640,version=9p2000.L,cache=none 127.0.0.1 /mnt/segment')
      .and.include("9pfuse 'tcp!127.0.0.1!5640' /mnt/segment").and.include('mkdir -p /mnt/proc && mount');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves on the printed address and exits 0 on ${signal}`, async function () {
      this.timeout(15000);
      const child = spawn(process.execPath, [segfs, 'serve', '--listen', 'tcp!127.0.0.1!0', '--eve', 'glenda'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8');
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (s: string) => {
          out += s;
          const m = /serving #g on (tcp!\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`segfs exited early: ${out}`)));
      });
      expect(out).to.match(/mount -t 9p -o trans=tcp,port=\d+,version=9p2000\.L,cache=none 127\.0\.0\.1 \/mnt\/segment/);
      const c = await tcpClient(address, '9P2000.L');
      expect((await c.version(65536)).version).to.equal('9P2000.L');
      await c.attach(0, 'glenda', '#g');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).to.equal(0);
      expect(out).to.include('segfs: stopped');
      await c.whenClosed();
    });
  }
});

describe('serve() on a unix socket', () => {
  it('listens on unix!PATH and removes the socket when closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segfs-'));
    const path = join(dir, 'segfs.sock');
    try {
      const h = await serve({ listen: `unix!${path}`, eve: 'eve' });
      expect(h.address).to.equal(`unix!${path}`);
      const sock = connect(path);
      await new Promise((r) => sock.once('connect', r));
      const c = new TestClient(sock, '9P2000');
      await c.version(8192);
      expect((await c.attach(0, 'eve')).path).to.equal(0n);
      await h.close();
      await c.whenClosed();
      expect(existsSync(path)).to.equal(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
