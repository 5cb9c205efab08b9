// Plan 9 error strings, byte for byte as 9front's port/error.h and devsegment.c spell them,
// and the strings the 9P exporter answers protocol errors with (the texts of Linux's
// net/9p/error.c table, so that even a 9P2000 Linux mount recovers an errno from them).

/** Plan 9 error string: a Plan9Error with this message has `code` 'EACCES'. */
export const Eperm = 'permission denied';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EEXIST'. */
export const Eexist = 'file already exists';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOENT'. */
export const Enonexist = 'file does not exist';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOTDIR'. */
export const Enotdir = 'not a directory';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EISDIR'. */
export const Eisdir = 'file is a directory';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Ebadarg = 'bad arg in system call';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Ebadctl = 'bad process or channel control request';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOMEM'. */
export const Enovmem = 'virtual memory allocation failed';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOMEM'. */
export const Enomem = 'kernel allocate failed';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBUSY'. */
export const Esoverlap = 'segments overlap';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBUSY'. */
export const Einuse = 'device or object already in use';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EIO'. */
export const Eio = 'i/o error';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Eshortstat = 'stat buffer too small';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Eshort = 'i/o count too small';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENAMETOOLONG'. */
export const Etoolong = 'name too long';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Ebadchar = 'bad character in file name';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Enegoff = 'negative i/o offset';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ESRCH'. */
export const Eprocdied = 'process exited';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBADF'. */
export const Ebadfd = 'fd out of range or not open';

// devsegment.c's own literals
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENODATA'. */
export const Enotalloc = 'segment not yet allocated';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBUSY'. */
export const Ehasva = 'already has a virtual address';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ESTALE'. */
export const Egone = 'global segment disappeared';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOSPC'. */
export const Etoomany = 'too many global segments';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENXIO'. */
export const Enova = 'global segment not assigned a virtual address';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EEXIST'. */
export const Ephyscollide = 'name collision with physical segment';

// The 9P exporter's own errors (not a device's)
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBADF'. */
export const Eunknownfid = 'fid unknown or out of range';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBADF'. */
export const Edupfid = 'fid already in use';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EBADF'. */
export const Ebadusefid = 'bad use of fid';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ESPIPE'. */
export const Ebadoffset = 'bad offset in directory read';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EPROTO'. */
export const Enotversion = 'Tversion not seen';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EPROTO'. */
export const Eduptag = 'duplicate tag';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOENT'. */
export const Enoauth = 'authentication not required';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EINVAL'. */
export const Einval = 'Invalid argument';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOSYS'. */
export const Enosys = 'Function not implemented';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EOPNOTSUPP'. */
export const Enotsup = 'Operation not supported';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENODATA'. */
export const Enodata = 'No data available';
/** Plan 9 error string: a Plan9Error with this message has `code` 'ENOTEMPTY'. */
export const Enotempty = 'directory is not empty';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EPERM'. */
export const Ewstatdir = "wstat can't convert between files and directories";
/** Plan 9 error string: a Plan9Error with this message has `code` 'EIO'. */
export const Ecount = 'i/o count too large';
/** Plan 9 error string: a Plan9Error with this message has `code` 'EMFILE'. */
export const Etoomanyfids = 'Too many open files';
