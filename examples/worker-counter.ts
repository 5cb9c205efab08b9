// Four worker_threads attach one #g segment and increment a counter in it with Atomics,
// 250,000 times each. Each worker mounts the server in the main thread over a MessagePort;
// the served tree is the one `segfs serve` exports (#g and #p of one kernel), whose #g hands
// the segment's SharedArrayBuffer over, so every worker's mapping is the same memory and the
// total is exact.
//
//   node dist/examples/worker-counter.js

import { isMainThread, parentPort, Worker, MessageChannel, workerData, type MessagePort } from 'node:worker_threads';
import { kernelDevices, mount, servePort } from '../src/index.js';

const WORKERS = 4;
const EACH = 250_000;

if (isMainThread) {
  const dev = kernelDevices('glenda');
  const ns = await mount(dev, { user: 'glenda' });
  await ns.mkdir('counter');
  await ns.writeFile('counter/ctl', 'va 0x10000000 0x1000');

  const runs = Array.from({ length: WORKERS }, (_, i) => {
    const { port1, port2 } = new MessageChannel();
    const serving = servePort(port2, dev);
    const w = new Worker(new URL(import.meta.url), { workerData: { port: port1, id: i }, transferList: [port1] });
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: string) => console.log(m));
      w.on('error', reject);
      w.on('exit', (code) => {
        serving.close();
        if (code === 0) resolve();
        else reject(new Error(`worker ${i} exited with ${code}`));
      });
    });
  });
  await Promise.all(runs);

  const p = ns.process();
  const va = await p.segattach(0, 'counter', 0, 0);
  const total = Atomics.load(p.int32(va, 1), 0);
  console.log(`total ${total} (expected ${WORKERS * EACH})`);
  await p.exit();
  await ns.close();
  if (total !== WORKERS * EACH) process.exitCode = 1;
} else {
  const { port, id } = workerData as { port: MessagePort; id: number };
  const ns = await mount(port, { user: 'glenda' });
  const p = ns.process();
  const va = await p.segattach(0, 'counter', 0, 0);
  const counter = p.int32(va, 1);
  for (let i = 0; i < EACH; i++) Atomics.add(counter, 0, 1);
  parentPort!.postMessage(`worker ${id}: attached at 0x${va.toString(16)}, added ${EACH}`);
  await p.exit();
  await ns.close();
}
