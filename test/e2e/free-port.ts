// A loopback TCP port nobody listens on right now.

import { createServer } from 'node:net';

/**
 * Asks the kernel for a free port on 127.0.0.1 and releases it. Another program may take it
 * before the caller binds it, so callers retry with a fresh port when the bind fails.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the kernel'))));
    });
  });
}
