/// <reference lib="dom" />
// The address-space picture: one row per process on one piecewise address axis (scale.ts).
// Mappings are blocks coloured by memory object, so one object has one colour in every row;
// copy-on-write mappings are hatched; private copies sit apart (lower, dashed) with a dotted
// line to the object they were copied from; a share group's shared region is one band across
// its members' rows; pending offers (dashed) and standing grants (solid) are arrows from
// giver to receiver. Built as one SVG string, full height, with only the rows near the part
// scrolled into view drawn, so a thousand processes cost what a screenful does.

import type { OfferView, ProcView, Scene, SegView } from '../scene-types.js';
import { colourOf, strokeOf } from './colour.js';
import { PiecewiseScale } from './scale.js';

const LABEL_W = 190;
const AXIS_H = 46;
const ROW_H = 26;
const SEG_Y = 5;
const SEG_H = 15;
const PAGE = 4096;

/** What to draw: the whole user range, or a zoom into it. */
export interface View {
  lo: number;
  hi: number;
  width: number;
  /** the part of the picture scrolled into view: rows far outside it are left out */
  top: number;
  height: number;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
export const hex = (n: number): string => `0x${n.toString(16)}`;

/** 64 GiB, 4 KiB, 12 MiB… */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1 && n % 1024 === 0) {
    n /= 1024;
    u++;
  }
  if (n >= 10240 && u < units.length - 1) return `${(n / 1024).toFixed(1)} ${units[u + 1]}`;
  return `${n} ${units[u]}`;
}

function flagWords(s: SegView): string {
  return [s.private && !s.copied ? 'private' : '', s.copied ? 'copied' : '', s.segmented ? 'segmented' : '', s.shared ? 'shared-region' : ''].filter(Boolean).join(' ');
}

interface Row {
  p: ProcView;
  y: number;
}

/** Rows in pid order, a share group's members together under its prototype. */
function layout(scene: Scene): Row[] {
  const procs = Object.values(scene.procs).sort((a, b) => a.pid - b.pid);
  const rows: Row[] = [];
  const done = new Set<number>();
  let y = AXIS_H;
  const add = (p: ProcView): void => {
    rows.push({ p, y });
    done.add(p.pid);
    y += ROW_H;
  };
  for (const p of procs) {
    if (done.has(p.pid)) continue;
    if (p.group !== 0) {
      for (const q of procs) if (q.group === p.group && !done.has(q.pid)) add(q);
    } else add(p);
  }
  return rows;
}

