// A ctl message cut into fields, as the kernel's parsecmd does (src/kernel/plan9/parse-cmd.ts:
// a C string, one trailing newline dropped, libc tokenize rules), but keeping for each field
// whether it was quoted: `memwrite ADDR 'text'` and `memwrite ADDR 74657874` differ only by that.

/** One field of a control message. */
export interface Field {
  text: string;
  /** some part of it was written inside '…' */
  quoted: boolean;
}

const separators = ' \t\r\n';

/**
 * The fields of `msg`: bytes read as Latin-1 up to the first NUL, one trailing newline
 * dropped, fields separated by runs of space, tab, CR or LF; '…' quotes separators and ''
 * inside quotes is one quote; an unterminated quote runs to the end.
 */
export function fields(msg: Uint8Array): Field[] {
  let n = msg.indexOf(0);
  if (n < 0) n = msg.length;
  if (n > 0 && msg[n - 1] === 0x0a) n--;
  const s = Buffer.from(msg.buffer, msg.byteOffset, n).toString('latin1');
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
