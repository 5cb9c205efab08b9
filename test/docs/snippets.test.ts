// Every snippet of README.md and docs/*.md runs as pasted (see snippets.ts for which run
// where): programs against a real segfs server on tcp!127.0.0.1!5640, shell scripts with the
// segfs command, and the Linux mount scripts in the end-to-end guest.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { serve, type ServeHandle } from '../../src/serve/serve.js';
import { mount } from '../../src/client/mount.js';
import { allSnippets } from './snippets.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = fileURLToPath(new URL('../../', import.meta.url));
const RUN = new Set(['ts', 'js', 'sh']);
const KNOWN = new Set(['ts', 'js', 'sh', 'console', 'text', '']);

function run(cmd: string, args: string[], o: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: o.cwd, env: o.env, timeout: 60000 }, (e, out, err) => {
      resolve({ code: e === null ? 0 : typeof e.code === 'number' ? e.code : 1, out, err });
    });
  });
}

describe('README and docs snippets', function () {
  this.timeout(120000);
  const snippets = allSnippets(root);
  let server: ServeHandle;
  let scratch = '';
  let bin: string;
  let progs: string;

  before(async () => {
    server = await serve({ listen: 'tcp!127.0.0.1!5640' });
    scratch = mkdtempSync(join(tmpdir(), 'segfs-snippets-'));
    bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'segfs'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(build, 'bin', 'segfs.js'))} "$@"\n`);
    chmodSync(join(bin, 'segfs'), 0o755);
    // programs live inside the repository so that `import … from 'segfs'` finds the package itself
    progs = join(build, 'snippets');
    rmSync(progs, { recursive: true, force: true }); // no program of a block that is gone
    mkdirSync(progs, { recursive: true });
  });
  after(async () => {
    await server?.close();
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  it('every block says how it runs', () => {
    const unknown = snippets.filter((s) => !KNOWN.has(s.lang) || (s.tags.length > 0 && !(s.lang === 'sh' && s.tags.join(' ') === 'linux')));
    expect(unknown.map((s) => `${s.where}: \`\`\`${s.lang} ${s.tags.join(' ')}`)).to.deep.equal([]);
    const runs = snippets.filter((s) => RUN.has(s.lang) && s.tags.length === 0).length;
    const linux = snippets.filter((s) => s.tags.includes('linux')).length;
    console.log(`      (${runs} snippets run here, ${linux} Linux mount scripts in the e2e guest)`);
    expect(runs).to.be.above(5);
  });

  for (const s of snippets.filter((x) => RUN.has(x.lang) && x.tags.length === 0)) {
    it(`${s.where} (${s.lang}) runs`, async () => {
      if (s.lang === 'sh') {
        const r = await run('bash', ['-euo', 'pipefail', '-c', s.code], { cwd: scratch, env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
        expect(r.code, `${s.where}\n${s.code}\nstdout:\n${r.out}\nstderr:\n${r.err}`).to.equal(0);
        return;
      }
      const js = ts.transpileModule(s.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      const file = join(progs, `${s.where.replace(/[^A-Za-z0-9]+/g, '-')}.mjs`);
      writeFileSync(file, js);
      const r = await run(process.execPath, [file], { cwd: scratch });
      expect(r.code, `${s.where}\n${s.code}\nstdout:\n${r.out}\nstderr:\n${r.err}`).to.equal(0);
    });
    it(`${s.where} leaves no segment and no process behind`, async () => {
      const g = await mount(server.server.dev);
      const p = await mount(server.server.dev, { aname: '#p' });
      try {
        expect((await g.ls('/')).map((d) => d.name), '#g').to.deep.equal([]);
        expect((await p.ls('/')).map((d) => d.name), '#p').to.deep.equal(['clone', 'help']);
      } finally {
        await p.close();
        await g.close();
      }
    });
  }
});
