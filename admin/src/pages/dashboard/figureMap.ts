/**
 * The classes of the key-figure map: the areas' values cut into (at most) four classes of equal
 * width between the lowest and the highest, light to dark (ColorBrewer's sequential "Blues",
 * readable for colour-blind readers and in grey); an area without a value is grey.
 */
export const CLASS_COLOURS = ['#deebf7', '#9ecae1', '#4292c6', '#08519c'] as const;
export const NO_VALUE_COLOUR = '#bdbdbd';

export interface FigureClass {
  from: number;
  to: number;
  colour: string;
}

/** The classes for these values (none without values; one when they are all the same). */
export function figureClasses(values: readonly number[]): FigureClass[] {
  if (values.length === 0) return [];
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low === high) return [{ from: low, to: high, colour: CLASS_COLOURS[CLASS_COLOURS.length - 1] }];
  const count = Math.min(CLASS_COLOURS.length, new Set(values).size);
  const width = (high - low) / count;
  return Array.from({ length: count }, (_, i) => ({
    from: low + i * width,
    to: i === count - 1 ? high : low + (i + 1) * width,
    colour: CLASS_COLOURS[Math.round((i * (CLASS_COLOURS.length - 1)) / Math.max(1, count - 1))],
  }));
}

/** The colour of a value: its class's (a value on a boundary goes to the higher class). */
export function colourOf(value: number | null, classes: readonly FigureClass[]): string {
  if (value === null || classes.length === 0) return NO_VALUE_COLOUR;
  const found = classes.find((c, i) => value < c.to || i === classes.length - 1);
  return found?.colour ?? NO_VALUE_COLOUR;
}
