/// <reference lib="dom" />
// The page's copy of the scene: set whole from a `scene` message, patched by `diff` messages.
// A diff whose seq does not follow the last one means something was missed: the caller then
// reconnects and starts again from a whole scene.

import { SCENE_PARTS, type DiffMessage, type LogEntry, type Scene, type SceneMessage } from '../scene-types.js';

const LOG_KEEP = 40;

export class PageState {
  scene: Scene | undefined;
  seq = -1;
  log: LogEntry[] = [];

  /** Replaces everything with `m`. */
  reset(m: SceneMessage): void {
    this.scene = m.scene;
    this.seq = m.seq;
    this.log = m.log.slice(-LOG_KEEP);
  }

  /** Applies `m`; false if it does not follow the state (a message was missed). */
  apply(m: DiffMessage): boolean {
    const scene = this.scene;
    if (scene === undefined || m.seq !== this.seq + 1) return m.seq <= this.seq;
    for (const part of SCENE_PARTS) {
      const entries = scene[part] as Record<string, unknown>;
      for (const key of m.diff.del[part] ?? []) delete entries[key];
      Object.assign(entries, m.diff.set[part] ?? {});
    }
    this.seq = m.seq;
    this.log.push(...m.log);
    if (this.log.length > LOG_KEEP) this.log.splice(0, this.log.length - LOG_KEEP);
    return true;
  }
}
