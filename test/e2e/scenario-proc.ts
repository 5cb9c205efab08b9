// The #p proc device through Linux v9fs: a second mount of the same server (aname #p) drives
// the seeds' calls from a shell, and a Plan 9 process made there attaches a #g segment that
// the #g steps before it filled (ex3 holds "loose" at its start; scenario-segfs.ts).

import { fails, fatal, succeeds, type Step } from './steps.js';

const hex = (s: string) => Buffer.from(s).toString('hex');

/** Steps run after the #g scenario, against the same server, in the same guest. */
export function procScenario(): Step[] {
  const a = 'a=$(cat /tmp/pa);';
  const b = 'b=$(cat /tmp/pb);';
  const c = 'c=$(cat /tmp/pc);';
  return [
    fatal(succeeds('proc-mount', 'mkdir -p /p && mount -t 9p -o "$SEGFS_OPTS,aname=#p" 10.0.2.2 /p && ls /p', 'clone\nhelp\n')),
    succeeds('proc-clone', 'cat /p/clone > /tmp/pa && cat /p/clone > /tmp/pb && cat /tmp/pa /tmp/pb && ls /p', (out) => {
      const m = /^(\d+)\n(\d+)\n(\d+)\n(\d+)\nclone\nhelp\n$/.exec(out);
      if (m === null || m[1] !== m[3] || m[2] !== m[4] || Number(m[2]) <= Number(m[1])) return `two new pids and their dirs expected, got ${JSON.stringify(out)}`;
      return undefined;
    }),
    // SRR: proc_segment_alloc, then a store through the ctl's memwrite
    succeeds('proc-segalloc', `${a} echo segalloc 0x10000000 0x2000 rw > /p/$a/ctl && cat /p/$a/ctl`, '0x10000000\n'),
    succeeds('proc-memwrite', `${a} echo "memwrite 0x10000000 'hello v9fs'" > /p/$a/ctl && cat /p/$a/ctl`, '10\n'),
    // vm_offer from a to b, vm_claim by b, and b reads what a wrote
    succeeds('proc-offer-claim', `${a} ${b} echo offer $b 0x10000000 0x1000 r > /p/$a/ctl && echo claim $a 0x10000000 > /p/$b/ctl && cat /p/$b/ctl`,
      'addr 0x10000000 size 0x1000\n'),
    succeeds('proc-claimed-bytes', `${b} echo memread 0x10000000 10 > /p/$b/ctl && cat /p/$b/ctl`, `${hex('hello v9fs')}\n`),
    // errors arrive as write errors: an overlap (EBUSY over .L) and a bad command (EINVAL)
    fails('proc-overlap', `${a} echo segalloc 0x10000000 0x1000 rw > /p/$a/ctl`),
    fails('proc-bad-command', `${a} echo frob > /p/$a/ctl`),
    succeeds('proc-unchanged', `${a} echo segquery 0x10000000 > /p/$a/ctl && cat /p/$a/ctl`, /^addr 0x10000000 len 0x2000 /),
    // the Plan 9 facade: a Plan 9 process attaches the #g segment ex3 by name
    succeeds('proc-spawn-plan9', `${a} echo spawn plan9 > /p/$a/ctl && cat /p/$a/ctl | sed 's/^pid //' > /tmp/pc && ${c} ls /p/$c`, 'ctl\ninfo\nsegment\n'),
    succeeds('proc-segattach-g', `${c} echo segattach 0 ex3 0 0 > /p/$c/ctl && cat /p/$c/ctl`, '0x10000000\n'),
    succeeds('proc-read-g', `${c} echo memread 0x10000000 5 > /p/$c/ctl && cat /p/$c/ctl`, `${hex('loose')}\n`),
    succeeds('proc-segment-file', `${c} grep Shared /p/$c/segment`, /^Shared {4}10000000 10100000 {4}\d+\n$/),
    fails('proc-segattach-twice', `${c} echo segattach 0 ex3 0 0 > /p/$c/ctl`),
    succeeds('proc-umount', 'cd / && umount /p'),
  ];
}
