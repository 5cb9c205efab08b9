// The live scene: rebuilds the scene when the state has changed, at most once per TICK_MS,
// and hands each diff (with the event-log lines it implies) to the subscribers. `changed()`
// only marks the scene dirty and arms one timer; nothing is built while no page is open.

import { CopyOrigins } from './copy-origins.js';
import { describe, EventLog } from './event-log.js';
import { buildScene, type SceneKernel } from './scene.js';
import { SceneDiffer } from './scene-diff.js';
import type { DiffMessage, Scene, SceneMessage } from './scene-types.js';

/** Shortest time between two rebuilds under a stream of changes. */
export const TICK_MS = 30;

export type DiffListener = (m: DiffMessage) => void;

export class LiveScene {
  readonly log = new EventLog();
  readonly #kernel: SceneKernel;
  readonly #differ = new SceneDiffer();
  readonly #origins = new CopyOrigins();
  readonly #listeners = new Set<DiffListener>();
  #scene: Scene | undefined;
  #seq = 0;
  #dirty = true;
  #timer: NodeJS.Timeout | undefined;
  #last = 0;

  constructor(kernel: SceneKernel) {
    this.#kernel = kernel;
  }

  /** Something may have changed: rebuild within TICK_MS if anyone watches. */
  readonly changed = (): void => {
    if (this.#dirty) return;
    this.#dirty = true;
    if (this.#listeners.size > 0) this.#arm();
  };

  /** The current scene as one message (rebuilt first if it is stale). */
  current(): SceneMessage {
    if (this.#dirty || this.#scene === undefined) this.#rebuild();
    return { seq: this.#seq, scene: this.#scene!, log: this.log.entries };
  }

  /** Calls `fn` with every diff until the returned function is called. */
  subscribe(fn: DiffListener): () => void {
    this.#listeners.add(fn);
    return () => {
      this.#listeners.delete(fn);
    };
  }

  /** Stops the timer. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#listeners.clear();
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + TICK_MS - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#dirty && this.#listeners.size > 0) this.#rebuild();
    }, wait);
  }

  #rebuild(): void {
    this.#dirty = false;
    this.#last = performance.now();
    const prev = this.#scene;
    const scene = buildScene(this.#kernel);
    this.#origins.note(prev, scene);
    const diff = this.#differ.next(scene);
    this.#scene = scene;
    if (diff === undefined) return;
    this.#seq++;
    const added = prev === undefined ? [] : this.log.add(describe(prev, scene, diff));
    const m: DiffMessage = { seq: this.#seq, diff, log: added };
    for (const fn of this.#listeners) fn(m);
  }
}
