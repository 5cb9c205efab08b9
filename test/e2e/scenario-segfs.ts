// The issue-6 scenario against `segfs serve`, for one dialect: everything a user does with
// the #g device through `mount -t 9p`, each step checked on the host.

import { createHash } from 'node:crypto';
import { fails, fatal, succeeds, type Step } from './steps.js';

export type Dialect = '9p2000.L' | '9p2000.u' | '9p2000';

/**
 * Owner and group numbers `ls -ln` shows for a segment made by the mounting user (root).
 * segfs maps uid 0 to eve and reports eve as 0 (docs/server.md), in getattr (.L) and in the
 * n_uid/n_gid of .u stats; plain 9P2000 carries no numbers, so v9fs shows its dfltuid and
 * dfltgid, which default to -2.
 */
export const OWNER: Readonly<Record<Dialect, { uid: string; gid: string }>> = {
  '9p2000.L': { uid: '0', gid: '0' },
  '9p2000.u': { uid: '0', gid: '0' },
  '9p2000': { uid: '4294967294', gid: '4294967294' },
};

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
/** md5 of 1 MiB of zeros: random data that reads back as this was never written. */
const ZERO_MIB_MD5 = md5(Buffer.alloc(1 << 20));
/** The 4 KiB second segment after `hi mom` at offset 0 and nothing else. */
const HI_MOM_PAGE_MD5 = md5(Buffer.concat([Buffer.from('hi mom'), Buffer.alloc(4096 - 6)]));

/** Two md5sum lines (of stdin, "  -" suffix) that must be equal and not be of zeros. */
function sameRandomMd5(stdout: string): string | undefined {
  const sums = stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
  if (sums.length !== 2 || !/^[0-9a-f]{32}$/.test(sums[0]!)) return `expected two md5sum lines, got ${JSON.stringify(stdout)}`;
  if (sums[0] !== sums[1]) return `written ${sums[0]}, read back ${sums[1]}`;
  if (sums[0] === ZERO_MIB_MD5) return 'the random file is all zeros';
  return undefined;
}

/** `ls -ln` of a segment dir (busybox: a `total` line, then ctl and data) with `mode`, the owner and the sizes. */
function lsLong(dialect: Dialect, mode: string, dataSize: number) {
  return (stdout: string): string | undefined => {
    const { uid, gid } = OWNER[dialect];
    const rows = stdout.trim().split('\n').filter((l) => !l.startsWith('total ')).map((l) => l.trim().split(/\s+/));
    const want = [['ctl', 0], ['data', dataSize]] as const;
    if (rows.length !== 2) return `expected 2 lines, got ${JSON.stringify(stdout)}`;
    for (let i = 0; i < 2; i++) {
      const r = rows[i]!;
      const [name, size] = want[i]!;
      const got = { mode: r[0], uid: r[2], gid: r[3], size: r[4], name: r[r.length - 1] };
      const exp = { mode, uid, gid, size: String(size), name };
      if (JSON.stringify(got) !== JSON.stringify(exp)) return `line ${i + 1} ${JSON.stringify(got)}, expected ${JSON.stringify(exp)} (${JSON.stringify(stdout)})`;
    }
    return undefined;
  };
}

/**
 * Checks the /proc/mounts line of a 9p mount. v9fs lists `msize=N` only when N is not its
 * default; when `msize` is given the line must list exactly that.
 */
function mountLine(msize?: number) {
  return (stdout: string): string | undefined => {
    if (!/ 9p /.test(stdout)) return `no 9p mount in ${JSON.stringify(stdout)}`;
    if (msize === undefined) return undefined;
    const m = /\bmsize=(\d+)/.exec(stdout);
    if (m === null || Number(m[1]) !== msize) return `mounted with ${m === null ? 'the default msize' : `msize=${m[1]}`}, expected msize=${msize}: ${JSON.stringify(stdout)}`;
    return undefined;
  };
}

