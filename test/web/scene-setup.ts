// The realistic scene of the docs' screenshots and the browser test: a few processes sharing a
// #g segment and process memory, one private copy made by copy-on-write, a standing grant, a
// pending offer, and a Zircon share group with memory in its shared region.

import type { Driver } from './driver.js';

export interface SceneIds {
  /** the #p process that spawned the others */
  root: number;
  /** Plan 9 processes attaching the #g segments */
  writer: number;
  reader: number;
  /** SRR processes: a shares its heap with b, c takes it copy-on-write and writes */
  a: number;
  b: number;
  c: number;
  /** offers a buffer to a */
  d: number;
  proto: number;
  member: number;
  member2: number;
}

export const HEAP = 0x10000000;
const h = (n: number): string => `0x${n.toString(16)}`;

/** `pause` runs between c's copy-on-write take and its first write, so a watcher sees both states. */
export async function buildRealisticScene(d: Driver, pause: (pids: { a: number; c: number }) => Promise<void> = async () => {}): Promise<SceneIds> {
  // #g: a small ring buffer and a 64 GiB arena (committed only when touched).
  await d.segment('ring', 0x20000000, 0x4000);
  await d.segment('arena', 0x1000000000, 0x1000000000);
  const root = await d.clone();
  const writer = await d.spawn(root, 'plan9');
  const reader = await d.spawn(root, 'plan9');
  await d.ctl(writer, 'segattach 0 ring 0 0');
  await d.ctl(reader, 'segattach 0 ring 0 0');
  await d.ctl(reader, 'segattach 0 arena 0 0');
  await d.ctl(writer, 'memwrite 0x20000000 \'tick\'');
  const a = await d.spawn(root, 'name=server');
  const b = await d.spawn(root, 'name=peer');
  const c = await d.spawn(root, 'name=forked');
  const dd = await d.spawn(root, 'name=offerer');
  // a's heap: b takes it shared, c takes it copy-on-write and then writes, making its copy.
  await d.ctl(a, `segalloc ${h(HEAP)} 0x40000 rw`);
  await d.ctl(a, `memwrite ${h(HEAP)} 'hello'`);
  await d.ctl(a, `segshare ${h(HEAP)} 0x40000 ${b} rw`);
  await d.ctl(b, `segtake ${h(HEAP)} 0x40000 ${a} rw`);
  await d.ctl(a, `segshare ${h(HEAP)} 0x40000 ${c} rw`);
  await d.ctl(c, `segtake ${h(HEAP)} 0x40000 ${a} rw,private`);
  await pause({ a, c });
  await d.ctl(c, `memwrite ${h(HEAP)} 'mine'`);
  // The offerer offers a buffer to a, not yet claimed.
  await d.ctl(dd, 'segalloc 0x30000000 0x8000 rw');
  await d.ctl(dd, `offer ${a} 0x30000000 0x8000 r`);
  // A share group: a prototype and two members with memory in the shared region.
  const pid = (r: string): number => Number(/pid ([0-9]+)/.exec(r)![1]);
  const proto = pid(await d.ctl(root, 'proccreate zx-proto shared'));
  const member = pid(await d.ctl(root, `proccreateshared ${proto} zx-one`));
  const member2 = pid(await d.ctl(root, `proccreateshared ${proto} zx-two`));
  await d.ctl(member, 'segalloc 0 0x100000 rw,shared');
  await d.ctl(member, 'segalloc 0x400000 0x10000 rw');
  await d.ctl(member2, 'segalloc 0x400000 0x2000 rw');
  return { root, writer, reader, a, b, c, d: dd, proto, member, member2 };
}
