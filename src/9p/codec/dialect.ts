// The three dialects a connection can speak, and the version strings that name them
// (version(5): "the version string must always begin with the two characters 9P"; a server
// that does not understand a suffix after the period answers with the part before it).

/** A 9P dialect: which message table and which stat layout the codec uses. */
export type Dialect = '9P2000' | '9P2000.u' | '9P2000.L';

/** All dialects, base first. */
export const DIALECTS: readonly Dialect[] = ['9P2000', '9P2000.u', '9P2000.L'];

/** The version string Rversion carries for versions the server does not speak (version(5)). */
export const VERSION_UNKNOWN = 'unknown';

/**
 * True when `s` names a dialect exactly ('9P2000', '9P2000.u', '9P2000.L').
 * @param s - a version string
 * @returns whether it is a Dialect
 */
export function isDialect(s: string): s is Dialect {
  return s === '9P2000' || s === '9P2000.u' || s === '9P2000.L';
}

/**
 * The dialect a client's Tversion string asks for: an exact dialect name gives that
 * dialect; `9P2000.` with any other suffix gives the base `9P2000` ("the server should strip
 * everything after the period", version(5)); anything else gives undefined, to be answered
 * `unknown`.
 * @param version - Tversion's version string
 * @returns the dialect to answer, or undefined
 */
export function parseVersion(version: string): Dialect | undefined {
  if (isDialect(version)) return version;
  if (version.startsWith('9P2000.')) return '9P2000';
  return undefined;
}

/**
 * True for the dialects that carry the 9P2000.u extensions (n_uname in Tauth/Tattach).
 * @param dialect - the dialect
 * @returns true for 9P2000.u and 9P2000.L
 */
export function hasNUname(dialect: Dialect): boolean {
  return dialect !== '9P2000';
}
