// NinepError against the real server: the same refusal reads the same in every dialect — the
// Plan 9 string as the message, the errno and its name as the code.

import { expect } from 'chai';
import { RamFs } from '../../../examples/ramfs.js';
import { Client } from '../../../src/9p/client/client.js';
import { NinepError } from '../../../src/9p/client/errors.js';
import { Fsys } from '../../../src/9p/client/fsys.js';
import { NinepServer } from '../../../src/9p/server/server.js';
import { Eexist, Eisdir, Enonexist } from '../../../src/lib9/errors.js';
import { DMDIR, OREAD, OWRITE } from '../../../src/lib9/modes.js';
import { duplexPair } from '../../helpers/pair.js';

async function refusal(p: Promise<unknown>): Promise<NinepError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(NinepError);
    return e as NinepError;
  }
  throw new Error('expected a refusal');
}

describe('9P client errors through the server', () => {
  for (const version of ['9P2000', '9P2000.u', '9P2000.L'] as const) {
    it(`${version}: message, ename, errno and code do not depend on the dialect`, async () => {
      const server = new NinepServer({ dev: new RamFs('eve'), eve: 'eve', log: () => {} });
      const [a, b] = duplexPair();
      server.accept(a);
      const client = await Client.connect(b, { version });
      try {
        const fs = await Fsys.attach(client, 'eve');
        const got: [string, string, number, string][] = [];
        const note = (e: NinepError): void => { got.push([e.message, e.ename, e.errno, e.code]); };
        note(await refusal(fs.open('nothere', OREAD)));
        await (await fs.create('d', DMDIR | 0o777, OREAD)).clunk();
        note(await refusal(fs.create('d', DMDIR | 0o777, OREAD)));
        note(await refusal(fs.open('d', OWRITE)));
        expect(got).to.deep.equal([
          [Enonexist, Enonexist, 2, 'ENOENT'],
          [Eexist, Eexist, 17, 'EEXIST'],
          [Eisdir, Eisdir, 21, 'EISDIR'],
        ]);
      } finally {
        client.close();
      }
    });
  }
});
