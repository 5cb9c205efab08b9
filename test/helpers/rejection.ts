// The error a promise rejects with; a promise that fulfils fails the test.

/** Awaits `p` and returns what it rejected with; throws when it fulfilled. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
