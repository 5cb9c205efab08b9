// The kernel's parsecmd (port/parse.c) and libc's tokenize (libc/port/tokenize.c): how a
// control message written to a file such as #g's ctl is cut into fields.

const separators = ' \t\r\n';

/**
 * tokenize: fields separated by runs of space, tab, CR or LF (leading ones skipped).
 * Inside a field, '…' quotes separators, and '' within quotes is one literal quote; an
 * unterminated quote runs to the end.
 */
export function tokenize(s: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && separators.includes(s[i]!)) i++;
    if (i >= s.length) return fields;
    let field = '';
    let quoting = false;
    while (i < s.length && (quoting || !separators.includes(s[i]!))) {
      const c = s[i]!;
      if (c !== "'") {
        field += c;
        i++;
      } else if (!quoting) {
        quoting = true;
        i++;
      } else if (s[i + 1] !== "'") {
        quoting = false;
        i++;
      } else {
        field += "'";
        i += 2;
      }
    }
    fields.push(field);
    i++;
  }
}

/**
 * parsecmd: the message as a C string (it ends at the first NUL byte), one trailing newline
 * dropped, then tokenized. Bytes are read as Latin-1 so every byte stays one character.
 */
export function parsecmd(msg: Uint8Array): string[] {
  let n = msg.indexOf(0);
  if (n < 0) n = msg.length;
  if (n > 0 && msg[n - 1] === 0x0a) n--;
  return tokenize(Buffer.from(msg.buffer, msg.byteOffset, n).toString('latin1'));
}
