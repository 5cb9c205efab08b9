// Plan 9 error strings, byte for byte as 9front's port/error.h and devsegment.c spell them
// (see docs/decisions.md for where they come from). Devices and system calls throw
// Plan9Error(E...); only the 9P server's respond step turns one into a wire error.

export const Eperm = 'permission denied';
export const Eexist = 'file already exists';
export const Enonexist = 'file does not exist';
export const Enotdir = 'not a directory';
export const Eisdir = 'file is a directory';
export const Ebadarg = 'bad arg in system call';
export const Ebadctl = 'bad process or channel control request';
export const Enovmem = 'virtual memory allocation failed';
export const Enomem = 'kernel allocate failed';
export const Esoverlap = 'segments overlap';
export const Einuse = 'device or object already in use';
export const Eio = 'i/o error';
export const Eshortstat = 'stat buffer too small';
export const Eshort = 'i/o count too small';
export const Etoolong = 'name too long';
export const Ebadchar = 'bad character in file name';
export const Enegoff = 'negative i/o offset';
export const Eprocdied = 'process exited';
export const Ebadfd = 'fd out of range or not open';

// devsegment.c's own literals
export const Enotalloc = 'segment not yet allocated';
export const Ehasva = 'already has a virtual address';
export const Egone = 'global segment disappeared';
export const Etoomany = 'too many global segments';
export const Enova = 'global segment not assigned a virtual address';
export const Ephyscollide = 'name collision with physical segment';

/** An error raised by the kernel or a device: `message` is the Plan 9 error string. */
export class Plan9Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Plan9Error';
  }
}

/** Plan 9's error(): raise `e` as a Plan9Error. */
export function error(e: string): never {
  throw new Plan9Error(e);
}
