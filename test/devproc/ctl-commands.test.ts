// Every ctl command of #p directly against the Dev: the call it makes, the result text it
// reads back, and the Plan 9 string of each kind of failure.

import { expect } from 'chai';
import { CAP_PROC_SEGMENT } from '../../src/kernel/constants.js';
import { E, Fixture, O, U, errstr } from './fixture.js';
import { verify } from '../../src/kernel/inspect.js';

const X = 0x10000000;
const P = 0x1000;

describe('#p ctl commands (SRR process segments)', () => {
  let f: Fixture;
  let a: number;
  let b: number;
  beforeEach(() => {
    f = new Fixture();
    a = f.proc();
    b = f.proc();
  });

  it('segalloc returns the address; segquery reads the SegmentInfo back', () => {
    expect(f.ctl(a, 'segalloc 0x10000000 0x2000 rw')).to.equal('0x10000000\n');
    expect(f.ctl(a, 'segquery 0')).to.equal('addr 0x10000000 len 0x2000 offset 0 flen 0 vid 0 handle 1 flags 0x3 rw\n');
    expect(f.kernel.segQuery(a, 0, 0)).to.include({ addr: X, len: 2 * P, flags: 3 });
  });

  it('segalloc 0 places at the top (S7); decimal, octal and | flags are C syntax', () => {
    expect(f.ctl(a, `segalloc 0 ${2 * P} 3`)).to.equal('0x7fffffffd000\n');
    expect(f.ctl(a, 'segalloc 0 010000 r')).to.equal('0x7fffffffc000\n');
    expect(f.ctl(a, 'segalloc 0x20000000 0x1000 r|w|private')).to.equal('0x20000000\n');
    expect(f.ctl(a, 'segquery 0x20000000')).to.match(/flags 0x103 rw,private\n$/);
  });

  it('segalloc with shadow=, offset= and segmented maps a shadow (S8) as a Plan 9 segment', () => {
    const s = f.kernel.shadowCreate(4 * P);
    expect(f.ctl(a, `segalloc 0x10000000 0x1000 r shadow=${s} offset=0x1000 segmented`)).to.equal('0x10000000\n');
    expect(f.ctl(a, 'segquery 0')).to.equal(`addr 0x10000000 len 0x1000 offset 0x1000 flen 0x1000 vid 0 handle ${s} flags 0x2001 r,segmented\n`);
    expect(f.ctlError(a, 'segalloc 0x20000000 0x1000 r offset=0')).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'segalloc 0x20000000 0x1000 r shadow=999')).to.equal('file does not exist');
  });

  it('segalloc errors: overlap, shape, unknown flag bits', () => {
    f.ctl(a, 'segalloc 0x10000000 0x2000 rw');
    expect(f.ctlError(a, 'segalloc 0x10001000 0x1000 rw')).to.equal('segments overlap');
    expect(f.ctlError(a, 'segalloc 0x10000001 0x1000 rw')).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'segalloc 0x30000000 0x1000 0x8000')).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'segalloc 0x30000000 0x1000 rw,eager')).to.equal('bad arg in system call');
    expect(f.ctl(a, 'segquery 0')).to.equal('addr 0x10000000 len 0x2000 offset 0 flen 0 vid 0 handle 1 flags 0x3 rw\n');
  });

  it('segfree unmaps (S10); segquery past the last segment is file does not exist', () => {
    f.ctl(a, 'segalloc 0x10000000 0x3000 rw');
    expect(f.ctl(a, 'segfree 0x10001000 0x1000')).to.equal('0\n');
    expect(f.file(`${a}/segment`)).to.equal(
      'addr 0x10000000 len 0x1000 offset 0 flen 0 vid 0 handle 1 flags 0x3 rw\n' +
      'addr 0x10002000 len 0x1000 offset 0x2000 flen 0 vid 0 handle 1 flags 0x3 rw\n');
    expect(f.ctlError(a, 'segquery 0x10002001')).to.equal('file does not exist');
  });

  it('segfree past maxSegments is virtual memory allocation failed and changes nothing (S11)', () => {
    f = new Fixture({ maxSegments: 1 });
    a = f.proc();
    f.ctl(a, 'segalloc 0x10000000 0x3000 rw');
    expect(f.ctlError(a, 'segfree 0x10001000 0x1000')).to.equal('virtual memory allocation failed');
    expect(f.ctl(a, 'segquery 0')).to.match(/^addr 0x10000000 len 0x3000 /);
  });

  it('segresize grows and shrinks, returning the previous end (S14), with negative deltas', () => {
    f.ctl(a, 'segalloc 0x10000000 0x1000 rw');
    expect(f.ctl(a, 'segresize 0x10000000 0x1000')).to.equal('0x10001000\n');
    expect(f.ctl(a, 'segresize 0x10002000 -0x1000')).to.equal('0x10002000\n');
    expect(f.ctl(a, 'segquery 0')).to.match(/^addr 0x10000000 len 0x1000 /);
    expect(f.ctlError(a, 'segresize 0x10005000 0x1000')).to.equal('bad arg in system call'); // -EFAULT
    expect(f.ctlError(a, 'segresize 0x10000000 100')).to.equal('bad arg in system call');
  });

  it('segprotect changes rights; a right beyond the ceiling is permission denied (T13)', () => {
    f.ctl(a, 'segalloc 0x10000000 0x4000 rw');
    expect(f.ctl(a, 'segshare 0x10000000 0x4000 ' + b + ' r')).to.equal('0\n');
    expect(f.ctl(b, `segtake 0x10000000 0x1000 ${a} r`)).to.equal('0x10000000\n');
    expect(f.ctlError(b, 'segprotect 0x10000000 0x1000 rw')).to.equal('permission denied');
    expect(f.ctl(b, 'segprotect 0x10000000 0x1000 rw,private')).to.equal('0\n');
    expect(f.ctl(b, 'segquery 0')).to.match(/flags 0x103 rw,private\n$/);
  });

  it('segshare and segtake: copy-on-write with private, lazily (T7–T9)', () => {
    f.ctl(a, 'segalloc 0x10000000 0x4000 rw');
    f.ctl(a, `segshare 0x10000000 0x4000 ${b} r`);
    expect(f.ctl(b, `segtake 0x10000000 0x1000 ${a} rw,private`)).to.equal('0x10000000\n');
    expect(f.ctl(b, 'segquery 0')).to.equal('addr 0x10000000 len 0x1000 offset 0 flen 0 vid 0 handle 1 flags 0x103 rw,private\n');
    f.ctl(a, 'memwrite 0x10000000 01');
    expect(f.ctl(b, 'memread 0x10000000 1')).to.equal('01\n');
    expect(f.ctl(b, 'memwrite 0x10000000 02')).to.equal('1\n');
    expect(f.ctl(a, 'memread 0x10000000 1')).to.equal('01\n');
    expect(f.ctl(b, 'segquery 0')).to.match(/flags 0x1103 rw,private,copied\n$/);
  });

  it('segshare errors: to itself, to no process, revoking what was never granted (T14, T19)', () => {
    f.ctl(a, 'segalloc 0x10000000 0x4000 rw');
    expect(f.ctlError(a, `segshare 0x10000000 0x1000 ${a} r`)).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'segshare 0x10000000 0x1000 9999 r')).to.equal('process exited');
    expect(f.ctlError(a, `segshare 0x10000000 0x1000 ${b} none`)).to.equal('file does not exist');
    expect(f.ctlError(b, `segtake 0x10000000 0x1000 ${a} r`)).to.equal('permission denied');
  });

  it('target=PID acts on another process only with CAP_PROC_SEGMENT (T18, G rules)', () => {
    const k = f.kernel.spawn({ caps: CAP_PROC_SEGMENT });
    expect(f.ctl(k, `segalloc 0x10000000 0x1000 rw target=${a}`, E)).to.equal('0x10000000\n');
    expect(f.ctl(k, `segquery 0 target=${a}`, E)).to.match(/^addr 0x10000000 len 0x1000 /);
    expect(f.ctlError(b, `segquery 0 target=${a}`)).to.equal('permission denied');
    expect(f.ctlError(b, 'segquery 0 target=-1')).to.equal('bad arg in system call');
    expect(f.ctlError(k, 'segquery 0 target=9999', E)).to.equal('process exited');
    expect(f.ctl(k, `segfree 0x10000000 0x1000 target=${a}`, E)).to.equal('0\n');
    expect(f.ctlError(a, 'segquery 0')).to.equal('file does not exist');
  });

  it('segdecommit zeroes exclusive memory and keeps it mapped', () => {
    f.ctl(a, 'segalloc 0x10000000 0x2000 rw');
    f.ctl(a, 'memwrite 0x10001000 ffee');
    expect(f.ctl(a, 'segdecommit 0x10000000 0x2000')).to.equal('0\n');
    expect(f.ctl(a, 'memread 0x10001000 2')).to.equal('0000\n');
    expect(f.ctlError(a, 'segdecommit 0x10000001 0x1000')).to.equal('bad arg in system call');
  });
});

