// The proc device's ctl commands: one per kernel call of the three seed systems (SRR process
// segments, vm_offer/vm_claim, Zircon processes), the Plan 9 segattach family and the harness. The process whose ctl is written is the caller; `target=PID`
// is the SRR target argument (0, the default, is the caller itself). A negative errno becomes
// its Plan 9 string (toErrstr); the Plan 9 facade throws its own strings.

import type { Kernel } from '../kernel/kernel.js';
import type { OfferRecord } from '../kernel/offers.js';
import { CAP_PROC_SEGMENT, ZX_PROCESS_SHARED } from '../kernel/constants.js';
import { toErrstr } from '../lib9/errno.js';
import { hex } from '../lib9/fmt.js';
import { Ebadarg, Ebadctl, Eperm, Plan9Error, error } from '../lib9/errors.js';
import { RFMEM } from '../plan9/constants.js';
import { Cmdtab, type Args, type Cmd } from './ctl-table.js';
import { attrWords, data, flags, num, offerWords, rightsWords, segWords, type FlagWords } from './ctl-args.js';
import type { Plan9Facade } from './plan9-facade.js';
import { offerLine, segmentInfoLine } from './result-text.js';

/** Most bytes one `memread` ctl command returns (its result is hex text held for reading back); more is `bad arg in system call`. */
export const MEMREAD_MAX = 1 << 20;

/** What a command runs against: the kernel, the writer, and the device's process table. @internal */
export interface CtlContext {
  readonly kernel: Kernel;
  readonly plan9: Plan9Facade;
  /** the process whose ctl was written: the caller of every call */
  readonly pid: number;
  /** the attach user who wrote the command */
  readonly user: string;
  readonly eve: string;
  /** Records `user` as the owner of the new process `pid`. */
  adopt(pid: number): void;
  /** Throws `no free procs` when the device's process limit is reached. */
  roomForProcess(): void;
}

/** A kernel result: the value, or the Plan 9 string of its negative errno thrown. */
function ok<T>(r: T | number): T {
  if (typeof r === 'number' && r < 0) throw new Plan9Error(toErrstr(r));
  return r as T;
}

const caps: FlagWords = new Map([['procsegment', CAP_PROC_SEGMENT]]);
const zxOptions: FlagWords = new Map([['shared', ZX_PROCESS_SHARED]]);
const forkWords: FlagWords = new Map([['mem', RFMEM]]);

function at(a: Args, i: number): string {
  return a.pos[i]!.text;
}

function n(a: Args, i: number): number {
  return num(at(a, i));
}

/** The target option: a pid, 0 (the caller) when absent. */
function target(a: Args): number {
  const t = a.opt.get('target');
  return t === undefined ? 0 : num(t);
}

function access(a: Args): 'normal' | 'restricted' | undefined {
  const m = a.opt.get('mode');
  if (m === undefined || m === 'normal' || m === 'restricted') return m;
  error(Ebadarg);
}

/** The Plan 9 personality, if the caller is one of its processes; else `bad process or channel control request`. */
function plan9(x: CtlContext): Plan9Facade {
  if (!x.plan9.has(x.pid)) error(Ebadctl);
  return x.plan9;
}

const T = 'target=PID';
type C = Cmd<CtlContext>;

