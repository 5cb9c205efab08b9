// A memory size as people write it: bytes, or a number with K, M, G or T (powers of 1024,
// an optional B or iB after it), such as 512M, 4G or 1.5GiB.

const UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** The bytes `text` names, rounded down; throws RangeError naming the forms. */
export function parseMemorySize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  const bytes = m === null ? NaN : Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new RangeError(`${JSON.stringify(text)} is not a memory size: give bytes or a number with K, M, G or T (512M, 4G)`);
  }
  return bytes;
}
