// The layout of a Plan 9 process image on 9front amd64: stack just below USTKTOP, text at
// UTZERO, data at the next 2 MiB boundary after the text, bss right after the data.

import { BY2PG, USTKSIZE, USTKTOP, UTZERO } from '../lib9/mem.js';

/** A program to run: its name (processes running the same one share its text) and sizes. */
export interface ImageSpec {
  /** The program's name (default '/bin/rc'), also the kernel process's name; one text segment per name. */
  name?: string;
  /** bytes of text (rounded up to pages; at least one page) */
  text?: number;
  /** bytes of initialised data (rounded up to pages) */
  data?: number;
  /** bytes of bss (rounded up to pages) */
  bss?: number;
}

export interface ImageLayout {
  name: string;
  stack: [number, number];
  text: [number, number];
  data: [number, number];
  bss: [number, number];
}

/** Sizes of a small 9front amd64 program (rc): text 0x200000-0x20b000, data 0x400000-0x402000, bss to 0x427000. */
export const defaultImage = { name: '/bin/rc', text: 0xb000, data: 0x2000, bss: 0x25000 } as const;

/** amd64 data alignment after the text. */
const DATA_ALIGN = 0x200000;

export function imageLayout(spec: ImageSpec = {}): ImageLayout {
  const text = pages(spec.text ?? defaultImage.text, 1);
  const data = pages(spec.data ?? defaultImage.data, 0);
  const bss = pages(spec.bss ?? defaultImage.bss, 0);
  const textTop = UTZERO + text;
  const dataBase = Math.ceil(textTop / DATA_ALIGN) * DATA_ALIGN;
  if (dataBase + data + bss > USTKTOP - USTKSIZE) throw new RangeError('image does not fit below the stack');
  return {
    name: spec.name ?? defaultImage.name,
    stack: [USTKTOP - USTKSIZE, USTKTOP],
    text: [UTZERO, textTop],
    data: [dataBase, dataBase + data],
    bss: [dataBase + data, dataBase + data + bss],
  };
}

function pages(n: number, min: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad image size ${n}`);
  return Math.max(min, Math.ceil(n / BY2PG)) * BY2PG;
}
