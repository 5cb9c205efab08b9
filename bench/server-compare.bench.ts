// segfs against diod and the ideal Node 9P server, driven by the C load generator
// (bench/compare/); `npm run bench` runs it last because its name sorts after the others.

import { runCompare } from './compare/compare.js';

export async function run(): Promise<void> {
  await runCompare();
}
