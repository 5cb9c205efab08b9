/// <reference lib="dom" />
// The page: subscribes to /events, keeps the scene (state.ts), and redraws the #g table, the
// address spaces and the log after every message, at most once per task. A reconnect starts
// again from the whole scene the server sends first. After each render the document carries
// data-seq (the scene's sequence number) and a `segfs:render` event fires; data-first-render
// keeps when the first one was done.

import type { DiffMessage, SceneMessage } from '../scene-types.js';
import { drawSpaces, hex, type View } from './draw.js';
import { PageState } from './state.js';
import { globalRows, logItems } from './tables.js';

const state = new PageState();
let zoom: [number, number] | undefined;
let pending = false;
let source: EventSource | undefined;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function render(): void {
  pending = false;
  const scene = state.scene;
  if (scene === undefined) return;
  const box = $('svgbox');
  const view: View = { lo: zoom?.[0] ?? scene.userBase, hi: zoom?.[1] ?? scene.userTop, width: box.clientWidth || 1000, top: box.scrollTop, height: box.clientHeight || 800 };
  const top = box.scrollTop;
  box.innerHTML = drawSpaces(scene, view);
  box.scrollTop = top;
  $('globals').querySelector('tbody')!.innerHTML = globalRows(scene);
  $('events').innerHTML = logItems(state.log);
  const n = (o: object): number => Object.keys(o).length;
  $('summary').textContent = `${n(scene.procs)} processes · ${n(scene.globals)} #g segments · ${n(scene.shadows)} memory objects · ${n(scene.offers)} offers and grants`;
  document.documentElement.dataset.seq = String(state.seq);
  // ms from navigation start to the first picture in the document (docs/web.md's measurement)
  document.documentElement.dataset.firstRender ??= performance.now().toFixed(1);
  document.dispatchEvent(new CustomEvent('segfs:render', { detail: state.seq }));
}

function schedule(): void {
  if (pending) return;
  pending = true;
  setTimeout(render, 0);
}

function status(text: string, live: boolean): void {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('live', live);
}

function connect(): void {
  source?.close();
  const es = (source = new EventSource('events'));
  es.addEventListener('scene', (e) => {
    performance.mark('segfs:scene');
    state.reset(JSON.parse((e as MessageEvent<string>).data) as SceneMessage);
    status('live', true);
    schedule();
  });
  es.addEventListener('diff', (e) => {
    if (!state.apply(JSON.parse((e as MessageEvent<string>).data) as DiffMessage)) {
      connect();
      return;
    }
    schedule();
  });
  es.addEventListener('error', () => status('reconnecting…', false));
}

function parseAddr(s: string): number | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

function setZoom(lo: number | undefined, hi: number | undefined): void {
  const scene = state.scene;
  const a = Math.max(lo ?? 0, scene?.userBase ?? 0);
  const b = Math.min(hi ?? Number.MAX_SAFE_INTEGER, scene?.userTop ?? Number.MAX_SAFE_INTEGER);
  zoom = lo === undefined && hi === undefined || b <= a ? undefined : [a, b];
  ($('zlo') as HTMLInputElement).value = zoom ? hex(zoom[0]) : '';
  ($('zhi') as HTMLInputElement).value = zoom ? hex(zoom[1]) : '';
  schedule();
}

function start(): void {
  performance.mark('segfs:start');
  $('legend').innerHTML = '<span>colour: one memory object</span><span>hatched: copy-on-write, not yet copied</span>'
    + '<span>dashed, lower: private copy (dotted line to its origin)</span><span>blue band: share group\'s shared region</span>'
    + '<span>dashed arrow: pending offer</span><span>solid arrow: standing grant</span>';
  $('zoom').addEventListener('submit', (e) => {
    e.preventDefault();
    setZoom(parseAddr(($('zlo') as HTMLInputElement).value), parseAddr(($('zhi') as HTMLInputElement).value));
  });
  $('zreset').addEventListener('click', () => setZoom(undefined, undefined));
  $('svgbox').addEventListener('click', (e) => {
    const g = (e.target as Element).closest('.seg') as SVGGElement | null;
    if (g === null) return;
    const addr = Number(g.dataset.addr);
    const len = Number(g.dataset.len);
    const pad = Math.max(4096, Math.floor(len / 8));
    setZoom(Math.max(0, addr - pad), addr + len + pad);
  });
  const tip = $('tip');
  $('svgbox').addEventListener('mousemove', (e) => {
    const t = (e.target as Element).closest('[data-tip]') as SVGElement | null;
    tip.hidden = t === null;
    if (t === null) return;
    tip.textContent = t.dataset.tip ?? '';
    tip.style.left = `${e.clientX + 12}px`;
    tip.style.top = `${e.clientY + 12}px`;
  });
  $('svgbox').addEventListener('mouseleave', () => { tip.hidden = true; });
  $('svgbox').addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  connect();
}

start();
