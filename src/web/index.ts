// startWebView(): the live web view of one kernel, and the #g and #p devices of that kernel
// wired to tell it about changes. Serve `dev` with serve() so the page shows what 9P does.

import { SegmentDev } from '../devseg/index.js';
import { ProcDev } from '../devproc/index.js';
import { AnameMux } from '../dev/aname-mux.js';
import { Kernel } from '../kernel/kernel.js';
import { watchDevices } from './changes.js';
import { parseWebAddress } from './http-address.js';
import { LiveScene } from './live.js';
import { WebServer } from './web-server.js';

/** Options of startWebView. */
export interface WebViewOptions {
  /** tcp!HOST!PORT (a loopback host; port 0 picks one) or unix!PATH. */
  listen: string;
  /** The host owner of the devices. */
  eve: string;
  /** Default: a new Kernel. */
  kernel?: Kernel;
}

/** A running web view: its devices to serve, and the page's address. */
export interface WebView {
  /** #g (aname "", "/", "#g") and #p of the kernel, for serve({ dev }). */
  readonly dev: AnameMux;
  /** The kernel shown. */
  readonly kernel: Kernel;
  /** The scene the page is sent, updated on every change. */
  readonly live: LiveScene;
  /** The dial string the page is served on, with the real port. */
  readonly address: string;
  /** http://… for a tcp address. */
  readonly url: string | undefined;
  /** Stops the page's server and the scene's updates (the devices stay usable). */
  close(): Promise<void>;
}

/**
 * Starts the live web view of one kernel: an HTTP page that draws its processes, address
 * spaces and segments, updated as the #g and #p devices it returns change them.
 * @param o - where to serve the page (loopback only: it has no authentication), eve, kernel
 * @returns the view; serve `dev` with serve({ dev }) so the page shows what 9P does
 * @throws Error `ADDRESS: the web view has no authentication and listens on loopback only …`
 *   for a host that is not loopback or a bad dial string; the listen error (address in use)
 */
export async function startWebView(o: WebViewOptions): Promise<WebView> {
  const a = parseWebAddress(o.listen);
  const kernel = o.kernel ?? new Kernel();
  const g = new SegmentDev(kernel, o.eve);
  const p = new ProcDev(kernel, o.eve);
  const live = new LiveScene(kernel);
  watchDevices([g, p], live.changed);
  const server = new WebServer(live);
  const address = await server.listen(a);
  const url = a.net === 'tcp' ? `http://${a.host.includes(':') ? `[${a.host}]` : a.host}:${address.split('!')[2]}/` : undefined;
  return {
    dev: new AnameMux(g, [p]),
    kernel,
    live,
    address,
    url,
    close: async () => {
      live.close();
      await server.close();
    },
  };
}
