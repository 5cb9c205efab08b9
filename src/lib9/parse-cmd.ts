// The kernel's parsecmd (port/parse.c) and libc's tokenize (libc/port/tokenize.c): how a
// control message written to a file such as #g's ctl is cut into fields.

const separators = ' \t\r\n';

/** One field of a control message. */
export interface Field {
  text: string;
  /** Some part of it was written inside '…' (`memwrite ADDR 'text'` differs from hex by that). */
  quoted: boolean;
}

/**
 * tokenize: fields separated by runs of space, tab, CR or LF (leading ones skipped).
 * Inside a field, '…' quotes separators, and '' within quotes is one literal quote; an
 * unterminated quote runs to the end.
 */
export function tokenizeFields(s: string): Field[] {
  const out: Field[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && separators.includes(s[i]!)) i++;
    if (i >= s.length) return out;
    let text = '';
    let quoted = false;
    let quoting = false;
    while (i < s.length && (quoting || !separators.includes(s[i]!))) {
      const c = s[i]!;
      if (c !== "'") {
        text += c;
        i++;
      } else if (!quoting) {
        quoting = quoted = true;
        i++;
      } else if (s[i + 1] !== "'") {
        quoting = false;
        i++;
      } else {
        text += "'";
        i += 2;
      }
    }
    out.push({ text, quoted });
    i++;
  }
}

/** tokenize: the fields' texts. */
export function tokenize(s: string): string[] {
  return tokenizeFields(s).map((f) => f.text);
}

/**
 * The message as a C string (it ends at the first NUL byte) with one trailing newline
 * dropped, bytes read as Latin-1 so every byte stays one character: what parsecmd tokenizes.
 */
export function cmdText(msg: Uint8Array): string {
  let n = msg.indexOf(0);
  if (n < 0) n = msg.length;
  if (n > 0 && msg[n - 1] === 0x0a) n--;
  return Buffer.from(msg.buffer, msg.byteOffset, n).toString('latin1');
}

/** parsecmd: the fields of a control message. */
export function parsecmd(msg: Uint8Array): string[] {
  return tokenize(cmdText(msg));
}
