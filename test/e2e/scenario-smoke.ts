// The harness's own check against a reference server (diod, 9P2000.L only): boot, mount and
// a few file operations. It proves the harness, not segfs.

import { fails, fatal, succeeds, type Step } from './steps.js';

/** Steps against an empty exported directory. */
export function smokeScenario(): Step[] {
  return [
    fatal(succeeds('mount', 'mount -t 9p -o "$SEGFS_OPTS" 10.0.2.2 /mnt && grep -c " /mnt 9p " /proc/mounts', '1\n')),
    succeeds('ls-empty', 'ls', ''),
    succeeds('mkdir', 'mkdir ex'),
    succeeds('ls', 'ls', 'ex\n'),
    succeeds('echo', 'echo hello > ex/f'),
    succeeds('cat', 'cat ex/f', 'hello\n'),
    succeeds('ls-ex', 'ls ex', 'f\n'),
    fails('cat-missing', 'cat ex/nothing', ''),
    succeeds('umount', 'cd / && umount /mnt'),
  ];
}
