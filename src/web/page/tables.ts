/// <reference lib="dom" />
// The #g table and the event log, as HTML rows.

import type { LogEntry, Scene } from '../scene-types.js';
import { colourOf } from './colour.js';
import { bytes, hex } from './draw.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One row per #g segment, in slot order. */
export function globalRows(scene: Scene): string {
  const rows = Object.values(scene.globals).sort((a, b) => a.slot - b.slot);
  if (rows.length === 0) return '<tr><td colspan="7">no #g segments</td></tr>';
  return rows.map((g) => {
    const holders = [g.procs.length > 0 ? `procs ${g.procs.join(' ')}` : '', g.fids > 0 ? `${g.fids} open fid${g.fids === 1 ? '' : 's'}` : ''].filter(Boolean).join('; ') || '—';
    const pct = g.len === 0 ? '' : ` (${Math.round((100 * g.committed) / g.len)}%)`;
    const swatch = g.shadow === 0 ? '' : `<svg class="swatch" width="10" height="10"><rect width="10" height="10" fill="${colourOf(g.shadow)}"/></svg>`;
    return `<tr data-name="${esc(g.name)}" data-va="${hex(g.va)}" data-holders="${g.procs.join(' ')}">`
      + `<td>${swatch}${esc(g.name)}</td><td class="num">${g.va === 0 ? '—' : hex(g.va)}</td><td class="num">${g.len === 0 ? '—' : bytes(g.len)}</td>`
      + `<td>${esc(g.uid)}</td><td class="num">${g.mode}</td><td>${esc(holders)}</td><td class="num">${bytes(g.committed)}${pct}</td></tr>`;
  }).join('');
}

/** The log, newest first. */
export function logItems(log: readonly LogEntry[]): string {
  let out = '';
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i]!;
    out += `<li><time>${new Date(e.t).toTimeString().slice(0, 8)}</time>${esc(e.text)}</li>`;
  }
  return out;
}
