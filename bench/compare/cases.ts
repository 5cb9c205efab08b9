// The cases every server is measured on: a read stream at two message sizes, one request
// outstanding, and Tgetattr round trips at growing concurrency. The 64 KiB case uses msize
// 65536 for everyone (diod's largest), so each Rread carries 65536 − 24 bytes.

import type { Load } from './loadgen.js';

export interface Case {
  readonly id: string;
  readonly title: string;
  readonly load: Omit<Load, 'warmup' | 'seconds'>;
  /** Servers left out of this case, with the reason printed in their cell. */
  readonly skip?: Readonly<Record<string, string>>;
}

export const CASES: readonly Case[] = [
  {
    id: 'read-64k', title: 'Tread 64 KiB, depth 1',
    load: { op: 'read', msize: 65536, count: 65536 - 24, depth: 1, conns: 1 },
  },
  {
    id: 'read-1m', title: 'Tread 1 MiB, depth 1',
    load: { op: 'read', msize: (1 << 20) + 24, count: 1 << 20, depth: 1, conns: 1 },
    skip: { diod: 'diod caps msize at 64 KiB' },
  },
  {
    id: 'getattr-1', title: 'Tgetattr, depth 1',
    load: { op: 'getattr', msize: 65536, count: 0, depth: 1, conns: 1 },
  },
  {
    id: 'getattr-8', title: 'Tgetattr, depth 8',
    load: { op: 'getattr', msize: 65536, count: 0, depth: 8, conns: 1 },
  },
  {
    id: 'getattr-4x8', title: 'Tgetattr, 4 conns × depth 8',
    load: { op: 'getattr', msize: 65536, count: 0, depth: 8, conns: 4 },
  },
];