describe('#p ctl commands (vm_offer, vm_claim, vm_listoffer)', () => {
  let f: Fixture;
  let a: number;
  let b: number;
  let c: number;
  beforeEach(() => {
    f = new Fixture();
    a = f.proc();
    b = f.proc();
    c = f.proc();
    f.ctl(a, 'segalloc 0x10000000 0x2000 rw');
  });

  it('offer then claim maps the memory in the claimer (O1); the result is addr and size', () => {
    expect(f.ctl(a, `offer ${b} 0x10000000 0x2000 r`)).to.equal('0\n');
    expect(f.ctl(b, `claim ${a} 0x10000000`)).to.equal('addr 0x10000000 size 0x2000\n');
    expect(f.ctl(b, 'segquery 0')).to.equal('addr 0x10000000 len 0x2000 offset 0 flen 0 vid 0 handle 1 flags 0x1 r\n');
  });

  it('disown moves the memory (O2); dropw leaves the sender read-only (O3)', () => {
    f.ctl(a, `offer ${b} 0x10000000 0x1000 rw,disown`);
    f.ctl(b, `claim ${a} 0x10000000 0`);
    expect(f.file(`${a}/segment`)).to.equal('addr 0x10001000 len 0x1000 offset 0x1000 flen 0 vid 0 handle 1 flags 0x3 rw\n');
    f.ctl(a, `offer ${c} 0x10001000 0x1000 r,dropw`);
    f.ctl(c, `claim ${a} 0x10001000`);
    expect(f.ctl(a, 'segquery 0')).to.match(/flags 0x1 r\n$/);
  });

  it('listoffer lists sent and received records by id (O16) and MAX too small is i/o count too small (O17)', () => {
    f.ctl(b, 'segalloc 0x20000000 0x1000 rw');
    f.ctl(a, `offer ${b} 0x10000000 0x1000 r`);
    f.ctl(a, `offer ${c} 0x10001000 0x1000 0x71`);
    f.ctl(b, `offer ${a} 0x20000000 0x1000 r`);
    expect(f.ctl(a, 'listoffer')).to.equal(
      `id 1 kind offer direction sent src ${a} dest ${b} addr 0x10000000 len 0x1000 flags 0x1 r\n` +
      `id 2 kind offer direction sent src ${a} dest ${c} addr 0x10001000 len 0x1000 flags 0x71 r,disown\n` +
      `id 3 kind offer direction received src ${b} dest ${a} addr 0x20000000 len 0x1000 flags 0x1 r\n`);
    expect(f.ctlError(a, 'listoffer 2')).to.equal('i/o count too small');
    expect(f.ctl(a, 'listoffer 3').split('\n')).to.have.length(4);
    expect(f.ctlError(a, 'listoffer -1')).to.equal('bad arg in system call');
    f.ctl(a, `segshare 0x10000000 0x1000 ${c} rw`);
    expect(f.ctl(c, 'listoffer')).to.match(/kind share direction received src \d+ dest \d+ addr 0x10000000 len 0x1000 flags 0x3 rw\n$/);
  });

  it('listoffer with nothing to list reads back empty', () => {
    expect(f.ctl(c, 'listoffer')).to.equal('');
  });

  it('offer errors (O5, O9, O13) and claim errors (O7, O12, O21)', () => {
    expect(f.ctlError(a, `offer ${b} 0x10000000 0 0`)).to.equal('file does not exist');
    expect(f.ctlError(a, `offer ${b} 0x18000000 0 0`)).to.equal('bad arg in system call');
    expect(f.ctlError(a, `offer ${b} 0x10000000 0x1001 r`)).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'offer 9999 0x10000000 0x1000 r')).to.equal('process exited');
    expect(f.ctlError(a, `offer ${a} 0x10000000 0x1000 r`)).to.equal('bad arg in system call');
    expect(f.ctlError(a, `offer ${b} 0x10000000 0x1000 0x100`)).to.equal('bad arg in system call');
    f.ctl(a, `offer ${b} 0x10000000 0x1000 r`);
    expect(f.ctlError(b, `claim ${a} 0x10000000 1`)).to.equal('bad arg in system call');
    f.ctl(b, `claim ${a} 0x10000000`);
    expect(f.ctlError(b, `claim ${a} 0x10000000`)).to.equal('file does not exist');
    f.ctl(a, `offer ${c} 0x10000000 0x1000 r`);
    f.ctl(a, 'kill');
    expect(f.ctlError(c, `claim ${a} 0x10000000`)).to.equal('process exited');
    expect(f.ctl(c, 'listoffer')).to.equal('');
  });
});

