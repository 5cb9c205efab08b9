// Plan 9's validname (port/chan.c), as validnamedup(name, 1) applies it to a segment name.

import { Ebadchar, Etoolong, error } from './errors.js';
import { quote } from './fmt.js';

/**
 * The name as a C string (it ends at NUL); control characters are `bad character in file
 * name: NAME` (NAME quoted as %q); 64 KiB or more is `name too long`.
 */
export function validname(name: string): string {
  const nul = name.indexOf('\0');
  if (nul >= 0) name = name.slice(0, nul);
  if (Buffer.byteLength(name) >= 65536) error(Etoolong);
  if (/[\x01-\x1f\x7f]/.test(name)) error(`${Ebadchar}: ${quote(name)}`);
  return name;
}
