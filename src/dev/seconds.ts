// Plan 9's seconds(): the current time in whole seconds, the atime of every generated entry.
// A clock read costs as much as the rest of a stat (~45 ns on kvm-clock), so the value is
// kept until the next second boundary, when an unref'd timer, armed only while the value is
// in use, forgets it: an idle process runs no timer, a busy one reads the clock once a second.

let cached = -1;

function forget(): void {
  cached = -1;
}

/** The time in whole seconds since the epoch. */
export function seconds(): number {
  if (cached >= 0) return cached;
  const now = Date.now();
  cached = Math.floor(now / 1000);
  setTimeout(forget, 1000 - (now % 1000)).unref();
  return cached;
}
