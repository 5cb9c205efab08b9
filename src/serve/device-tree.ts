// What a 9P server of a device tree takes from the tree itself: the attach names a mux
// answers, and the host owner the devices were made with (#g and #p keep theirs; a mux's is
// its default device's).

import type { Dev } from '../dev/dev.js';
import { AnameMux } from '../dev/aname-mux.js';

/** The attach names `dev` answers when it is a mux; undefined for the server's default. */
export function anamesOf(dev: Dev): readonly string[] | undefined {
  return dev instanceof AnameMux ? dev.anames : undefined;
}

/** The host owner `dev` was made with, if it keeps one. */
export function eveOf(dev: Dev): string | undefined {
  if (dev instanceof AnameMux) return eveOf(dev.fallback);
  const eve = (dev as { readonly eve?: unknown }).eve;
  return typeof eve === 'string' ? eve : undefined;
}
