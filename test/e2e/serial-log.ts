// Reads the guest's markers (see guest-init.ts) out of its serial console output.

import { MARKER } from './guest-init.js';

/** One step as the guest ran it. */
export interface StepOutcome {
  readonly id: string;
  /** Exit status of `sh -c CMD` (137 when the guest's step timeout killed it). */
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** Everything the markers say about one boot. */
export interface GuestLog {
  /** Guest uptime (s) when /init started, or undefined when it never did. */
  readonly bootAt?: number;
  /** Guest uptime (s) when the network and modules were set up. */
  readonly readyAt?: number;
  /** Guest uptime (s) when the scenario finished. */
  readonly doneAt?: number;
  readonly insmodFailures: readonly string[];
  readonly netFailed: boolean;
  /** Steps in the order they finished, by id. */
  readonly steps: ReadonlyMap<string, StepOutcome>;
  /** The id of a step that began and never finished (the guest hung or died in it). */
  readonly unfinished?: string;
  /** The fatal step whose failure stopped the scenario. */
  readonly abandonedAt?: string;
  /** The tail of the guest kernel's log, printed after the scenario. */
  readonly dmesg?: string;
}

/** Parses `serial` (CRs already removed). Lines that are not markers are ignored. */
export function parseGuestLog(serial: string): GuestLog {
  let bootAt: number | undefined;
  let readyAt: number | undefined;
  let doneAt: number | undefined;
  let netFailed = false;
  let begun: string | undefined;
  let dmesg: string | undefined;
  let abandonedAt: string | undefined;
  const insmodFailures: string[] = [];
  const steps = new Map<string, StepOutcome>();
  const prefix = `${MARKER} `;
  for (const raw of serial.split('\n')) {
    // A kernel message may share the line; the marker starts wherever it starts.
    const at = raw.indexOf(prefix);
    if (at < 0) continue;
    const words = raw.slice(at + prefix.length).trim().split(' ');
    const [kind, a, b, c, d] = words;
    switch (kind) {
      case 'boot': bootAt = Number(a); break;
      case 'ready': readyAt = Number(a); break;
      case 'done': doneAt = Number(a); break;
      case 'net-failed': netFailed = true; break;
      case 'insmod-failed': insmodFailures.push(a ?? '?'); break;
      case 'begin': begun = a; break;
      case 'abandoned': abandonedAt = a; break;
      case 'dmesg': dmesg = Buffer.from(a ?? '', 'base64').toString('utf8'); break;
      case 'step': {
        if (a === undefined || b === undefined || !c?.startsWith('o=') || !d?.startsWith('e=')) break;
        steps.set(a, {
          id: a,
          status: Number(b),
          stdout: Buffer.from(c.slice(2), 'base64'),
          stderr: Buffer.from(d.slice(2), 'base64'),
        });
        if (begun === a) begun = undefined;
        break;
      }
    }
  }
  return { bootAt, readyAt, doneAt, netFailed, insmodFailures, steps, unfinished: begun, abandonedAt, dmesg };
}