/** The steps for `dialect`. They run in order in /mnt; each depends on the ones before. */
export function segfsScenario(dialect: Dialect): Step[] {
  const mount = (dir: string, extra: string) =>
    `mkdir -p ${dir} && mount -t 9p -o "$SEGFS_OPTS${extra}" 10.0.2.2 ${dir} && grep " ${dir} 9p " /proc/mounts`;
  return [
    fatal(succeeds('mount', mount('/mnt', ''), mountLine())),
    succeeds('ls-root-empty', 'ls', ''),
    succeeds('mkdir-ex', 'mkdir ex'),
    succeeds('ls-root-ex', 'ls', 'ex\n'),
    succeeds('ls-ex', 'ls ex', 'ctl\ndata\n'),
    fails('read-data-before-va', 'cat ex/data', ''),
    fails('read-ctl-before-va', 'cat ex/ctl', ''),
    succeeds('va', 'echo va 0x10000000 0x100000 > ex/ctl'),
    succeeds('read-ctl', 'cat ex/ctl', 'va 0x10000000 0x100000\n'),
    // Reads honour the offset (readstr): 5 bytes from offset 3, and nothing at the end (23).
    succeeds('read-ctl-at-offset', 'dd if=ex/ctl bs=1 skip=3 count=5 2>/dev/null && echo && dd if=ex/ctl bs=23 skip=1 2>/dev/null | wc -c', '0x100\n0\n'),
    succeeds('data-size', 'stat -c %s ex/data', '1048576\n'),
    succeeds('write-random-mib', 'dd if=/dev/urandom of=/tmp/rand bs=65536 count=16 2>/dev/null && dd if=/tmp/rand of=ex/data bs=65536 conv=notrunc 2>&1',
      /^16\+0 records in\n16\+0 records out\n/),
    succeeds('read-random-mib', 'md5sum </tmp/rand && md5sum <ex/data', sameRandomMd5),
    succeeds('data-size-after-write', 'stat -c %s ex/data', '1048576\n'),
    // "hi mom" goes to a second, untouched segment so that the bytes after it must be zeros.
    succeeds('mkdir-va-ex2', 'mkdir ex2 && echo va 0x20000000 0x1000 > ex2/ctl && cat ex2/ctl', 'va 0x20000000 0x1000\n'),
    succeeds('write-hi-mom', "printf 'hi mom' > ex2/data"),
    succeeds('read-hi-mom', 'dd if=ex2/data bs=6 count=1 2>/dev/null', 'hi mom'),
    succeeds('zeros-after-hi-mom', 'dd if=ex2/data bs=1 skip=6 count=16 2>/dev/null | od -An -tx1', ` ${'00 '.repeat(15)}00\n`),
    succeeds('whole-ex2', 'stat -c %s ex2/data && md5sum <ex2/data', `4096\n${HI_MOM_PAGE_MD5}  -\n`),
    // One 8-byte write at 4093 crosses the end (4096); one at 4096 starts at it. Both fail whole.
    fails('write-across-end', 'printf abcdefgh | dd of=ex2/data bs=4093 seek=1 conv=notrunc'),
    fails('write-at-end', 'printf x | dd of=ex2/data bs=4096 seek=1 conv=notrunc'),
    succeeds('past-end-changed-nothing', 'stat -c %s ex2/data && md5sum <ex2/data', `4096\n${HI_MOM_PAGE_MD5}  -\n`),
    fails('second-va', 'echo va 0x30000000 0x1000 > ex/ctl'),
    fails('bad-ctl-command', 'echo foo 1 2 > ex/ctl'),
    succeeds('ctl-unchanged', 'cat ex/ctl', 'va 0x10000000 0x100000\n'),
    fails('mkdir-in-segment', 'mkdir ex/x'),
    succeeds('ls-ex-unchanged', 'ls ex', 'ctl\ndata\n'),
    // glenda (uid 1000) is neither the owner nor eve: with 0660 she may list but not open.
    fails('other-user-denied', `su glenda -c "ls /mnt/ex; { cat /mnt/ex/ctl; cat /mnt/ex/data; echo va 0x1000 0x1000 >/mnt/ex/ctl; } 2>&1"`,
      "ctl\ndata\ncat: can't open '/mnt/ex/ctl': Permission denied\ncat: can't open '/mnt/ex/data': Permission denied\nsh: can't create /mnt/ex/ctl: Permission denied\n"),
    succeeds('ls-l', 'ls -ln ex', lsLong(dialect, '-rw-rw----', 1 << 20)),
    succeeds('chmod-ctl', 'chmod 600 ex/ctl && ls -ln ex', lsLong(dialect, '-rw-------', 1 << 20)),
    succeeds('chmod-other-reads', 'chmod 644 ex/ctl && su glenda -c "cat /mnt/ex/ctl; head -c 4 /mnt/ex/data | wc -c"', 'va 0x10000000 0x100000\n4\n'),
    succeeds('rmdir-ex', 'rmdir ex && ls', 'ex2\n'),
    // A file open when its segment is removed keeps working: the open chan holds the segment.
    succeeds('rmdir-ex2-while-open', 'exec 3<ex2/data && rmdir ex2 && ls && dd bs=6 count=1 <&3 2>/dev/null', 'hi mom'),
    succeeds('mkdir-ex-again', 'mkdir ex && ls ex && stat -c %s ex/data', 'ctl\ndata\n0\n'),
    fails('fresh-ctl-read-fails', 'cat ex/ctl', ''),
    succeeds('fresh-ls-l', 'ls -ln ex', lsLong(dialect, '-rw-rw----', 0)),
    // Other mounts of the same server, beside /mnt: small and large msize, and the page cache.
    succeeds('mount-msize-8192', mount('/m8k', ',msize=8192'), mountLine(8192)),
    succeeds('io-msize-8192', 'dd if=/dev/urandom of=/tmp/r128k bs=65536 count=2 2>/dev/null && cd /m8k && echo va 0x10000000 0x20000 > ex/ctl && '
      + 'dd if=/tmp/r128k of=ex/data bs=65536 conv=notrunc 2>/dev/null && cmp /tmp/r128k ex/data && cmp /tmp/r128k /mnt/ex/data && cat ex/ctl', 'va 0x10000000 0x20000\n'),
    succeeds('umount-msize-8192', 'cd / && umount /m8k'),
    succeeds('mount-msize-1m', mount('/m1m', ',msize=1048576'), mountLine(1 << 20)),
    succeeds('io-msize-1m', 'cd /m1m && mkdir ex3 && echo va 0x10000000 0x100000 > ex3/ctl && dd if=/tmp/rand of=ex3/data bs=1048576 conv=notrunc 2>/dev/null && '
      + 'md5sum </tmp/rand && md5sum <ex3/data', sameRandomMd5),
    succeeds('umount-msize-1m', 'cd / && umount /m1m'),
    succeeds('mount-cache-loose', mount('/mloose', ',cache=loose'), /,(cache=)?loose\b/),
    // Through the page cache a read stops at the stat length; ctl's is 0 (as in 9front), so ctl
    // is read through /mnt here and only data, whose length is its size, through /mloose.
    succeeds('io-cache-loose', 'cd /mloose && ls && stat -c %s ex3/data && cmp /tmp/rand ex3/data && printf loose | dd of=ex3/data conv=notrunc,fsync 2>/dev/null && '
      + 'dd if=/mnt/ex3/data bs=5 count=1 2>/dev/null', 'ex\nex3\n1048576\nloose'),
    succeeds('umount-cache-loose', 'cd / && umount /mloose'),
    succeeds('umount', 'cd / && umount /mnt'),
  ];
}

