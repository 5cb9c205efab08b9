// The physical segment classes segattach knows by name (9front segment.c physseg[]).

import { SEGMAXSIZE } from '../lib9/mem.js';
import { SG_BSS, SG_SHARED } from './constants.js';

export interface Physseg {
  attr: number;
  name: string;
  /** Largest segment of this class, in bytes. */
  size: number;
}

const physseg: readonly Physseg[] = [
  { attr: SG_SHARED, name: 'shared', size: SEGMAXSIZE },
  { attr: SG_BSS, name: 'memory', size: SEGMAXSIZE },
];

export function findphysseg(name: string): Physseg | undefined {
  return physseg.find((p) => p.name === name);
}

export function isPhysClass(name: string): boolean {
  return findphysseg(name) !== undefined;
}
