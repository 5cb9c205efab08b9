// Who may attach to `segfs serve`: beyond loopback it needs --auth-file (or an explicit
// --no-auth, warned about on every start); with --auth-file the client commands attach with
// -a and the right secret only; a unix socket is for its owner.

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lsCommand, mkdirCommand } from '../../src/cli/client-commands.js';
import { parseServeArgs } from '../../src/cli/serve.js';
import { makeSecretFile } from '../../src/9p/auth/secret-file.js';
import { run } from './captured.js';

const segfs = fileURLToPath(new URL('../../bin/segfs.js', import.meta.url));

/** Starts `segfs serve args`; resolves when it prints its address (or exits first). */
function start(args: string[]): Promise<{ address?: string; code?: number | null; out: string; err: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [segfs, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => { err += s; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve) => {
    child.stdout.on('data', (s: string) => {
      out += s;
      const m = /serving #g on (\S+)/.exec(out);
      if (m && /\n.*\n/.test(out.slice(m.index))) resolve({ address: m[1]!, out, err, stop });
    });
    void exited.then((code) => resolve({ code, out, err, stop }));
  });
}

describe('segfs serve: authentication and who may connect', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'segfs-auth-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('parses --auth-file, --new-secret, --max-conns, --max-fids, and refuses contradictions', () => {
    const o = parseServeArgs(['-a', '/s', '--new-secret', '--max-conns', '8', '--max-fids', '100'])!;
    expect([o.authFile, o.newSecret, o.maxConns, o.maxFids, o.noAuth]).to.deep.equal(['/s', true, 8, 100, false]);
    const d = parseServeArgs([])!;
    expect([d.authFile, d.newSecret, d.maxConns, d.maxFids]).to.deep.equal([undefined, false, 256, 16384]);
    expect(() => parseServeArgs(['--new-secret'])).to.throw(/--new-secret needs --auth-file/);
    expect(() => parseServeArgs(['--no-auth', '--auth-file', '/s'])).to.throw(/contradict/);
    expect(() => parseServeArgs(['--max-conns', '0'])).to.throw(/--max-conns wants a whole number from 1/);
  });

  it('refuses to listen beyond loopback without authentication, and says how', async () => {
    const r = await start(['--listen', 'tcp!*!0']);
    expect(r.code).to.equal(2);
    expect(r.err).to.include('refusing to listen on tcp!*!0').and.include('--auth-file PATH').and.include('--no-auth');
  });

  it('with --no-auth, warns on every start', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await start(['--listen', 'tcp!*!0', '--no-auth']);
      expect(r.address).to.match(/^tcp!/);
      expect((await run(lsCommand, [`tcp!127.0.0.1!${r.address!.split('!')[2]}`, '/'])).code).to.equal(0);
      expect(await r.stop()).to.equal(0);
      expect(r.err).to.include('is reachable from other machines and anyone there can attach as any user (--no-auth)');
    }
  });

  it('with --auth-file: starts beyond loopback; the right secret attaches, a wrong or missing one does not', async () => {
    const secret = join(dir, 'secret');
    const r = await start(['--listen', 'tcp!*!0', '--auth-file', secret, '--new-secret']);
    try {
      expect(r.address).to.match(/^tcp!/);
      expect(statSync(secret).mode & 0o777).to.equal(0o600);
      expect(r.err).to.not.include('warning');
      expect(r.out).to.include('authentication required').and.include(`segfs ls -a ${secret}`);
      const addr = `tcp!127.0.0.1!${r.address!.split('!')[2]}`;
      expect(await run(mkdirCommand, ['-a', secret, addr, 'ok'])).to.deep.include({ code: 0, err: '' });
      expect((await run(lsCommand, ['--auth-file', secret, addr, '/'])).out).to.equal('ok\n');
      const missing = await run(lsCommand, [addr, '/']);
      expect([missing.code, missing.err]).to.deep.equal([1, `segfs: ls /: ${addr}: authentication required: give -a PATH, the server's secret file\n`]);
      const wrong = join(dir, 'wrong');
      makeSecretFile(wrong);
      expect(await run(lsCommand, ['-a', wrong, addr, '/'])).to.deep.include({ code: 1, err: 'segfs: ls /: authentication failed\n' });
      const loose = join(dir, 'loose');
      writeFileSync(loose, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
      expect((await run(lsCommand, ['-a', loose, addr, '/'])).err).to.include('others may read or write it');
      // --new-secret never overwrites a secret
      const again = await start(['--auth-file', secret, '--new-secret', '--listen', 'tcp!127.0.0.1!0']);
      expect(again.code).to.equal(1);
      expect(again.err).to.include('exists already');
    } finally {
      expect(await r.stop()).to.equal(0);
    }
  });

  it('a client that gives a secret to a server without authentication is told to leave it out', async () => {
    const secret = join(dir, 'secret');
    makeSecretFile(secret);
    const r = await start(['--listen', 'tcp!127.0.0.1!0']);
    try {
      expect((await run(lsCommand, ['-a', secret, r.address!, '/'])).err).to.equal(`segfs: ls /: ${r.address}: the server takes no authentication: leave out -a\n`);
    } finally {
      await r.stop();
    }
  });
});
