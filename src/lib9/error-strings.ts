// Plan 9 error strings, byte for byte as 9front's port/error.h and devsegment.c spell them,
// and the strings the 9P exporter answers protocol errors with (the texts of Linux's
// net/9p/error.c table, so that even a 9P2000 Linux mount recovers an errno from them).

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

// The 9P exporter's own errors (not a device's)
export const Eunknownfid = 'fid unknown or out of range';
export const Edupfid = 'fid already in use';
export const Ebadusefid = 'bad use of fid';
export const Ebadoffset = 'bad offset in directory read';
export const Enotversion = 'Tversion not seen';
export const Eduptag = 'duplicate tag';
export const Enoauth = 'authentication not required';
export const Einval = 'Invalid argument';
export const Enosys = 'Function not implemented';
export const Enotsup = 'Operation not supported';
export const Enodata = 'No data available';
export const Enotempty = 'directory is not empty';
export const Ewstatdir = "wstat can't convert between files and directories";
export const Ecount = 'i/o count too large';
export const Etoomanyfids = 'Too many open files';
