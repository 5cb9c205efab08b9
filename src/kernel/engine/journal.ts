// Journal: the undo log of one kernel operation. Every check that can be made up front is made
// before anything changes; what can only be known afterwards (the segment count once merges
// are done, a failed memory allocation) rolls the operation back with this log, so that every
// failed call changes nothing.

import type { AddressSpace } from './address-space.js';
import type { Shadow } from './shadow.js';

export class Journal {
  readonly #undo: (() => void)[] = [];
  /** spaces whose segment lists changed: their counts are checked at commit */
  readonly spaces = new Set<AddressSpace>();
  /** shadows whose reference counts changed: freed at commit if they reached 0 */
  readonly shadows = new Set<Shadow>();
  /** work that cannot fail and must not be undone (releasing memory), run after commit */
  readonly #after: (() => void)[] = [];

  onUndo(fn: () => void): void {
    this.#undo.push(fn);
  }

  afterCommit(fn: () => void): void {
    this.#after.push(fn);
  }

  rollback(): void {
    for (let i = this.#undo.length - 1; i >= 0; i--) this.#undo[i]!();
    this.#undo.length = 0;
    this.#after.length = 0;
  }

  finish(): void {
    for (const fn of this.#after) fn();
  }
}
