// Socket reads without 'data' events: a socket made by connectDirect() reads with Node's
// `onread`, and once a reader takes it (takeBytes) reads into memory that reader chooses and
// hands over each read's bytes synchronously. No buffer is allocated per read, and a reader
// that knows where a large payload belongs can have the kernel put it there (no copy at all).
//
// Until a reader takes it the socket is an ordinary Readable (each read copied and pushed:
// 'data', pause, backpressure); a reader taking it gets what was buffered first, in order.

import { connect, type NetConnectOpts, type Socket } from 'node:net';

/** Takes a socket's bytes as they are read. */
export interface ByteSink {
  /** The memory the next read goes into (at least one byte long). */
  nextBuffer(): Uint8Array;
  /**
   * One read's bytes: a view of the memory nextBuffer gave, valid only until this returns.
   * @param bytes - the bytes read
   */
  take(bytes: Uint8Array): void;
}

/** Bytes of the socket's own buffer for reads before (or besides) a reader's choice. */
const SCRATCH = 64 * 1024;

/** The hand-over of each socket made by connectDirect, until a reader takes it. */
const handOver = new WeakMap<Socket, (sink: ByteSink) => void>();

/**
 * net.connect with `onread`: an ordinary socket until takeBytes gives its bytes to one reader
 * (from then on it emits no 'data'; 'end', 'close' and 'error' are as usual).
 * @param options - net.connect's options, without onread
 * @returns the connecting socket
 */
export function connectDirect(options: NetConnectOpts): Socket {
  const scratch = Buffer.allocUnsafe(SCRATCH);
  let sink: ByteSink | undefined;
  const sock: Socket = connect({
    ...options,
    onread: {
      buffer: () => (sink === undefined ? scratch : sink.nextBuffer()),
      // false stops reading until the Readable is read again (Node's own backpressure rule)
      callback: (n: number, buf: Uint8Array) => {
        if (sink === undefined) return sock.push(Buffer.from(buf.subarray(0, n)));
        sink.take(buf.subarray(0, n));
        return true;
      },
    },
  } as NetConnectOpts);
  handOver.set(sock, (s) => {
    handOver.delete(sock);
    for (let b = sock.read() as Buffer | null; b !== null; b = sock.read() as Buffer | null) s.take(b);
    sink = s;
  });
  return sock;
}

/**
 * Gives every byte `stream` reads from now on to `sink`, if it is a socket from connectDirect
 * not yet taken.
 * @param stream - any stream
 * @param sink - the reader
 * @returns true when the bytes now go to `sink`; false for any other stream (read its 'data')
 */
export function takeBytes(stream: unknown, sink: ByteSink): boolean {
  const give = handOver.get(stream as Socket);
  if (give === undefined) return false;
  give(sink);
  return true;
}
