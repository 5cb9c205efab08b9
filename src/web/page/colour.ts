/// <reference lib="dom" />
// Colours of memory objects: one hue per object, the same wherever it is mapped, spread by the
// golden angle so neighbouring ids differ.

/** The fill colour of memory object `id`. */
export function colourOf(id: number): string {
  const hue = (id * 137.508) % 360;
  return `hsl(${hue.toFixed(1)} 62% 62%)`;
}

/** A darker stroke for memory object `id`. */
export function strokeOf(id: number): string {
  const hue = (id * 137.508) % 360;
  return `hsl(${hue.toFixed(1)} 55% 32%)`;
}
