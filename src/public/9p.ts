// `segfs/9p`: 9P itself — the wire codec (message model, dialects, encode/decode, framer, stat
// and readdir records, tracing), the server that exports any Dev, the client, dial strings.

export * from '../9p/codec/constants.js';
export * from '../9p/codec/types.js';
export { msgTypeName, isReply } from '../9p/codec/msg-type.js';
export { DIALECTS, VERSION_UNKNOWN, isDialect, parseVersion, hasNUname, type Dialect } from '../9p/codec/dialect.js';
export { CodecError, type CodecErrorCode } from '../9p/codec/codec-error.js';
export { encode, encodeHeader, decode, isMessageOf } from '../9p/codec/codec.js';
export { encodeStat, encodeStatInto, decodeStat, decodeStats, statSize, isStatU } from '../9p/codec/stat.js';
export { encodeDirent, encodeDirentInto, decodeDirents, direntSize } from '../9p/codec/dirent.js';
export { formatFcall, formatQid, formatPerm } from '../9p/codec/fcall-format.js';
export { Framer, DEFAULT_MAX_FRAME, type FrameHandler, type FramerOptions } from '../9p/codec/framer.js';
export { NinepServer, DEFAULT_MSIZE, MIN_SERVER_MSIZE, type ServerOptions, type AuthOptions } from '../9p/server/server.js';
export type { Connection } from '../9p/server/connection.js';
export type { ListenOptions } from '../transport/listen.js';
export { Client, type ClientOptions } from '../9p/client/client.js';
export { ClientFid, type StatChanges } from '../9p/client/fid.js';
export { Fsys } from '../9p/client/fsys.js';
export { readStream, writeStream, type ReadStreamOptions, type WriteStreamOptions } from '../9p/client/stream.js';
export { NinepError, type NinepErrorCode, type NinepFailureCode } from '../9p/client/errors.js';
export { dial } from '../transport/dial.js';
export { parseDialString, formatDialString, isLoopback, DEFAULT_ADDRESS, NINEFS_PORT, type DialAddress } from '../transport/dial-string.js';
export type { TurnTaker } from '../9p/server/round-robin.js';
export type { FileWriteStreamOptions } from '../9p/client/path-stream.js';
