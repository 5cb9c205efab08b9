// Drives a segfs server over 9P for the web-view test and benchmark: #g through aname "" (mkdir,
// the ctl file's `va`, rmdir) and processes through #p (clone, one ctl command per write with
// its result read back).

import { ORDWR } from '../../src/lib9/modes.js';
import { mount, type Namespace } from '../../src/client/mount.js';

export class Driver {
  private constructor(readonly g: Namespace, readonly p: Namespace) {}

  static async connect(address: string, user = 'glenda'): Promise<Driver> {
    const g = await mount(address, { user });
    const p = await mount(address, { user, aname: '#p' });
    return new Driver(g, p);
  }

  /** mkdir #g/NAME, then `va ADDR LEN` on its ctl. */
  async segment(name: string, va: number, len: number): Promise<void> {
    await this.g.mkdir(name, 0o777);
    await this.g.writeFile(`${name}/ctl`, `va 0x${va.toString(16)} 0x${len.toString(16)}`);
  }

  async rmseg(name: string): Promise<void> {
    await this.g.remove(name);
  }

  /** A new #p process; its pid. */
  async clone(): Promise<number> {
    const f = await this.p.open('clone', ORDWR);
    try {
      return Number(Buffer.from(await f.read(0, 64)).toString().trim());
    } finally {
      await f.clunk();
    }
  }

  /** Writes `cmd` to PID's ctl and returns the result (an error rejects with its Plan 9 string). */
  async ctl(pid: number, cmd: string): Promise<string> {
    const f = await this.p.open(`${pid}/ctl`, ORDWR);
    try {
      await f.write(0, Buffer.from(cmd));
      return Buffer.from(await f.read(0, 8192)).toString().trim();
    } finally {
      await f.clunk();
    }
  }

  /** A new process spawned by `parent` with options (`plan9`, `name=…`); its pid. */
  async spawn(parent: number, options = ''): Promise<number> {
    const r = await this.ctl(parent, `spawn ${options}`.trim());
    return Number(/pid ([0-9]+)/.exec(r)![1]);
  }

  async close(): Promise<void> {
    await this.g.close();
    await this.p.close();
  }
}
