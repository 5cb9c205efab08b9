// `segfs serve --http` in a child process on ports it picks: the 9P dial string and the page's
// URL come from what it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/segfs.js', import.meta.url));

export interface CliServer {
  child: ChildProcess;
  /** 9P dial string */
  ninep: string;
  url: string;
  stop(): Promise<void>;
}

export async function startCliServer(): Promise<CliServer> {
  const child = spawn(process.execPath, [bin, 'serve', '--listen', 'tcp!127.0.0.1!0', '--http', 'tcp!127.0.0.1!0', '--eve', 'eve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const [ninep, url] = await new Promise<[string, string]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`segfs serve exited (${code}): ${out}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const a = /serving #g on (\S+)/.exec(out);
      const u = /web view on (\S+)/.exec(out);
      if (a && u) resolve([a[1]!, u[1]!]);
    });
  });
  child.removeAllListeners('exit');
  return {
    child, ninep, url,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
