// Devices return a value or a Promise of it (dev.ts). The handlers chain on either without
// turning a synchronous answer into a microtask: a request on a synchronous device (#g) has
// done all its work, state updates included, before the next frame of the same chunk is
// looked at, so pipelined requests see each other's effects in arrival order (a Twalk
// pipelined behind the Tattach that creates its fid works).

export type Maybe<T> = T | Promise<T>;

/** `f(v)` now when `v` is a value, after it resolves when it is a Promise. */
export function then<T, R>(v: Maybe<T>, f: (t: T) => Maybe<R>): Maybe<R> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** Runs `run`, then `cleanup` whether it returned, threw, resolved or rejected. */
export function always<T>(run: () => Maybe<T>, cleanup: () => void): Maybe<T> {
  let r: Maybe<T>;
  try {
    r = run();
  } catch (e) {
    cleanup();
    throw e;
  }
  if (r instanceof Promise) return r.finally(cleanup);
  cleanup();
  return r;
}
