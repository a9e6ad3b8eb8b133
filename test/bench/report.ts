// One line per figure, as the issues ask: `BENCH <name> <value> <unit>`.
export type Report = (name: string, value: number, unit: string) => void;

export const printReport: Report = (name, value, unit) => {
  const v = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
  console.log(`BENCH ${name} ${v} ${unit}`);
};

/** The middle value (the upper one of an even count), for figures taken in several rounds. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
