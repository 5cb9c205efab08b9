// The web view in a real browser: `segfs serve --http` in a child process, the system's
// headless Chromium on its page, and a 9P client making #g segments and #p processes, taking
// and claiming with copy-on-write. Asserts what the page shows and that it follows every change
// without a reload; saves screenshots in dist/test/web/screenshots/. Run by test/web/run.ts.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser.js';
import { startCliServer, type CliServer } from './cli-server.js';
import { Driver } from './driver.js';
import { buildRealisticScene, HEAP, type SceneIds } from './scene-setup.js';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const seg = (pid: number, addr: number): string => `.seg[data-pid="${pid}"][data-addr="0x${addr.toString(16)}"]`;

describe('web view in headless Chromium', function () {
  this.timeout(60_000);
  let server: CliServer;
  let browser: Browser;
  let page: Page;
  let d: Driver;
  let ids: SceneIds;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startCliServer();
    browser = await launch(process.env.SEGFS_CHROMIUM!);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    d = await Driver.connect(server.ninep);
  });

  after(async () => {
    await d?.close();
    await browser?.close();
    await server?.stop();
  });

  it('loads self-contained and shows the empty kernel live', async () => {
    const res = await page.goto(server.url);
    expect(res?.status()).to.equal(200);
    await page.waitForSelector('#status.live');
    expect(await page.textContent('#globals tbody')).to.contain('no #g segments');
    // a marker that a reload would lose
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
  });

  it('shows a #g segment made by mkdir and va without a reload', async () => {
    await d.segment('first', 0x40000000, 0x2000);
    const row = await page.waitForSelector('#globals tr[data-name="first"][data-va="0x40000000"]', { timeout: 2000 });
    expect(await row.textContent()).to.contain('8 KiB').and.contain('glenda').and.contain('rw-rw----');
    await d.rmseg('first');
    await page.waitForSelector('#globals tr[data-name="first"]', { state: 'detached', timeout: 2000 });
  });

  it('draws processes, sharing, a copy-on-write copy, offers, grants and a share group', async () => {
    ids = await buildRealisticScene(d, async (p) => {
      // before c writes: its mapping is a copy-on-write view of a's heap (same memory, hatched)
      const cow = await page.waitForSelector(`${seg(p.c, HEAP)}[data-flags~="private"]`, { timeout: 2000 });
      const mine = await page.$(seg(p.a, HEAP));
      expect(await cow.getAttribute('data-shadow')).to.equal(await mine!.getAttribute('data-shadow'));
      await page.screenshot({ path: `${shots}cow-before-write.png` });
    });
    const a = await page.waitForSelector(seg(ids.a, HEAP));
    const heap = await a.getAttribute('data-shadow');
    // b shares a's memory object: same colour
    const b = await page.waitForSelector(`${seg(ids.b, HEAP)}[data-shadow="${heap}"]`);
    expect(await (await b.$('rect'))!.getAttribute('fill')).to.equal(await (await a.$('rect'))!.getAttribute('fill'));
    // c wrote: its private copy is another memory object, linked to the one it came from
    const copy = await page.waitForSelector(`${seg(ids.c, HEAP)}[data-flags~="copied"]`);
    const copied = await copy.getAttribute('data-shadow');
    expect(copied).to.not.equal(heap);
    await page.waitForSelector(`.copyline[data-from="${heap}"][data-to="${copied}"]`);
    // the pending offer and the standing grants as arrows
    await page.waitForSelector(`.offer[data-src="${ids.d}"][data-dest="${ids.a}"][data-addr="0x30000000"]`);
    await page.waitForSelector(`.share[data-src="${ids.a}"][data-dest="${ids.b}"]`);
    await page.waitForSelector(`.share[data-src="${ids.a}"][data-dest="${ids.c}"]`);
    // the share group's shared region is one band across its three processes
    await page.waitForSelector(`.band[data-group="${ids.proto}"][data-members="${ids.proto} ${ids.member} ${ids.member2}"]`);
    expect(await page.$$(`.band[data-group="${ids.proto}"]`)).to.have.length(1);
    // #g: holders and committed bytes
    await page.waitForSelector(`#globals tr[data-name="ring"][data-holders="${ids.writer} ${ids.reader}"]`);
    expect(await page.textContent('#globals tr[data-name="arena"]')).to.contain('64 GiB').and.contain(`procs ${ids.reader}`);
    // Plan 9 segments are labelled with their type
    expect(await page.$$(`.seg[data-pid="${ids.writer}"][data-label="Stack"]`)).to.have.length(1);
    expect(await page.textContent('#events')).to.contain(`proc ${ids.c} writes 0x10000000: private copy of memory ${heap} made`);
    await page.screenshot({ path: `${shots}scene.png`, fullPage: true });
  });

  it('keeps a 4 KiB segment visible beside a 64 GiB one, and zooms', async () => {
    await d.segment('tiny', 0x50000000, 0x1000);
    await d.ctl(ids.reader, 'segattach 0 tiny 0 0');
    const tiny = await page.waitForSelector(`${seg(ids.reader, 0x50000000)} rect`);
    const arena = await page.waitForSelector(`${seg(ids.reader, 0x1000000000)} rect`);
    const wt = (await tiny.boundingBox())!.width;
    const wa = (await arena.boundingBox())!.width;
    expect(wt).to.be.at.least(2);
    expect(wa).to.be.greaterThan(wt);
    await page.fill('#zlo', '0x10000000');
    await page.fill('#zhi', '0x10040000');
    await page.click('#zoom button[type=submit]');
    const zoomed = await page.waitForSelector(`${seg(ids.a, HEAP)} rect`);
    expect((await zoomed.boundingBox())!.width).to.be.greaterThan(400);
    await page.screenshot({ path: `${shots}zoomed.png` });
    await page.click('#zreset');
  });

  it('follows a claim and a process exit without a reload', async () => {
    const r = await d.ctl(ids.a, `claim ${ids.d} 0x30000000`);
    const local = Number(/addr (0x[0-9a-f]+)/.exec(r)![1]);
    await page.waitForSelector(`.offer[data-src="${ids.d}"]`, { state: 'detached', timeout: 2000 });
    const offered = await page.getAttribute(seg(ids.d, 0x30000000), 'data-shadow');
    await page.waitForSelector(`${seg(ids.a, local)}[data-shadow="${offered}"]`, { timeout: 2000 });
    await d.ctl(ids.b, 'kill');
    await page.waitForSelector(`.proc[data-pid="${ids.b}"]`, { state: 'detached', timeout: 2000 });
    await page.waitForSelector(`.share[data-dest="${ids.b}"]`, { state: 'detached', timeout: 2000 });
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).to.equal(42);
    expect(errors).to.deep.equal([]);
    await page.screenshot({ path: `${shots}after-claim.png`, fullPage: true });
  });

  it('rebuilds the same picture from one snapshot on a fresh connection', async () => {
    const before = await page.$$eval('.seg', (els) => els.map((e) => `${(e as SVGElement).dataset.pid} ${(e as SVGElement).dataset.addr} ${(e as SVGElement).dataset.flags}`).sort());
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await fresh.goto(server.url);
    await fresh.waitForSelector('#status.live');
    await fresh.waitForSelector('.seg');
    const after = await fresh.$$eval('.seg', (els) => els.map((e) => `${(e as SVGElement).dataset.pid} ${(e as SVGElement).dataset.addr} ${(e as SVGElement).dataset.flags}`).sort());
    expect(after).to.deep.equal(before);
    await fresh.close();
  });

});
