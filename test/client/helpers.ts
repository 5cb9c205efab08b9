// Shared set-up for the client tests: servers of a fresh #g device on every transport.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { segmentDevice, serve, type ServeHandle } from '../../src/serve/serve.js';
import type { SegmentDev } from '../../src/devseg/segment-dev.js';
import { mount, type MountOptions, type Namespace } from '../../src/client/mount.js';

export const EVE = 'glenda';

/** A #g device whose eve is glenda. */
export function freshDev(): SegmentDev {
  return segmentDevice(EVE);
}

let socketSeq = 0;

/** A unix socket path no other test uses. */
export function socketPath(): string {
  return join(tmpdir(), `segfs-client-${process.pid}-${socketSeq++}.sock`);
}

/** Serves `dev` on `listen` (tcp!127.0.0.1!0 by default). */
export function serveDev(dev: SegmentDev, listen = 'tcp!127.0.0.1!0'): Promise<ServeHandle> {
  return serve({ dev, listen, eve: EVE });
}

export type TransportName = 'in-process' | 'tcp' | 'unix';

/** A namespace on `dev` over `transport`, and what to close afterwards. */
export async function mountOver(transport: TransportName, dev: SegmentDev, o: MountOptions = {}): Promise<{ ns: Namespace; done: () => Promise<void> }> {
  const opts = { user: EVE, ...o };
  if (transport === 'in-process') {
    const ns = await mount(dev, opts);
    return { ns, done: () => ns.close() };
  }
  const h = await serveDev(dev, transport === 'tcp' ? 'tcp!127.0.0.1!0' : `unix!${socketPath()}`);
  const ns = await mount(h.address, opts);
  return { ns, done: async () => { await ns.close(); await h.close(); } };
}

/** Runs the test worker with `job` on a fresh port served from `dev`; resolves with its message. */
export function runWorker(port: MessagePort, job: Record<string, unknown>): { result: Promise<unknown>; worker: Worker } {
  const worker = new Worker(new URL('./fixtures/port-worker.js', import.meta.url), {
    workerData: { port, ...job },
    transferList: [port],
  });
  const result = new Promise<unknown>((resolve, reject) => {
    let msg: unknown;
    worker.once('message', (m) => { msg = m; });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve(msg) : reject(new Error(`worker exited with ${code}`))));
  });
  return { result, worker };
}

/** A MessageChannel whose port2 serves nothing yet. */
export function channel(): { port1: MessagePort; port2: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  return { port1, port2 };
}

/** Makes segment `name` of `size` bytes at `va` through `ns`. */
export async function makeSegment(ns: Namespace, name: string, va: number, size: number): Promise<void> {
  await ns.mkdir(name);
  await ns.writeFile(`${name}/ctl`, `va 0x${va.toString(16)} 0x${size.toString(16)}\n`);
}
