// The aname mux as serve builds it passes the Dev acceptance suite at each of its names, directly
// and through the 9P server in each dialect.

import { muxCase } from '../helpers/dev-cases.js';
import { devSuite } from '../helpers/dev-suite.js';

devSuite(muxCase(''));
devSuite(muxCase('#g'));
devSuite(muxCase('#p'));
