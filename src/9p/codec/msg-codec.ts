// The shape of one message's codec entry and the registry each dialect's table is built
// from. An entry writes and reads the body after size[4] type[1] tag[2]; messages that
// carry a bulk payload (Rread, Twrite, Rreaddir) write everything but the payload and hand
// the payload back separately so it can be sent without being copied.

import type { Dialect } from './dialect.js';
import { msgTypeName, type MsgType } from './msg-type.js';
import type { Reader } from './reader.js';
import type { Fcall, FcallOf } from './types.js';
import type { Writer } from './writer.js';

export interface MsgCodec<M extends Fcall = Fcall> {
  /** Writes the body (not the payload, if any). */
  enc(w: Writer, m: M, dialect: Dialect): void;
  /** Reads the body; `r` is positioned after the tag. */
  dec(r: Reader, tag: number, dialect: Dialect): M;
  /** The bulk payload written after the body, for Rread/Twrite/Rreaddir. */
  payload?(m: M): Uint8Array;
}

/** A dialect's message table: index = type byte. */
export type MsgTable = readonly (MsgCodec | undefined)[];

/** Collects entries for one or more tables; a type registered twice is a bug caught at load. */
export class MsgRegistry {
  readonly entries = new Map<MsgType, MsgCodec>();

  def<T extends MsgType>(type: T, codec: MsgCodec<FcallOf<T>>): void {
    if (this.entries.has(type)) throw new Error(`9P codec: ${msgTypeName(type)} registered twice`);
    this.entries.set(type, codec as unknown as MsgCodec);
  }

  /** A table holding `types` of this registry (all when omitted). */
  table(types?: readonly MsgType[]): MsgTable {
    const t: (MsgCodec | undefined)[] = new Array(256).fill(undefined);
    for (const type of types ?? [...this.entries.keys()]) {
      const e = this.entries.get(type);
      if (!e) throw new Error(`9P codec: ${msgTypeName(type)} has no codec`);
      t[type] = e;
    }
    return t;
  }
}

/** Guards a count read from the wire against the bytes left, before anything is allocated. */
export function needItems(r: Reader, count: number, minItemSize: number, field: string): void {
  if (count * minItemSize > r.remaining) {
    throw r.error('E9P_SHORT', `message too short: ${field} count ${count} needs at least ${count * minItemSize} bytes, only ${r.remaining} left`);
  }
}

/** Checks that a payload field is bytes. */
export function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}
