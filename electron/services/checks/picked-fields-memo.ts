// The fields a check reads from each recipient's stored JSON (recipient-fields.ts), kept by the
// JSON text itself from one read to the next. Parsing 100k rows' fields was about half of reading
// the recipients again after a member's edit, yet almost every row's text is the one read the time
// before (and the frozen snapshot's rows are the draft's texts, copied). The picked record is a
// pure function of the text and the field names, so a record kept under an equal text and the same
// names is exactly what parsing it again would give; a damaged text is parsed (and fails) each time.
//
// Per set of field names, one generation: the texts met by the last read. A new read starts a new
// generation and keeps only the texts it met, so what is kept is bounded by the largest list read.
import { fieldPicker } from './recipient-fields';

type Picked = Readonly<Record<string, string>>;

/** Sets of field names kept (two notices with different templates being checked in turn). */
const KEPT_NAME_SETS = 2;
/** Texts kept per read at most (~50 MB of texts for a list of 200k members); above, rows are parsed. */
const KEPT_TEXTS = 200_000;

const generations = new Map<string, Map<string, Picked>>();

/**
 * A picker for one read of recipients: each row's text is looked up among the texts the last read
 * with these field names met, else parsed. `done()` keeps this read's texts for the next one.
 */
export function memoFieldPicker(names: readonly string[]): { pick(json: string): Picked; done(): void } {
  // The names in their order: the picked record lists them in it.
  const key = JSON.stringify(names);
  const before = generations.get(key);
  const met = new Map<string, Picked>();
  const parse = fieldPicker(names);
  return {
    pick(json) {
      let picked = before?.get(json) ?? met.get(json);
      if (picked === undefined) picked = Object.freeze(parse(json));
      if (met.size < KEPT_TEXTS) met.set(json, picked);
      return picked;
    },
    done() {
      generations.delete(key);
      generations.set(key, met);
      if (generations.size > KEPT_NAME_SETS) generations.delete(generations.keys().next().value!);
    },
  };
}
