// A ctl message cut into fields as the kernel's parsecmd does (src/lib9/parse-cmd.ts),
// keeping for each field whether it was quoted: `memwrite ADDR 'text'` and
// `memwrite ADDR 74657874` differ only by that.

import { cmdText, tokenizeFields, type Field } from '../lib9/parse-cmd.js';

export type { Field };

/** The fields of `msg`, parsecmd's rules, with their quoting. */
export function fields(msg: Uint8Array): Field[] {
  return tokenizeFields(cmdText(msg));
}
