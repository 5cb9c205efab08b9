// The package as npm users get it: packed, installed in an empty directory, then imported,
// required, run as a command, and its source maps pointing at sources that ship with it.

import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledCommand } from '../helpers/bundle.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the npm package', function () {
  this.timeout(120000);
  let dir: string;
  let pkg: string;
  const node = (args: string[]): string => execFileSync(process.execPath, args, { cwd: join(dir, 'app'), encoding: 'utf8' });

  before(() => {
    bundledCommand(); // the bin, built from the current sources
    dir = mkdtempSync(join(tmpdir(), 'segfs-pack-'));
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('mkdir', ['-p', join(dir, 'app')]);
    writeFileSync(join(dir, 'app', 'package.json'), '{"name":"app","private":true}\n');
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--offline', '--silent', join(dir, packed)], { cwd: join(dir, 'app') });
    pkg = join(dir, 'app', 'node_modules', 'segfs');
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('ships the license, the README, the sources of its maps and the examples', () => {
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/bin/segfs.js', 'dist/bundle/segfs.cjs', 'dist/examples/worker-counter.js']) {
      expect(existsSync(join(pkg, f)), f).to.equal(true);
    }
    expect(existsSync(join(pkg, 'dist/test')), 'no tests in the package').to.equal(false);
    const maps = files(join(pkg, 'dist')).filter((f) => f.endsWith('.js.map'));
    expect(maps.length).to.be.above(50);
    for (const m of maps) {
      const { sources } = JSON.parse(readFileSync(m, 'utf8')) as { sources: string[] };
      for (const s of sources) expect(existsSync(resolve(dirname(m), s)), `${m} → ${s}`).to.equal(true);
    }
  });

  it('imports and requires the entry and every subpath, typed', () => {
    const esm = node(['--input-type=module', '-e', `
      import { serve, mount, Kernel, Plan9Error, NinepError, version } from 'segfs';
      import { encode, NinepServer } from 'segfs/9p';
      import { SegmentDev, devWalk } from 'segfs/dev';
      import { Kernel as K2 } from 'segfs/kernel';
      console.log([typeof serve, typeof mount, typeof Kernel, typeof Plan9Error, typeof NinepError, typeof encode, typeof NinepServer, typeof SegmentDev, typeof devWalk, K2 === Kernel, version].join(' '));`]);
    const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
    expect(esm.trim()).to.equal(`function function function function function function function function function true ${version}`);
    const cjs = node(['--no-warnings', '-e', `
      const { serve, Kernel } = require('segfs');
      const { Framer } = require('segfs/9p');
      const k = new Kernel();
      console.log(typeof serve, typeof Framer, typeof k.spawn());`]);
    expect(cjs.trim()).to.equal('function function number');
    for (const d of ['dist/src/index.d.ts', 'dist/src/public/9p.d.ts', 'dist/src/public/dev.d.ts', 'dist/src/public/kernel.d.ts']) {
      expect(existsSync(join(pkg, d)), d).to.equal(true);
    }
  });

  it('installs the segfs command', () => {
    const out = execFileSync(join(dir, 'app', 'node_modules', '.bin', 'segfs'), ['--version'], { encoding: 'utf8' });
    expect(out).to.match(/^segfs \d+\.\d+\.\d+\n$/);
  });
});
