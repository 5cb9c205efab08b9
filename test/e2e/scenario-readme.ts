// The Linux mount scripts of README.md and docs/*.md (their ```sh linux blocks), one step each,
// run in the guest as pasted except for the two rewrites its network forces: the host is
// 10.0.2.2, not 127.0.0.1, and the server listens on the harness's port, not 5640.

import { linuxSnippets } from '../docs/snippets.js';
import { succeeds, type Step } from './steps.js';

/** Ends the here-document that carries a block into the guest; no block may hold this line. */
const END = 'SEGFS_E2E_SNIPPET';

/**
 * The guest command for one block: the port is taken from $SEGFS_OPTS (the harness's mount
 * options), the block is rewritten with sed and run by `sh -e`, so its first failing command
 * (outside an `&&` or `||` list) fails the step.
 */
export function snippetCommand(code: string): string {
  if (code.split('\n').includes(END)) throw new Error(`a snippet holds the line ${END}`);
  return [
    `port=$(echo "$SEGFS_OPTS" | sed -n 's/.*port=\\([0-9]*\\).*/\\1/p')`,
    `sed -e "s/port=5640/port=$port/g" -e 's/127\\.0\\.0\\.1/10.0.2.2/g' > /tmp/snippet.sh <<'${END}'`,
    code.replace(/\n$/, ''),
    END,
    'sh -e /tmp/snippet.sh',
  ].join('\n');
}

/**
 * One step per ```sh linux block of the documents under `root` (the repository), in order,
 * after one that removes the segments earlier steps left: the blocks meet #g as a reader's
 * freshly started `segfs serve` would.
 */
export function readmeScenario(root: string): Step[] {
  return [
    succeeds('snippets-fresh-g', 'cd / && mount -t 9p -o "$SEGFS_OPTS" 10.0.2.2 /mnt && '
      + 'ls /mnt | while read -r d; do rmdir "/mnt/$d" || exit 1; done && ls /mnt && umount /mnt', ''),
    ...linuxSnippets(root).map((s) => succeeds(`snippet-${s.where.replace(/[^A-Za-z0-9_.:-]/g, '-')}`, snippetCommand(s.code))),
  ];
}
