// The page's files, served from the package: web/ (index.html, style.css) at the package's
// root and the page's compiled modules (dist/src/web/page/*.js and the scene-types.js they share). Only those names are served;
// files are read once and kept.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const webDir = fileURLToPath(new URL('../../../web/', import.meta.url));

export interface StaticFile {
  type: string;
  body: Buffer;
}

const cache = new Map<string, StaticFile | null>();

/** The file for URL path `path`, or undefined. */
export function staticFile(path: string): StaticFile | undefined {
  let f = cache.get(path);
  if (f === undefined) {
    f = load(path);
    cache.set(path, f);
  }
  return f ?? undefined;
}

function load(path: string): StaticFile | null {
  try {
    if (path === '/' || path === '/index.html') return { type: 'text/html; charset=utf-8', body: readFileSync(webDir + 'index.html') };
    if (path === '/style.css') return { type: 'text/css; charset=utf-8', body: readFileSync(webDir + 'style.css') };
    if (path === '/scene-types.js') return { type: 'text/javascript; charset=utf-8', body: readFileSync(pageDir + '../scene-types.js') };
    const m = /^\/page\/([a-z][a-z-]*\.js)$/.exec(path);
    if (m !== null) return { type: 'text/javascript; charset=utf-8', body: readFileSync(pageDir + m[1]) };
  } catch {
    // not in the package: 404
  }
  return null;
}

/** The URL paths of every file the page loads, for measuring its size. */
export const PAGE_FILES = ['/', '/style.css', '/page/app.js', '/page/state.js', '/page/scale.js', '/page/draw.js', '/page/tables.js', '/page/colour.js', '/scene-types.js'];
