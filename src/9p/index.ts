// The 9P wire codec's public surface: message model, dialects, encode/decode, framer,
// stat and readdir helpers, tracing. Protocol constants live in constants.ts.

export * from './codec/constants.js';
export * from './codec/types.js';
export { msgTypeName, isReply } from './codec/msg-type.js';
export { DIALECTS, VERSION_UNKNOWN, isDialect, parseVersion, hasNUname, type Dialect } from './codec/dialect.js';
export { CodecError, type CodecErrorCode } from './codec/codec-error.js';
export { encode, encodeHeader, decode, isMessageOf } from './codec/codec.js';
export { encodeStat, encodeStatInto, decodeStat, decodeStats, statSize, isStatU } from './codec/stat.js';
export { encodeDirent, encodeDirentInto, decodeDirents, direntSize } from './codec/dirent.js';
export { formatFcall, formatQid, formatPerm } from './codec/fcall-format.js';
export { Framer, DEFAULT_MAX_FRAME, type FrameHandler, type FramerOptions } from './codec/framer.js';
