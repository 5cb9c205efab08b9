// The suite's output: one block of figures per scenario, checks that pass or fail with what
// failed, and the final `N passed, N failed` tally.

export class Report {
  passed = 0;
  failed = 0;
  readonly failures: string[] = [];
  #scenario = '';

  /** Starts a scenario's block. */
  section(name: string, what: string): void {
    this.#scenario = name;
    process.stdout.write(`\n== ${name}: ${what}\n`);
  }

  /** One figure: `  label  value`. */
  figure(label: string, value: string | number): void {
    process.stdout.write(`  ${label.padEnd(34)} ${value}\n`);
  }

  /** A line of context (a finding, a note). */
  note(text: string): void {
    process.stdout.write(`  ${text}\n`);
  }

  /** A check: counted in the tally; a failure prints its details. */
  check(name: string, ok: boolean, details: readonly string[] = []): boolean {
    if (ok) {
      this.passed++;
      process.stdout.write(`  ok      ${name}\n`);
    } else {
      this.failed++;
      this.failures.push(`${this.#scenario}: ${name}`);
      process.stdout.write(`  FAILED  ${name}\n`);
      for (const d of details.slice(0, 12)) process.stdout.write(`          ${d}\n`);
      if (details.length > 12) process.stdout.write(`          … ${details.length - 12} more\n`);
    }
    return ok;
  }
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

/** The p-th percentile (0–100) of `xs` (nearest rank); NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Milliseconds with two decimals. */
export function ms(x: number): string {
  return `${x.toFixed(2)} ms`;
}
