// Fairness between the connections of one server: within one turn of the event loop a
// connection serves at most TURN_FRAMES requests; the rest wait in its backlog and are served
// TURN_FRAMES at a time, one connection after another, in the check phase (setImmediate) —
// after the poll phase has read every other socket. A flooding client therefore delays an
// idle one by at most one turn of each busy connection, never by its whole backlog.
// Budgets are counted per epoch, and an epoch ends only in the check phase of a turn in which
// a connection asked for it (touch: one that has used half its budget, or wait: one with a
// backlog), so an epoch is one turn or more: never more than TURN_FRAMES per connection per
// turn, and no setImmediate at all for a turn of light traffic.

/** Requests a connection serves per turn before yielding to the others. */
export const TURN_FRAMES = 32;

/** A connection as the scheduler sees it. */
export interface TurnTaker {
  /** Serves its waiting requests up to its budget for this turn (and asks again if more wait). */
  takeTurn(): void;
}

/** Turns of the event loop and the queue of connections waiting for one. */
export class RoundRobin {
  /** Increases when an epoch ends (at most once per turn): a connection's budget is per epoch. */
  epoch = 0;
  #queue: TurnTaker[] = [];
  readonly #queued = new Set<TurnTaker>();
  #scheduled = false;

  /** Ends the epoch in this turn's check phase, so that the next turn starts with fresh budgets. */
  touch(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#turn());
  }

  /** `t` has requests waiting beyond its budget: it gets a turn after the others'. */
  wait(t: TurnTaker): void {
    if (this.#queued.has(t)) return;
    this.#queued.add(t);
    this.#queue.push(t);
    this.touch();
  }

  /** `t` is gone. */
  forget(t: TurnTaker): void {
    if (this.#queued.delete(t)) this.#queue = this.#queue.filter((x) => x !== t);
  }

  #turn(): void {
    this.#scheduled = false;
    this.epoch++;
    const now = this.#queue;
    this.#queue = [];
    for (const t of now) {
      if (!this.#queued.delete(t)) continue;
      t.takeTurn();
    }
  }
}
