// Boots the guest under QEMU (TCG, user networking) and collects its serial console.

import { spawn } from 'node:child_process';
import { track } from './live-children.js';

/** What one boot produced. */
export interface BootResult {
  /** Everything the guest printed on ttyS0 (QEMU's stdout), with CRs removed. */
  readonly serial: string;
  /** QEMU's stderr. */
  readonly stderr: string;
  /** QEMU's exit status, or null when it was killed. */
  readonly status: number | null;
  /** True when the time limit ran out and QEMU was killed. */
  readonly timedOut: boolean;
  readonly elapsedMs: number;
}

export interface BootOptions {
  readonly vmlinuz: string;
  readonly initrd: string;
  /** Extra kernel command line words (after console=ttyS0 and the quiet settings). */
  readonly append: string;
  readonly timeoutMs: number;
  /** Called with each complete serial line as it arrives (for progress output). */
  readonly onLine?: (line: string) => void;
}

/** The qemu-system-x86_64 argument list for `opts` (exported for the docs and for tests). */
export function qemuArgs(opts: BootOptions): string[] {
  return [
    '-accel', 'tcg', '-cpu', 'max', '-smp', '1', '-m', '512',
    '-nographic', '-no-reboot', '-monitor', 'none', '-serial', 'stdio',
    '-kernel', opts.vmlinuz, '-initrd', opts.initrd,
    // Guest traffic to 10.0.2.2 reaches the host's 127.0.0.1 through QEMU's user networking.
    '-nic', 'user,model=e1000',
    // loglevel=1 keeps kernel messages off the console, which carries only /init's markers;
    // panic=-1 with -no-reboot turns a guest panic into a QEMU exit.
    '-append', `console=ttyS0 quiet loglevel=1 panic=-1 ${opts.append}`,
  ];
}

/**
 * Boots the guest and resolves when QEMU exits or, after `timeoutMs`, when it has been
 * killed. Never rejects for guest failures; the caller reads the result.
 */
export function bootGuest(opts: BootOptions): Promise<BootResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = track(spawn('qemu-system-x86_64', qemuArgs(opts), { stdio: ['ignore', 'pipe', 'pipe'] }));
    let serial = '';
    let pending = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs);
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      const text = chunk.replaceAll('\r', '');
      serial += text;
      pending += text;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        opts.onLine?.(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { stderr += chunk; });
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ serial, stderr, status, timedOut, elapsedMs: Date.now() - started });
    });
  });
}