const commands: C[] = [
  // SRR process segments (proc_segment_*)
  {
    name: 'segalloc', args: ['ADDR', 'LEN', 'FLAGS'], options: [T, 'shadow=ID', 'offset=OFF', 'segmented'],
    summary: 'proc_segment_alloc; shadow=ID maps that shadow from offset=OFF; result: the address',
    run: (x, a) => {
      const o: { backing?: { shadow: number; offset: number }; segmented?: boolean } = {};
      const sh = a.opt.get('shadow');
      if (sh !== undefined) o.backing = { shadow: num(sh), offset: num(a.opt.get('offset') ?? '0') };
      else if (a.opt.has('offset')) error(Ebadarg);
      if (a.opt.has('segmented')) o.segmented = true;
      return `${hex(ok(x.kernel.segAlloc(x.pid, target(a), n(a, 0), n(a, 1), flags(at(a, 2), segWords), o)), 'x')}\n`;
    },
  },
  {
    name: 'segfree', args: ['ADDR', 'LEN'], options: [T],
    summary: 'proc_segment_free (unmap); result: 0',
    run: (x, a) => `${ok(x.kernel.segFree(x.pid, target(a), n(a, 0), n(a, 1)))}\n`,
  },
  {
    name: 'segquery', args: ['ADDR'], options: [T],
    summary: 'proc_segment_query: the first segment starting at or above ADDR; result: addr len offset flen vid handle flags',
    run: (x, a) => segmentInfoLine(ok(x.kernel.segQuery(x.pid, target(a), n(a, 0)))),
  },
  {
    name: 'segresize', args: ['ADDR', 'DELTA'], options: [T],
    summary: 'proc_segment_resize of the segment containing (or ending at) ADDR; result: its previous end',
    run: (x, a) => `${hex(ok(x.kernel.segResize(x.pid, target(a), n(a, 0), n(a, 1))), 'x')}\n`,
  },
  {
    name: 'segprotect', args: ['ADDR', 'LEN', 'FLAGS'], options: [T],
    summary: 'set rights, declare private (copy-on-write); result: 0',
    run: (x, a) => `${ok(x.kernel.segProtect(x.pid, target(a), n(a, 0), n(a, 1), flags(at(a, 2), segWords)))}\n`,
  },
  {
    name: 'segshare', args: ['ADDR', 'LEN', 'PID', 'RIGHTS'], options: [T],
    summary: 'proc_segment_share: a standing grant to PID (RIGHTS none revokes); result: 0',
    run: (x, a) => `${ok(x.kernel.segShare(x.pid, target(a), n(a, 0), n(a, 1), n(a, 2), flags(at(a, 3), rightsWords)))}\n`,
  },
  {
    name: 'segtake', args: ['SRCADDR', 'LEN', 'FROMPID', 'FLAGS'], options: [T],
    summary: 'proc_segment_take of memory FROMPID shared; result: the local address',
    run: (x, a) => `${hex(ok(x.kernel.segTake(x.pid, target(a), n(a, 0), n(a, 1), n(a, 2), flags(at(a, 3), segWords))), 'x')}\n`,
  },
  {
    name: 'segdecommit', args: ['ADDR', 'LEN'], options: [T],
    summary: 'zero the pages of exclusive memory, keeping the range mapped; result: 0',
    run: (x, a) => `${ok(x.kernel.segDecommit(x.pid, target(a), n(a, 0), n(a, 1)))}\n`,
  },
  // vm_offer / vm_claim / vm_listoffer
  {
    name: 'offer', args: ['DEST', 'ADDR', 'LEN', 'FLAGS'],
    summary: 'vm_offer to DEST (LEN 0 cancels); FLAGS r,w,x grant, dropr,dropw,dropx,disown; result: 0',
    run: (x, a) => `${ok(x.kernel.vmOffer(x.pid, n(a, 0), n(a, 1), n(a, 2), flags(at(a, 3), offerWords)))}\n`,
  },
  {
    name: 'claim', args: ['SRC', 'REMOTEADDR'], optional: ['FLAGS'],
    summary: 'vm_claim the offer SRC made at REMOTEADDR; result: addr LOCALADDR size SIZE',
    run: (x, a) => {
      const out = { localAddr: 0, size: 0 };
      const f = a.pos.length > 2 ? num(at(a, 2)) : 0;
      ok(x.kernel.vmClaim(x.pid, n(a, 0), n(a, 1), f, out));
      return `addr ${hex(out.localAddr, 'x')} size ${hex(out.size, 'x')}\n`;
    },
  },
  {
    name: 'listoffer', args: [], optional: ['MAX'],
    summary: 'vm_listoffer: offers and shares sent or received, one line each (more than MAX: i/o count too small)',
    run: (x, a) => {
      const list: OfferRecord[] = [];
      ok(x.kernel.vmListOffer(x.pid, list, { n: a.pos.length > 0 ? n(a, 0) : Number.MAX_SAFE_INTEGER }));
      return list.map(offerLine).join('');
    },
  },
  // Zircon processes (zx_process_create, zx_process_create_shared)
  {
    name: 'proccreate', args: ['NAME'], optional: ['OPTIONS'],
    summary: 'zx_process_create (OPTIONS shared: a prototype); result: pid PID base BASE size SIZE',
    run: (x, a) => {
      x.roomForProcess();
      const r = ok(x.kernel.procCreate(x.pid, a.pos.length > 1 ? flags(at(a, 1), zxOptions, false) : 0, at(a, 0)));
      x.adopt(r.pid);
      return `pid ${r.pid} base ${hex(r.base, 'x')} size ${hex(r.size, 'x')}\n`;
    },
  },
  {
    name: 'proccreateshared', args: ['SHAREDPID', 'NAME'], optional: ['OPTIONS'],
    summary: 'zx_process_create_shared (SHAREDPID 0: this process); result: pid PID restrictedbase BASE restrictedsize SIZE',
    run: (x, a) => {
      x.roomForProcess();
      const r = ok(x.kernel.procCreateShared(x.pid, n(a, 0), a.pos.length > 2 ? num(at(a, 2)) : 0, at(a, 1)));
      x.adopt(r.pid);
      return `pid ${r.pid} restrictedbase ${hex(r.restrictedBase, 'x')} restrictedsize ${hex(r.restrictedSize, 'x')}\n`;
    },
  },
  // loads and stores
  {
    name: 'memread', args: ['ADDR', 'LEN'], options: [T, 'mode=normal|restricted'],
    summary: `read LEN bytes (at most ${MEMREAD_MAX}); result: the bytes in hex`,
    run: (x, a) => {
      const len = n(a, 1);
      if (len > MEMREAD_MAX) error(Ebadarg);
      return `${Buffer.from(ok(x.kernel.memRead(x.pid, target(a), n(a, 0), len, access(a)))).toString('hex')}\n`;
    },
  },
  {
    name: 'memwrite', args: ['ADDR', 'DATA'], options: [T, 'mode=normal|restricted'],
    summary: "write DATA: hex digits, or 'text' quoted; result: the count written",
    run: (x, a) => `${ok(x.kernel.memWrite(x.pid, target(a), n(a, 0), data(a.pos[1]!), access(a)))}\n`,
  },
  // the Plan 9 facade (Plan 9 processes only)
  {
    name: 'segattach', args: ['ATTR', 'CLASS', 'VA', 'LEN'],
    summary: 'segattach(2): CLASS memory, shared or a #g segment; ATTR ronly,cexec or a number; result: the address',
    run: (x, a) => `${hex(plan9(x).segattach(x.pid, flags(at(a, 0), attrWords, false), at(a, 1), n(a, 2), n(a, 3)), 'x')}\n`,
  },
  {
    name: 'segdetach', args: ['ADDR'],
    summary: 'segdetach(2); result: 0',
    run: (x, a) => `${plan9(x).segdetach(x.pid, n(a, 0))}\n`,
  },
  {
    name: 'segbrk', args: ['ADDR', 'NEWTOP'],
    summary: 'segbrk(2); result: 0, or the base for NEWTOP 0',
    run: (x, a) => `${hex(plan9(x).segbrk(x.pid, n(a, 0), n(a, 1)), 'x')}\n`,
  },
  {
    name: 'segfree9', args: ['VA', 'LEN'],
    summary: "Plan 9's segfree(2): the whole pages inside the range read as zeros again; result: 0",
    run: (x, a) => `${plan9(x).segfree(x.pid, n(a, 0), n(a, 1))}\n`,
  },
  {
    name: 'segflush', args: ['VA', 'LEN'],
    summary: 'segflush(2); result: 0',
    run: (x, a) => `${plan9(x).segflush(x.pid, n(a, 0), n(a, 1))}\n`,
  },
  {
    name: 'rfork', args: [], optional: ['FLAGS'],
    summary: 'rfork(RFPROC|FLAGS) of a Plan 9 process (FLAGS mem: share data and bss); result: pid PID',
    run: (x, a) => {
      const p9 = plan9(x);
      x.roomForProcess();
      const pid = p9.fork(x.pid, a.pos.length > 0 ? flags(at(a, 0), forkWords, false) : 0);
      x.adopt(pid);
      return `pid ${pid}\n`;
    },
  },
  // the harness
  {
    name: 'spawn', args: [], options: ['caps=CAPS', 'realtime', 'name=NAME', 'plan9'],
    summary: 'a child process with an empty address space (plan9: a Plan 9 process with stack, text, data, bss); ' +
      'CAPS procsegment or a number, only those this process has unless written by eve; result: pid PID',
    run: (x, a) => {
      const c = flags(a.opt.get('caps') ?? '0', caps, false);
      const realtime = a.opt.has('realtime');
      const name = a.opt.get('name');
      if (a.opt.has('plan9')) {
        if (c !== 0 || realtime || name !== undefined) error(Ebadarg);
        x.roomForProcess();
        const pid = x.plan9.spawn({ user: x.user, parent: x.pid });
        x.adopt(pid);
        return `pid ${pid}\n`;
      }
      const self = ok(x.kernel.procInfo(x.pid));
      if (x.user !== x.eve && (c & ~self.caps) !== 0) error(Eperm);
      x.roomForProcess();
      const pid = x.kernel.spawn({ caps: c, realtime, parent: x.pid, name: name ?? '' });
      x.adopt(pid);
      return `pid ${pid}\n`;
    },
  },
  {
    name: 'kill', args: [],
    summary: 'the process exits (its memory, offers and shares go); result: 0',
    run: (x) => {
      x.kernel.exit(x.pid);
      return '0\n';
    },
  },
];

/** The proc device's ctl grammar; its help() is the text of #p/help. @internal */
export const ctlTable = new Cmdtab<CtlContext>(commands, `
numbers: C syntax, 0x hexadecimal, 0 octal or decimal, with an optional sign
FLAGS, RIGHTS, CAPS, ATTR, OPTIONS: items joined by , or |, each a number or a word:
  r w x (in any combination)  private eager shared copied segmented  none
  offer: r w x  dropr dropw dropx disown   caps: procsegment   attr: ronly cexec
  proccreate OPTIONS: shared   rfork FLAGS: mem
errors: Plan 9 strings (-EBUSY segments overlap, -EINVAL bad arg in system call, -ENOMEM
  virtual memory allocation failed, -EPERM/-EACCES permission denied); unknown command:
  bad process or channel control request; malformed argument: bad arg in system call
`);
