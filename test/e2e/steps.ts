// A scenario step: a shell command the guest runs and the host-side check of what it did.

import type { StepOutcome } from './serial-log.js';

/** One step. `check` returns undefined when the outcome is right, else why it is wrong. */
export interface Step {
  /** Single word, unique in its scenario; printed in reports. */
  readonly id: string;
  /** Run by the guest as `sh -c CMD` in /mnt. */
  readonly cmd: string;
  readonly check: (outcome: StepOutcome) => string | undefined;
  /** When a fatal step exits non-zero the guest runs no further step (e.g. a failed mount). */
  readonly fatal?: boolean;
}

/** `step`, made fatal. */
export function fatal(step: Step): Step {
  return { ...step, fatal: true };
}

/** What a step's stdout must be: exact text, a pattern, or a predicate returning why not. */
export type OutputRule = string | RegExp | ((stdout: string) => string | undefined);

function show(b: Buffer | string): string {
  return JSON.stringify(typeof b === 'string' ? b : b.toString('latin1'));
}

function checkOutput(stdout: string, rule: OutputRule | undefined): string | undefined {
  if (rule === undefined) return undefined;
  if (typeof rule === 'string') return stdout === rule ? undefined : `stdout ${show(stdout)}, expected ${show(rule)}`;
  if (rule instanceof RegExp) return rule.test(stdout) ? undefined : `stdout ${show(stdout)} does not match ${rule}`;
  return rule(stdout);
}

/** The step must exit 0 and, when given, print `stdout` per the rule. */
export function succeeds(id: string, cmd: string, stdout?: OutputRule): Step {
  return {
    id, cmd,
    check: (o) => {
      if (o.status !== 0) return `exit status ${o.status}, expected 0 (stderr ${show(o.stderr)}, stdout ${show(o.stdout)})`;
      return checkOutput(o.stdout.toString('latin1'), stdout);
    },
  };
}

/**
 * The step must fail: a non-zero status that is not the guest's step timeout (137, a hang
 * is not a clean failure), with stdout per the rule when given.
 */
export function fails(id: string, cmd: string, stdout?: OutputRule): Step {
  return {
    id, cmd,
    check: (o) => {
      if (o.status === 0) return `exit status 0, expected a failure (stdout ${show(o.stdout)})`;
      if (o.status === 137) return 'killed by the step timeout: the operation hung instead of failing';
      return checkOutput(o.stdout.toString('latin1'), stdout);
    },
  };
}