/** The SVG of `scene` under `view`. */
export function drawSpaces(scene: Scene, view: View): string {
  const rows = layout(scene);
  const groups = Object.values(scene.groups);
  const ranges: [number, number][] = [];
  for (const p of Object.values(scene.procs)) for (const s of p.segs) ranges.push([s.addr, s.addr + s.len]);
  for (const g of groups) {
    ranges.push([g.base, g.base], [g.top, g.top], [g.base - PAGE, g.base - PAGE]);
    for (const s of g.segs) ranges.push([s.addr, s.addr + s.len]);
  }
  const axisW = Math.max(400, view.width - LABEL_W - 16);
  const sc = new PiecewiseScale(view.lo, view.hi, ranges, LABEL_W, axisW);
  const height = AXIS_H + rows.length * ROW_H + 8;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_W + axisW + 12}" height="${height}" data-rows="${rows.length}">`);
  out.push('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="6" fill="#ffffffb0"/></pattern>'
    + '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#c2410c"/></marker>'
    + '<marker id="arrowg" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1d4ed8"/></marker></defs>');

  // Axis: boundaries as ticks, faint lines down every row.
  for (const a of sc.ticks(12, 104)) {
    const x = sc.x(a).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${AXIS_H - 6}" y2="${height}" stroke="#0000000f"/><text class="mono" x="${x}" y="${AXIS_H - 10}" text-anchor="middle">${hex(a)}</text>`);
  }
  out.push(`<text x="6" y="14" fill="#6b7580">${esc(`${hex(view.lo)} – ${hex(view.hi)}, each gap between mapping boundaries log-scaled`)}</text>`);

  const near = (y: number): boolean => y >= view.top - view.height - ROW_H && y <= view.top + 2 * view.height;
  const rowOf = new Map<number, Row>();
  for (const r of rows) rowOf.set(r.p.pid, r);
  /** where each memory object is first drawn, for the lines from private copies */
  const placed = new Map<number, [number, number]>();
  const copies: [SegView, number, number][] = [];
  const segRect = (pid: number, s: SegView, y: number, h: number): void => {
    const x0 = sc.x(s.addr);
    const x1 = sc.x(s.addr + s.len);
    if (x1 < sc.x0 || x0 > sc.x0 + sc.width || (s.addr + s.len <= view.lo) || s.addr >= view.hi) return;
    const w = Math.max(2, x1 - x0);
    const apart = s.copied ? 4 : 0;
    const words = flagWords(s);
    const title = `pid ${pid} ${hex(s.addr)}–${hex(s.addr + s.len)} (${bytes(s.len)}) ${s.rights}${words ? ` ${words}` : ''}\nmemory ${s.shadow} offset ${hex(s.offset)}${s.label ? `\n${s.label}` : ''}`;
    out.push(`<g class="seg" data-pid="${pid}" data-addr="${hex(s.addr)}" data-len="${hex(s.len)}" data-shadow="${s.shadow}" data-flags="${words}"${s.label ? ` data-label="${esc(s.label)}"` : ''} data-tip="${esc(title)}">`
      + `<rect x="${x0.toFixed(1)}" y="${y + apart}" width="${w.toFixed(1)}" height="${h}" rx="2" fill="${colourOf(s.shadow)}" stroke="${strokeOf(s.shadow)}"${s.copied ? ' stroke-dasharray="3 2" stroke-width="1.5"' : ''}/>`
      + (s.private && !s.copied ? `<rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" fill="url(#hatch)" pointer-events="none"/>` : ''));
    const text = [s.label, s.rights, s.private && !s.copied ? 'cow' : s.copied ? 'copy' : ''].filter(Boolean).join(' ');
    if (w > 34) out.push(`<text x="${(x0 + 3).toFixed(1)}" y="${y + apart + h - 4}" pointer-events="none">${esc(text.slice(0, Math.floor(w / 6.2)))}</text>`);
    out.push('</g>');
    if (!placed.has(s.shadow) && !s.copied) placed.set(s.shadow, [(x0 + x1) / 2, y + h / 2]);
    if (s.copied) copies.push([s, (x0 + x1) / 2, y + apart + h / 2]);
  };

  // Share groups: the shared region as one band across the members' rows.
  for (const g of groups) {
    const members = rows.filter((r) => r.p.group === g.id);
    if (members.length === 0) continue;
    const y0 = members[0]!.y + 2;
    const y1 = members[members.length - 1]!.y + ROW_H - 2;
    const x0 = sc.x(g.base);
    const x1 = sc.x(g.top);
    out.push(`<g class="band" data-group="${g.id}" data-members="${g.members.join(' ')}" data-tip="share group ${g.id}: shared region ${hex(g.base)}–${hex(g.top)}, members ${g.members.join(', ')}">`
      + `<rect x="${x0.toFixed(1)}" y="${y0}" width="${Math.max(2, x1 - x0).toFixed(1)}" height="${y1 - y0}" fill="#e0e7ff" stroke="#6366f1" stroke-dasharray="5 3" rx="4"/>`
      + `<text x="${(x0 + 4).toFixed(1)}" y="${y0 - 3}" fill="#4338ca">share group ${g.id}: shared region</text></g>`);
    for (const s of g.segs) segRect(g.id, s, y0 + 3, y1 - y0 - 6);
  }

  for (const r of rows) {
    if (!near(r.y)) continue;
    const p = r.p;
    const kind = p.kind === 'normal' ? (p.plan9 ? 'Plan 9' : '') : p.kind;
    out.push(`<g class="proc" data-pid="${p.pid}"><text x="6" y="${r.y + 16}"><tspan font-weight="600">${p.pid}</tspan> ${esc(p.name.slice(0, 18))}${kind ? ` <tspan fill="#6b7580">${esc(kind)}</tspan>` : ''}</text>`);
    if (p.kind !== 'prototype') {
      const top = p.kind === 'member' ? (scene.groups[String(p.group)]?.base ?? scene.userTop) - PAGE : scene.userTop;
      const x0 = sc.x(scene.userBase);
      const x1 = sc.x(top);
      out.push(`<rect x="${x0.toFixed(1)}" y="${r.y + SEG_Y + SEG_H / 2 - 1}" width="${(x1 - x0).toFixed(1)}" height="2" fill="#d5d9de"/>`);
    }
    out.push('</g>');
    for (const s of p.segs) segRect(p.pid, s, r.y + SEG_Y, SEG_H);
  }

  // Private copies: a dotted line to where the object they were copied from is drawn.
  for (const [s, x, y] of copies) {
    const from = scene.shadows[String(s.shadow)]?.from;
    const at = from === undefined ? undefined : placed.get(from);
    if (at === undefined) continue;
    const bend = Math.max(x, at[0]) - 40 - Math.min(60, Math.abs(y - at[1]) / 4);
    out.push(`<g class="copyline" data-from="${from}" data-to="${s.shadow}"><path d="M${x.toFixed(1)} ${y}C${bend.toFixed(1)} ${y} ${bend.toFixed(1)} ${at[1]} ${at[0].toFixed(1)} ${at[1]}" stroke="#334155" stroke-width="1.3" stroke-dasharray="2 3" fill="none"/>`
      + `<text x="${(bend - 4).toFixed(1)}" y="${((y + at[1]) / 2 + 4).toFixed(1)}" text-anchor="end" fill="#334155">copied from ${from}</text></g>`);
  }

  // Offers and grants: arrows from giver to receiver, bending right of the range offered.
  for (const o of Object.values(scene.offers) as OfferView[]) {
    const a = rowOf.get(o.src);
    const b = rowOf.get(o.dest);
    if (a === undefined || b === undefined || (!near(a.y) && !near(b.y))) continue;
    const x = Math.min(sc.x0 + sc.width - 20, Math.max(sc.x0 + 10, sc.x(o.addr + o.len / 2)));
    const ya = a.y + SEG_Y + SEG_H / 2;
    const yb = b.y + (b.y > a.y ? SEG_Y - 1 : SEG_Y + SEG_H + 1);
    const bend = 46 + Math.min(120, Math.abs(b.y - a.y) / 4);
    const offer = o.kind === 'offer';
    const colour = offer ? '#c2410c' : '#1d4ed8';
    out.push(`<g class="${o.kind}" data-src="${o.src}" data-dest="${o.dest}" data-addr="${hex(o.addr)}" data-tip="${o.kind === 'offer' ? 'pending offer' : 'standing grant'} from ${o.src} to ${o.dest}: ${hex(o.addr)}+${hex(o.len)} ${esc(o.flags)}">`
      + `<path d="M${x.toFixed(1)} ${ya}C${(x + bend).toFixed(1)} ${ya} ${(x + bend).toFixed(1)} ${yb} ${x.toFixed(1)} ${yb}" fill="none" stroke="${colour}" stroke-width="1.6"${offer ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${offer ? 'arrow' : 'arrowg'})"/>`
      + `<text x="${(x + bend * 0.75 + 4).toFixed(1)}" y="${((ya + yb) / 2 + 4).toFixed(1)}" fill="${colour}">${offer ? 'offer' : 'grant'} ${esc(o.flags)}</text></g>`);
  }
  out.push('</svg>');
  return out.join('');
}
