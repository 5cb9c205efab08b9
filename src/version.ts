// The package's version, kept equal to package.json's by a test.
/** The package's version, as in its package.json. */
export const version = '0.1.0';
