// The name a follow-up notice starts with: the original notice's name and the word "follow-up"
// once (a follow-up of a follow-up does not grow a second suffix), never the button's sentence.
export function followUpName(original: string, label: string): string {
  const suffix = ` — ${label}`;
  const base = original.endsWith(suffix) ? original.slice(0, -suffix.length) : original;
  return `${base}${suffix}`.slice(0, 200);
}
