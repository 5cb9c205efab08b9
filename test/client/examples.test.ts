// The examples run as a user would run them (node on the compiled file) and print what they
// promise: segment(3)'s example, the four-worker counter, the second process over TCP.

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function run(name: string): Promise<{ code: number; out: string }> {
  const file = fileURLToPath(new URL(`../../examples/${name}.js`, import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { timeout: 20000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : (err.code as number) ?? -1, out: stdout + stderr });
    });
  });
}

describe('examples', () => {
  it("segment-example: segment(3)'s example, hi mom read back at 0x10000000", async () => {
    const { code, out } = await run('segment-example');
    expect(code, out).to.equal(0);
    expect(out).to.contain('% cat /mnt/segment/example/ctl\nva 0x10000000 0x100000\n');
    expect(out).to.contain('va = segattach(0, "example", 0, 0) = 0x10000000\n');
    expect(out).to.contain('the 6 bytes at va: hi mom\n');
    expect(out).to.contain('Shared    10000000 10100000    2\n');
  });

  it('worker-counter: four workers, 1,000,000 Atomics increments, total exact', async () => {
    const { code, out } = await run('worker-counter');
    expect(code, out).to.equal(0);
    for (let i = 0; i < 4; i++) expect(out).to.contain(`worker ${i}: attached at 0x10000000, added 250000\n`);
    expect(out).to.contain('total 1000000 (expected 1000000)\n');
  });

  it('tcp-second-process: another OS process attaches over TCP and sees what the first wrote', async () => {
    const { code, out } = await run('tcp-second-process');
    expect(code, out).to.equal(0);
    expect(out).to.contain('child: segattach over tcp = 0x20000000, zero-copy false\n');
    expect(out).to.contain('child: read "written by the first process"\n');
    expect(out).to.contain('first: child exited 0; read "answer from the second process" at 0x20000800\n');
  });
});
