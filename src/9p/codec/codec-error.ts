// The one exception type the codec and the framer throw. Every malformed input ends here with
// a stable `code` (what tests and callers branch on) and a message that says what was wrong
// and where; no other exception escapes decode(), encode() or Framer.push().

/** Stable codes of CodecError. */
export type CodecErrorCode =
  /** The frame ends before a field the message type requires. */
  | 'E9P_SHORT'
  /** Bytes are left over after the message (a message is consumed exactly). */
  | 'E9P_TRAILING'
  /** The type byte is not a message of the dialect. */
  | 'E9P_UNKNOWN_TYPE'
  /** A string's len[2] runs past the end of the frame. */
  | 'E9P_BAD_STRING'
  /** A string is not valid UTF-8. */
  | 'E9P_BAD_UTF8'
  /** A string contains NUL, which intro(5) forbids. */
  | 'E9P_NUL_IN_STRING'
  /** A stat's size fields disagree with each other or with the bytes present. */
  | 'E9P_BAD_STAT'
  /** A frame's size[4] is below 7, the smallest message. */
  | 'E9P_MSG_TOO_SMALL'
  /** A frame's size[4] is above the negotiated maximum. */
  | 'E9P_MSG_TOO_LARGE'
  /** Encoding: a field's value does not fit its wire width (or a string exceeds 65535 bytes). */
  | 'E9P_BAD_VALUE';

/** A malformed 9P frame, or a message that cannot be encoded. */
export class CodecError extends Error {
  /** Always 'CodecError'. */
  override readonly name = 'CodecError';
  /**
   * @param code - stable code, see CodecErrorCode
   * @param message - what was wrong, for people
   * @param msgType - the frame's type byte, when the header was readable
   * @param tag - the frame's tag, when the header was readable: lets a server answer the
   *   request with an error instead of dropping the connection
   */
  constructor(
    /** The stable code to branch on ('E9P_SHORT', …). */
    readonly code: CodecErrorCode,
    message: string,
    /** The frame's type byte, when the header was readable. */
    readonly msgType?: number,
    /** The frame's tag, when the header was readable. */
    readonly tag?: number,
  ) {
    super(message);
  }
}