/** A check of the server's -D trace after the run: undefined when right, else why not. */
export interface TraceCheck {
  readonly id: string;
  readonly check: (trace: string) => string | undefined;
}

/**
 * The second witness: what the server's trace must show after the scenario. Each of the
 * `mounts` mounts the steps make (/mnt, /m8k, /m1m, /mloose, #p's /p, the documents' scripts)
 * negotiated `dialect` on the wire, and the msize mounts got the msize they asked for. Matches
 * `Rversion … msize N … version 'V'` lines of segfs's -D format.
 */
export function segfsTraceChecks(dialect: Dialect, mounts: number): TraceCheck[] {
  const wire = dialect === '9p2000.L' ? '9P2000.L' : dialect === '9p2000.u' ? '9P2000.u' : '9P2000';
  const rversions = (trace: string) => trace.split('\n').filter((l) => /\bRversion\b/.test(l));
  const versionOf = (l: string) => /version '([^']*)'/.exec(l)?.[1];
  const msizeOf = (l: string) => Number(/\bmsize (\d+)/.exec(l)?.[1]);
  return [
    {
      id: 'trace-dialect',
      check: (trace) => {
        const rs = rversions(trace);
        if (rs.length !== mounts) return `expected ${mounts} Rversion lines (one per mount), found ${rs.length}`;
        const bad = rs.find((l) => versionOf(l) !== wire);
        return bad === undefined ? undefined : `Rversion not ${wire}: ${bad.trim()}`;
      },
    },
    {
      id: 'trace-msizes',
      check: (trace) => {
        const got = rversions(trace).map(msizeOf);
        return got.includes(8192) && got.includes(1 << 20) ? undefined : `Rversion msizes ${got.join(', ')}; expected 8192 and 1048576 among them`;
      },
    },
  ];
}
