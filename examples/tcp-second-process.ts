// A second OS process attaches the same segment over TCP. The first process serves #g on a
// TCP port, makes a segment and writes into it through its own zero-copy mapping; the second
// (this file run again with `child ADDRESS`) mounts the server over TCP, attaches the segment
// at the same address — reads and writes go through the segment's data file — reads what the
// first wrote and writes an answer, which the first then sees in its memory.
//
//   node dist/examples/tcp-second-process.js

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mount, segmentDevice, serve } from '../src/index.js';

const MESSAGE = 'written by the first process';

if (process.argv[2] === 'child') {
  const ns = await mount(process.argv[3]!, { user: 'glenda' });
  const p = ns.process();
  const va = await p.segattach(0, 'across', 0, 0);
  const got = Buffer.from(await p.read(va, MESSAGE.length)).toString();
  console.log(`child: segattach over ${process.argv[3]!.split('!')[0]} = 0x${va.toString(16)}, zero-copy ${p.isShared(va)}`);
  console.log(`child: read "${got}"`);
  await p.write(va + 0x800, Buffer.from('answer from the second process'));
  await p.exit();
  await ns.close();
} else {
  const dev = segmentDevice('glenda');
  const server = await serve({ dev, listen: 'tcp!127.0.0.1!0', eve: 'glenda' });
  const ns = await mount(dev, { user: 'glenda' });
  await ns.mkdir('across');
  await ns.writeFile('across/ctl', 'va 0x20000000 0x1000');
  const p = ns.process();
  const va = await p.segattach(0, 'across', 0, 0);
  p.bytes(va, MESSAGE.length).set(Buffer.from(MESSAGE));
  console.log(`first: serving ${server.address}; wrote "${MESSAGE}" at 0x${va.toString(16)}`);

  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'child', server.address], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (d: Buffer) => process.stdout.write(d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const answer = Buffer.from(p.bytes(va + 0x800, 30)).toString();
  console.log(`first: child exited ${code}; read "${answer}" at 0x${(va + 0x800).toString(16)}`);
  await p.exit();
  await ns.close();
  await server.close();
  if (code !== 0) process.exitCode = 1;
}
