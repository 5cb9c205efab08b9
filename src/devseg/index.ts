// The #g segment device.
export { SegmentDev, type SegmentKernel } from './segment-dev.js';
export { qpath, qslot, qtype, qgen, Qtopdir, Qsegdir, Qctl, Qdata } from './qid.js';
