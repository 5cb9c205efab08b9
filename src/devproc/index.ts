// The #p proc device.
export { ProcDev, Enoprocs, type ProcDevOptions } from './proc-dev.js';
export type { Plan9Facade, Plan9Arg } from './plan9-facade.js';
export { ctlTable, MEMREAD_MAX, type CtlContext } from './commands.js';
export { Qtopdir, Qclone, Qhelp, Qprocdir, Qctl, Qinfo, Qsegment, qpath, qpid, qtype } from './qid.js';
export { AnameMux } from '../dev/aname-mux.js';
