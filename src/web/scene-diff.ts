// Diffs consecutive scenes entity by entity: each process, group, #g segment, memory object
// and offer is compared by its JSON text, and a diff carries the entities that changed whole.
// The page applies a diff by replacing and deleting entries (page/state.ts).

import { SCENE_PARTS, type Scene, type SceneDiff } from './scene-types.js';

export class SceneDiffer {
  /** part → key → JSON text of the entity in the last scene */
  #texts = new Map<string, Map<string, string>>();

  /** The diff from the last scene given to this one, or undefined if nothing changed. */
  next(scene: Scene): SceneDiff | undefined {
    const diff: SceneDiff = { set: {}, del: {} };
    let changed = false;
    for (const part of SCENE_PARTS) {
      const before = this.#texts.get(part) ?? new Map<string, string>();
      const after = new Map<string, string>();
      const entries = scene[part] as Record<string, unknown>;
      for (const key in entries) {
        const text = JSON.stringify(entries[key]);
        after.set(key, text);
        if (before.get(key) !== text) {
          (diff.set[part] ??= {})[key] = entries[key];
          changed = true;
        }
      }
      for (const key of before.keys()) {
        if (!after.has(key)) {
          (diff.del[part] ??= []).push(key);
          changed = true;
        }
      }
      this.#texts.set(part, after);
    }
    return changed ? diff : undefined;
  }
}
