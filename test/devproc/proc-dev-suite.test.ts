// #p passes the Dev acceptance suite, directly and through the 9P server in each dialect.

import { procCase } from '../helpers/dev-cases.js';
import { devSuite } from '../helpers/dev-suite.js';

devSuite(procCase);
