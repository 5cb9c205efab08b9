// The code blocks of README.md and docs/*.md, found by their fences. A block's info string
// says how it runs:
//   ts, js        a whole program (TypeScript is transpiled), run with node; `segfs` imports
//                 the package itself; a segfs server listens on tcp!127.0.0.1!5640
//   sh            a bash script with `segfs` on PATH, against that server
//   sh linux      a Linux v9fs script for root: run in the end-to-end guest (test/e2e)
//   console       commands shown, not run here (they serve forever, or are the test run itself)
//   (none), text  output or pictures, never run

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Snippet {
  /** Where it is: file and line of its opening fence. */
  readonly where: string;
  readonly lang: string;
  readonly tags: readonly string[];
  readonly code: string;
}

/** Every fenced block of `file` (a path relative to `root`). */
export function snippetsOf(root: string, file: string): Snippet[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ where: `${file}:${start + 1}`, lang: open[1]!, tags: open[2]!.split(/\s+/).filter(Boolean), code: `${body.join('\n')}\n` });
  }
  return out;
}

/** The documents whose snippets are kept running: README.md and docs/*.md. */
export function documents(root: string): string[] {
  return ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

/** All snippets of all documents. */
export function allSnippets(root: string): Snippet[] {
  return documents(root).flatMap((f) => snippetsOf(root, f));
}

/** The Linux mount scripts (```sh linux), for the end-to-end guest. */
export function linuxSnippets(root: string): Snippet[] {
  return allSnippets(root).filter((s) => s.lang === 'sh' && s.tags.includes('linux'));
}