describe('#p ctl commands (Zircon processes)', () => {
  let f: Fixture;
  let a: number;
  beforeEach(() => {
    f = new Fixture();
    a = f.proc();
  });

  it('proccreate makes a normal process or a prototype (Z1, Z2), owned by the writer', () => {
    const n = f.ctl(a, 'proccreate n');
    expect(n).to.match(/^pid (\d+) base 0x200000 size 0x7fffffdff000\n$/);
    const pr = f.ctl(a, 'proccreate proto shared');
    expect(pr).to.match(/^pid (\d+) base 0x400000001000 size 0x3fffffffe000\n$/);
    const pid = Number(/^pid (\d+)/.exec(pr)![1]);
    expect(f.file(`${pid}/info`)).to.equal(`pid ${pid} parent ${a} job 1 name proto caps 0 realtime 0 shared 1 member 0 plan9 0 owner glenda\n`);
    expect(f.ctlError(a, 'proccreate x 2')).to.equal('bad arg in system call');
  });

  it('proccreateshared makes a member (Z3) sharing the region (Z8, Z12); SHAREDPID 0 is the caller', () => {
    const pr = Number(/^pid (\d+)/.exec(f.ctl(a, 'proccreate proto shared'))![1]);
    const r = f.ctl(a, `proccreateshared ${pr} m1`);
    expect(r).to.match(/^pid \d+ restrictedbase 0x200000 restrictedsize 0x3fffffe00000\n$/);
    const m1 = Number(/^pid (\d+)/.exec(r)![1]);
    const m2 = Number(/^pid (\d+)/.exec(f.ctl(m1, "proccreateshared 0 'm 2'"))![1]);
    expect(f.file(`${m2}/info`)).to.match(/name 'm 2' .* shared 1 member 1 /);
    expect(f.ctl(m1, 'segalloc 0 0x1000 rw,shared')).to.equal('0x7fffffffe000\n');
    expect(f.ctl(m2, 'segquery 0x400000001000')).to.match(/^addr 0x7fffffffe000 len 0x1000 .* flags 0x403 rw,shared\n$/);
    expect(f.ctl(m1, 'memwrite 0x7fffffffe000 06')).to.equal('1\n');
    expect(f.ctl(m2, 'memread 0x7fffffffe000 1')).to.equal('06\n');
    expect(f.ctl(m1, 'segalloc 0x10000000 0x1000 rw')).to.equal('0x10000000\n');
    expect(f.ctl(m1, 'memread 0x10000000 1 mode=restricted')).to.equal('00\n');
    expect(f.ctlError(m1, 'memread 0x7fffffffe000 1 mode=restricted')).to.equal('bad arg in system call');
    expect(f.ctlError(m1, 'memread 0x7fffffffe000 1 mode=fast')).to.equal('bad arg in system call');
  });

  it('proccreateshared errors: options, not a share group, no process, no permission (Z4)', () => {
    const pr = Number(/^pid (\d+)/.exec(f.ctl(a, 'proccreate proto shared'))![1]);
    const nn = Number(/^pid (\d+)/.exec(f.ctl(a, 'proccreate n'))![1]);
    const c = f.proc();
    expect(f.ctlError(a, `proccreateshared ${pr} x 1`)).to.equal('bad arg in system call');
    expect(f.ctlError(a, `proccreateshared ${nn} x`)).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'proccreateshared 9999 x')).to.equal('process exited');
    expect(f.ctlError(c, `proccreateshared ${pr} x`)).to.equal('permission denied');
  });
});

