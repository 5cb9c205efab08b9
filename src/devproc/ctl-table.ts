// The proc device's ctl grammar in one table (Plan 9's Cmdtab): each command's name, its
// positional arguments, the options it takes and the call it makes. The parser, the
// dispatcher and the text of #p/help all come from this table.

import { Ebadarg, Ebadctl, error } from '../lib9/errors.js';
import type { Field } from './fields.js';

/** One command: `name ARG… [OPTIONAL…] [option=VALUE|word…]`. */
export interface Cmd<X> {
  readonly name: string;
  /** required positional arguments (their names, for help) */
  readonly args: readonly string[];
  /** optional positional arguments, after the required ones */
  readonly optional?: readonly string[];
  /** options after the positional arguments: `key=VALUE` takes a value, a bare word does not */
  readonly options?: readonly string[];
  /** one line for help */
  readonly summary: string;
  /** Makes the call; returns the result text (ending in a newline, or empty). Throws Plan9Error. */
  run(x: X, a: Args): string;
}

/** A parsed command line: positional fields in order, options by key (bare words map to ''). */
export interface Args {
  readonly pos: readonly Field[];
  readonly opt: ReadonlyMap<string, string>;
}

export class Cmdtab<X> {
  readonly #byName = new Map<string, Cmd<X>>();

  /** `notes`: lines help prints after the commands (the syntax shared by their arguments). */
  constructor(readonly cmds: readonly Cmd<X>[], readonly notes = '') {
    for (const c of cmds) this.#byName.set(c.name, c);
  }

  /**
   * The command of message `f` and its arguments. An empty message or an unknown command is
   * `bad process or channel control request`; a missing or extra argument, an unknown option
   * or an option given twice is `bad arg in system call`.
   */
  parse(f: readonly Field[]): [Cmd<X>, Args] {
    const cmd = f.length === 0 ? undefined : this.#byName.get(f[0]!.text);
    if (cmd === undefined) error(Ebadctl);
    const need = cmd.args.length;
    if (f.length - 1 < need) error(Ebadarg);
    const pos = f.slice(1, 1 + need);
    const opt = new Map<string, string>();
    let optional = cmd.optional?.length ?? 0;
    for (const field of f.slice(1 + need)) {
      const o = option(cmd, field);
      if (o === undefined) {
        if (optional === 0 || opt.size > 0) error(Ebadarg);
        optional--;
        pos.push(field);
        continue;
      }
      if (opt.has(o[0])) error(Ebadarg);
      opt.set(o[0], o[1]);
    }
    return [cmd, { pos, opt }];
  }

  /** #p/help: one line per command, its grammar then its summary. */
  help(): string {
    let out = '';
    for (const c of this.cmds) {
      const words = [c.name, ...c.args, ...(c.optional ?? []).map((a) => `[${a}]`), ...(c.options ?? []).map((o) => `[${o}]`)];
      out += `${words.join(' ')}\n\t${c.summary}\n`;
    }
    return out + this.notes;
  }
}

/** `field` as an option of `cmd` ([key, value]), or undefined if it is not one. */
function option(cmd: Cmd<unknown>, field: Field): [string, string] | undefined {
  const eq = field.text.indexOf('=');
  const key = eq < 0 ? field.text : field.text.slice(0, eq);
  for (const o of cmd.options ?? []) {
    const oeq = o.indexOf('=');
    const okey = oeq < 0 ? o : o.slice(0, oeq);
    if (okey !== key) continue;
    if ((oeq < 0) !== (eq < 0)) error(Ebadarg);
    return [key, eq < 0 ? '' : field.text.slice(eq + 1)];
  }
  return undefined;
}
