// Scenario: the permission matrix. Users (eve, the segment's owner, another user) × segments
// of many modes × operations (walk; open ctl and data OREAD/OWRITE/ORDWR; wstat mode; write a
// `va` to ctl, plain and `sticky`; create; remove), in all three dialects, each decision
// compared with Plan 9's rule (port/dev.c devpermcheck): the owner bits if the user owns the
// file, the group bits if the user is eve (the group is always eve), else the other bits.
// In #g (9front devsegment.c) anyone may walk, create a segment (owned by its creator) and
// remove one; wstat is for the owner or eve; `sticky` and `fixed` are for eve only.

import { DIALECTS, type Dialect } from '../src/public/9p.js';
import { marks, serverChecks, type Ctx, type Scenario } from './context.js';
import { isPermissionDenied, NinepError, SEG_VA, Session } from './session.js';

const MODES = [0o660, 0o600, 0o640, 0o604, 0o644, 0o606, 0o000, 0o777, 0o400, 0o200, 0o060, 0o006, 0o044, 0o022];

/** Plan 9's access[] table: what an open mode needs. */
const NEED = [4, 2, 6, 1];

/** devpermcheck as a predicate. */
export function permits(user: string, owner: string, eve: string, perm: number, omode: number): boolean {
  const shift = user === owner ? 6 : user === eve ? 3 : 0;
  const have = (perm >> shift) & 7;
  const need = NEED[omode & 3]!;
  return (have & need) === need;
}

interface Matrix { decisions: number; mismatches: string[]; byOp: Map<string, number> }

export const permissions: Scenario = {
  name: 'permissions',
  what: 'users × operations × modes, every decision against devpermcheck\'s rule',
  async run(ctx: Ctx): Promise<void> {
    const m = marks(ctx);
    const eve = ctx.server.eve;
    const mx: Matrix = { decisions: 0, mismatches: [], byOp: new Map() };
    const modes = ctx.short ? MODES.slice(0, 8) : MODES;
    for (const dialect of DIALECTS) {
      for (const owner of ['alice', eve]) await ownerRound(ctx, dialect, owner, modes, mx);
    }
    const r = ctx.report;
    r.figure('decisions', mx.decisions);
    r.figure('by operation', [...mx.byOp].map(([k, v]) => `${k} ${v}`).join(', '));
    r.figure('mismatches', mx.mismatches.length);
    r.check('every permission decision follows the rule', mx.mismatches.length === 0, mx.mismatches);
    serverChecks(ctx, m);
  },
};

async function ownerRound(ctx: Ctx, dialect: Dialect, owner: string, modes: number[], mx: Matrix): Promise<void> {
  const port = ctx.server.port;
  const eve = ctx.server.eve;
  const admin = await Session.open(port, ctx.audit, dialect, owner);
  const users = [eve, 'alice', 'bob'];
  const sessions = new Map<string, Session>();
  for (const u of users) sessions.set(u, await Session.open(port, ctx.audit, dialect, u));
  try {
    const decide = async (what: string, user: string, mode: number, expected: boolean, op: () => Promise<unknown>) => {
      mx.decisions++;
      const key = what.split(' ')[0]!;
      mx.byOp.set(key, (mx.byOp.get(key) ?? 0) + 1);
      let allowed: boolean;
      try {
        await op();
        allowed = true;
      } catch (e) {
        if (!isPermissionDenied(e)) {
          mx.mismatches.push(`${dialect} ${what} by ${user} on ${owner}'s ${mode.toString(8)}: unexpected ${e instanceof NinepError ? e.message : String(e)}`);
          return;
        }
        allowed = false;
      }
      if (allowed !== expected) {
        mx.mismatches.push(`${dialect} ${what} by ${user} on ${owner}'s mode ${mode.toString(8).padStart(3, '0')}: ${allowed ? 'allowed' : 'denied'}, rule says ${expected ? 'allowed' : 'denied'}`);
      }
    };
    for (const mode of modes) {
      const seg = `perm-${mode.toString(8)}`;
      await admin.makeSegment(seg, 0x1000);
      await admin.chmod(seg, mode);
      for (const u of users) {
        const s = sessions.get(u)!;
        for (const path of [[seg], [seg, 'ctl'], [seg, 'data']]) {
          await decide(`walk ${path.join('/')}`, u, mode, true, async () => s.clunk(await s.walk(path)));
        }
        for (const file of ['ctl', 'data'] as const) {
          for (const omode of [0, 1, 2]) {
            await decide(`open ${file} ${['OREAD', 'OWRITE', 'ORDWR'][omode]}`, u, mode, permits(u, owner, eve, mode, omode),
              async () => s.clunk(await s.openFile(seg, file, omode)));
          }
        }
        await decide('wstat mode', u, mode, u === owner || u === eve, () => s.chmod(seg, mode));
        for (const sticky of [false, true]) {
          const fresh = `permw-${mode.toString(8)}`;
          await admin.createSegment(fresh);
          await admin.chmod(fresh, mode);
          const expected = permits(u, owner, eve, mode, 1) && (!sticky || u === eve);
          await decide(`write-ctl ${sticky ? 'va sticky' : 'va'}`, u, mode, expected, async () => {
            const fid = await s.openFile(fresh, 'ctl', 1);
            try {
              await s.write(fid, 0, Buffer.from(`va 0x${SEG_VA.toString(16)} 0x1000${sticky ? ' sticky' : ''}`));
            } finally {
              await s.clunk(fid);
            }
          });
          await decide('remove', u, mode, true, () => s.removeSegment(fresh));
        }
      }
      await admin.removeSegment(seg);
    }
    for (const u of users) {
      const s = sessions.get(u)!;
      const name = `permc-${u}`;
      await decide('create', u, 0o660, true, () => s.createSegment(name));
      // the creator owns it with mode 0660: it may open ctl for writing, the third user may not
      for (const v of users) {
        await decide('open ctl OWRITE (new)', v, 0o660, permits(v, u, eve, 0o660, 1), async () => {
          const t = sessions.get(v)!;
          await t.clunk(await t.openFile(name, 'ctl', 1));
        });
      }
      await decide('remove', u, 0o660, true, () => s.removeSegment(name));
    }
  } finally {
    admin.close();
    for (const s of sessions.values()) s.close();
  }
}