describe('#p ctl commands (memory, Plan 9 facade, harness)', () => {
  let f: Fixture;
  let a: number;
  beforeEach(() => {
    f = new Fixture();
    a = f.proc();
    f.ctl(a, 'segalloc 0x10000000 0x2000 rw');
  });

  it("memwrite takes hex or 'text' and returns the count; memread returns hex", () => {
    expect(f.ctl(a, "memwrite 0x10000ffe 'hi there'")).to.equal('8\n');
    expect(f.ctl(a, 'memread 0x10000ffe 8')).to.equal(`${Buffer.from('hi there').toString('hex')}\n`);
    expect(f.ctl(a, 'memwrite 0x10000000 0xDEADbeef')).to.equal('4\n');
    expect(f.ctl(a, 'memread 0x10000000 4')).to.equal('deadbeef\n');
    expect(f.ctl(a, "memwrite 0x10000000 'it''s'")).to.equal('4\n');
  });

  it('memread/memwrite errors: unmapped, no rights, bad data, too long', () => {
    expect(f.ctlError(a, 'memread 0x10001000 0x2000')).to.equal('bad arg in system call');
    f.ctl(a, 'segprotect 0x10000000 0x1000 r');
    expect(f.ctlError(a, 'memwrite 0x10000000 00')).to.equal('permission denied');
    expect(f.ctlError(a, 'memwrite 0x10001000 abc')).to.equal('bad arg in system call');
    expect(f.ctlError(a, 'memwrite 0x10001000 zz')).to.equal('bad arg in system call');
    expect(f.ctlError(a, "memwrite 0x10001000 ''")).to.equal('bad arg in system call');
    expect(f.ctlError(a, `memread 0x10000000 ${(1 << 20) + 1}`)).to.equal('bad arg in system call');
  });

  it('spawn plan9 makes a Plan 9 process: segattach, segbrk, segfree9, segflush, segdetach, rfork', () => {
    const p = Number(/^pid (\d+)\n$/.exec(f.ctl(a, 'spawn plan9'))![1]);
    expect(f.ctl(p, 'segattach 0 shared 0 0x100000')).to.equal('0x7ffffeeff000\n');
    expect(f.ctl(p, 'segattach ronly memory 0x10000000 0x1000')).to.equal('0x10000000\n');
    expect(f.file(`${p}/segment`)).to.equal(
      'Stack     7ffffefff000 7ffffffff000    1\n' +
      'Text   R    200000   20b000    2\n' +
      'Data        400000   402000    1\n' +
      'Bss         402000   427000    1\n' +
      'Shared    7ffffeeff000 7ffffefff000    1\n' +
      'Bss    R  10000000 10001000    1\n');
    expect(f.ctl(p, 'segbrk 0x10000000 0')).to.equal('0x10000000\n');
    expect(f.ctl(p, 'segbrk 0x10000000 0x10002000')).to.equal('0\n');
    expect(f.ctl(p, 'segfree9 0x7ffffeeff000 0x1000')).to.equal('0\n');
    expect(f.ctl(p, 'segflush 0x7ffffeeff000 0x1000')).to.equal('0\n');
    expect(f.ctl(p, 'segdetach 0x10000000')).to.equal('0\n');
    expect(f.ctlError(p, 'segattach 0 shared 0x7ffffeeff000 0x1000')).to.equal('segments overlap');
    expect(f.ctlError(p, 'segattach 0 nosuchclass 0x20000000 0x1000')).to.equal('bad arg in system call');
    expect(f.ctlError(p, 'segdetach 0x7ffffffff000')).to.equal('bad arg in system call');
    const child = Number(/^pid (\d+)\n$/.exec(f.ctl(p, 'rfork mem'))![1]);
    expect(f.file(`${child}/segment`)).to.match(/^Stack /);
    expect(f.file(`${child}/info`)).to.match(/ plan9 1 owner glenda\n$/);
  });

  it('the Plan 9 calls on a process that is not a Plan 9 one are bad process or channel control request', () => {
    expect(f.ctlError(a, 'segattach 0 shared 0 0x1000')).to.equal('bad process or channel control request');
    expect(f.ctlError(a, 'segbrk 0x10000000 0')).to.equal('bad process or channel control request');
    expect(f.ctlError(a, 'rfork')).to.equal('bad process or channel control request');
  });

  it('spawn makes a child; caps beyond the parent need eve; realtime copies private memory at once (T12)', () => {
    expect(f.ctl(a, 'spawn name=kid')).to.match(/^pid \d+\n$/);
    expect(f.ctlError(a, 'spawn caps=procsegment')).to.equal('permission denied');
    const k = Number(/^pid (\d+)/.exec(f.ctl(a, 'spawn caps=procsegment', E))![1]);
    expect(f.file(`${k}/info`)).to.match(new RegExp(`^pid ${k} parent ${a} job 1 name '' caps 0x2 realtime 0 `));
    expect(f.dev.owner(k)).to.equal(E);
    const rt = Number(/^pid (\d+)/.exec(f.ctl(a, 'spawn realtime'))![1]);
    f.ctl(a, `segshare 0x10000000 0x1000 ${rt} r`);
    expect(f.ctl(rt, `segtake 0x10000000 0x1000 ${a} rw,private`)).to.equal('0x10000000\n');
    expect(f.ctl(rt, 'segquery 0')).to.match(/flags 0x1103 rw,private,copied\n$/);
    expect(f.ctlError(a, 'spawn plan9 realtime')).to.equal('bad arg in system call');
  });

  it('kill ends the process: its directory goes and its files say process exited', () => {
    const c = f.open(`${a}/segment`, 0);
    expect(f.ctl(a, 'kill')).to.equal('0\n');
    expect(f.kernel.proc(a)).to.equal(undefined);
    expect(errstr(() => f.text(c))).to.equal('process exited');
    expect(errstr(() => f.walk(String(a)))).to.equal('file does not exist');
  });
});

