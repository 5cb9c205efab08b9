// The 9P wire codec's public surface: message model, dialects, encode/decode, framer,
// stat and readdir helpers, tracing. Protocol constants live in constants.ts.

export * from './constants.js';
export * from './types.js';
export { msgTypeName, isReply } from './msg-type.js';
export { DIALECTS, VERSION_UNKNOWN, isDialect, parseVersion, hasNUname, type Dialect } from './dialect.js';
export { CodecError, type CodecErrorCode } from './codec-error.js';
export { encode, encodeHeader, decode, isMessageOf } from './codec.js';
export { encodeStat, encodeStatInto, decodeStat, decodeStats, statSize, isStatU } from './stat.js';
export { encodeDirent, encodeDirentInto, decodeDirents, direntSize } from './dirent.js';
export { formatFcall, formatQid, formatPerm } from './fcall-format.js';
export { Framer, DEFAULT_MAX_FRAME, type FrameHandler, type FramerOptions } from './framer.js';
