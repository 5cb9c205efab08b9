// Scenario: a connection closed for a protocol error must first send every reply it already
// produced. One packet carries Tversion, Tattach, a Tclunk of an unknown fid (answered with
// an error) and then a frame the server must close the connection for (a size below 7, a
// size above msize, an R-message); the three replies must arrive before the close.

import { DIALECTS, MsgType, NOFID, NONUNAME, NOTAG, encode } from '../src/public/9p.js';
import { marks, serverChecks, sleep, type Ctx, type Scenario } from './context.js';
import { RawConn } from './raw-conn.js';

/** Frames the server cannot go on after, each with what it is. */
const ENDINGS: readonly [string, Buffer][] = [
  ['size 3', Buffer.from([3, 0, 0, 0, 100, 0, 0])],
  ['size above msize', Buffer.from([0x01, 0x00, 0x01, 0x00, 110, 5, 0])],
  ['an R-message', Buffer.from([7, 0, 0, 0, MsgType.Rclunk, 9, 0])],
];

export const protocolClose: Scenario = {
  name: 'protocol-close',
  what: 'replies already produced are sent before a protocol-error close',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const lost: string[] = [];
    let probes = 0;
    for (const dialect of DIALECTS) {
      for (const [what, ending] of ENDINGS) {
        const conn = await RawConn.connect(ctx.server.port, ctx.audit, dialect);
        conn.logging = true;
        const frames = [
          encode({ type: MsgType.Tversion, tag: NOTAG, msize: 8192, version: dialect }, dialect),
          encode({ type: MsgType.Tattach, tag: 1, fid: 0, afid: NOFID, uname: 'closer', aname: '', nUname: NONUNAME }, dialect),
          encode({ type: MsgType.Tclunk, tag: 2, fid: 77 }, dialect),
          ending,
        ];
        conn.write(Buffer.concat(frames));
        await Promise.race([conn.closedPromise, sleep(5000)]);
        conn.destroy();
        probes++;
        const got = conn.log.map((a) => MsgType[a.type]).join(' ') || 'nothing';
        if (conn.log.length !== 3) lost.push(`${dialect}, ${what}: got ${got}; want Rversion Rattach ${dialect === '9P2000.L' ? 'Rlerror' : 'Rerror'}`);
      }
    }
    ctx.report.figure('probes (3 dialects × 3 endings)', probes);
    ctx.report.check('every reply produced before the bad frame arrives before the close', lost.length === 0, lost);
    serverChecks(ctx, m);
  },
};