describe('#p ctl grammar', () => {
  let f: Fixture;
  let a: number;
  beforeEach(() => {
    f = new Fixture();
    a = f.proc();
  });

  it('an unknown or empty command is bad process or channel control request', () => {
    expect(f.ctlError(a, 'frobnicate 1 2')).to.equal('bad process or channel control request');
    expect(f.ctlError(a, '')).to.equal('bad process or channel control request');
    expect(f.ctlError(a, '\n')).to.equal('bad process or channel control request');
    expect(f.ctlError(a, "'segalloc 0 0x1000 rw'")).to.equal('bad process or channel control request');
  });

  it('wrong argument counts, bad numbers, bad flag words and bad options are bad arg in system call', () => {
    for (const cmd of [
      'segalloc 0x10000000 0x1000', 'segalloc 0x10000000 0x1000 rw extra', 'segalloc 0x1000000g 0x1000 rw',
      'segalloc 0x10000000 0x1000 rwq', 'segalloc 0x10000000 0x1000 rw,,private', 'segalloc 0x10000000 0x1000 -1',
      'segalloc 0x10000000 0x1000 rw target=x', 'segalloc 0x10000000 0x1000 rw target=1 target=1',
      'segalloc 0x10000000 0x1000 rw bogus=1', 'segalloc 0x10000000 0x1000 rw segmented=1',
      'segquery 99999999999999999999', 'segquery 08', 'kill now', 'claim 1', 'memread 0 1 target',
    ]) {
      expect(f.ctlError(a, cmd), cmd).to.equal('bad arg in system call');
    }
    expect(f.ctlError(a, 'segquery 0')).to.equal('file does not exist');
  });

  it('a failed command changes nothing and leaves the result read back as it was', () => {
    const c = f.open(`${a}/ctl`, 2);
    f.dev.write(c, Buffer.from('segalloc 0x10000000 0x1000 rw'), 0);
    expect(errstr(() => f.dev.write(c, Buffer.from('segalloc 0x10000000 0x1000 rw'), 0))).to.equal('segments overlap');
    expect(f.text(c)).to.equal('0x10000000\n');
    expect(verify(f.kernel)).to.deep.equal([]);
  });

  it('a trailing newline and extra blanks are fine; quotes group a field', () => {
    expect(f.ctl(a, '  segalloc\t0x10000000  0x1000 rw\n')).to.equal('0x10000000\n');
    expect(f.ctl(a, "proccreate 'a b c'")).to.match(/^pid \d+ /);
  });

  it('help lists every command of the table with its arguments', () => {
    const help = f.file('help');
    for (const cmd of ['segalloc ADDR LEN FLAGS [target=PID]', 'segfree ADDR LEN', 'segquery ADDR', 'segresize ADDR DELTA',
      'segprotect ADDR LEN FLAGS', 'segshare ADDR LEN PID RIGHTS', 'segtake SRCADDR LEN FROMPID FLAGS', 'segdecommit ADDR LEN',
      'offer DEST ADDR LEN FLAGS', 'claim SRC REMOTEADDR [FLAGS]', 'listoffer [MAX]', 'proccreate NAME', 'proccreateshared SHAREDPID NAME',
      'memread ADDR LEN', 'memwrite ADDR DATA', 'segattach ATTR CLASS VA LEN', 'segdetach ADDR', 'segbrk ADDR NEWTOP',
      'segfree9 VA LEN', 'segflush VA LEN', 'rfork [FLAGS]', 'spawn [caps=CAPS]', 'kill']) {
      expect(help.split('\n').some((l) => l.startsWith(cmd)), cmd).to.equal(true);
    }
  });

  it('only the owner or eve may write a process ctl', () => {
    expect(f.ctl(a, 'segalloc 0x10000000 0x1000 rw', E)).to.equal('0x10000000\n');
    expect(f.ctlError(a, 'segquery 0', O)).to.equal('permission denied');
    expect(f.ctl(a, 'segquery 0', U)).to.match(/^addr 0x10000000 /);
  });
});
