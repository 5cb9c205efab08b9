// Command-line parsing shared by every subcommand, on node:util's parseArgs: `--opt value`,
// `--opt=value`, bundled short flags (`-lD`), `--` ending the options. A mistake becomes a
// UsageError naming the option, printed with the command's usage and exit status 2.

import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake on the command line: exit status 2 with usage. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options (string, boolean, or string[] for multiple) and the positionals. */
export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `args` for command `cmd` against `options`; throws UsageError. */
export function parseCommandLine(cmd: string, args: readonly string[], options: Options): Parsed {
  try {
    const r = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const m = /'([^']+)'/.exec((e as Error).message);
    const opt = m?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`${cmd}: unknown option ${opt.split(' ')[0]}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${cmd}: option ${opt.split(' ')[0] || opt} needs a value`);
    throw new UsageError(`${cmd}: ${(e as Error).message}`);
  }
}

/** A whole number in [min, max] from option `name`; throws UsageError. */
export function integer(cmd: string, name: string, v: string, min: number, max: number): number {
  const n = /^[0-9]+$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${cmd}: ${name} wants a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return n;
}

/** A positive number of seconds (fractions allowed) from option `name`, in milliseconds. */
export function seconds(cmd: string, name: string, v: string): number {
  const n = /^[0-9]+(\.[0-9]+)?$/.test(v) ? Number(v) : NaN;
  if (!(n > 0)) throw new UsageError(`${cmd}: ${name} wants a number of seconds above 0, got ${JSON.stringify(v)}`);
  return Math.round(n * 1000);
}
