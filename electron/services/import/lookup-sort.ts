// A new list's address and key lookups (migration 0016), sorted while the file is parsed, so the
// import writes each table's entries in one ascending pass: each page of the table is then written
// once, where entries in file order land all over it (a list sorted by name has its addresses in
// random order; at 1M rows that cost 13 s of CPU in members' own indexes).
//
// A column that starts in ascending order (member numbers in file order, the usual case for keys)
// is appended to its table with its rows, in the same step, for as long as it stays in order
// (ascendingFilter; the batch marks those entries, row-batch.ts). The parser copies every other
// accepted row's address (and key) into a collector; at the end the entries are sorted and handed
// over in chunks of packed text, as batches are (row-batch.ts). The order only has to be close
// for speed: SQLite puts every entry where it belongs whatever the order. It is exact for text in
// the Basic Multilingual Plane (SQLite compares UTF-8 bytes, this code UTF-16 units: they differ
// only for characters beyond it against U+E000-U+FFFF).

/** Which lookup a run fills. */
type LookupKind = 'email' | 'key';

/**
 * A lookup's entries, sorted: the i-th in order is entry e = order[i], whose text is
 * text[starts[e], starts[e + 1]) (a byte a unit when text is a Uint8Array) and whose row is
 * rows[e]: 0-based among the import's accepted rows, in file order.
 */
interface LookupRun {
  readonly kind: LookupKind;
  readonly count: number;
  readonly text: Uint8Array | Uint16Array;
  readonly starts: Int32Array;
  readonly order: Int32Array;
  readonly rows: Int32Array;
}

/**
 * Sorted entries, packed in their order for the database thread: entry j is the text
 * units[ends[j-1] (0 for j = 0), ends[j]) (a byte a unit when units is a Uint8Array) of accepted
 * row rows[j]. Packed on the parser thread, which is idle once the file is parsed, while the
 * database thread writes the chunk before; reading the entries in sorted order out of the whole
 * run there cost that thread (the import's busier one) 0.7 s more per 1M random addresses.
 */
export interface LookupChunk {
  readonly kind: LookupKind;
  readonly count: number;
  readonly rows: Int32Array;
  readonly ends: Int32Array;
  readonly units: Uint8Array | Uint16Array;
}

/** What posting a chunk to another thread moves rather than copies. */
export function lookupTransfer(c: LookupChunk): ArrayBuffer[] {
  return [c.rows.buffer, c.ends.buffer, c.units.buffer] as ArrayBuffer[];
}

/** Entries per chunk, written in one transaction: about 30 ms on the database thread. */
const LOOKUP_CHUNK = 65_536;

/** The chunk's text as one string, to slice entries from. */
export function chunkText(c: LookupChunk): string {
  const u = c.units;
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString(u instanceof Uint8Array ? 'latin1' : 'utf16le');
}

/** The run's entries in sorted order, a chunk at a time (packed as they are asked for). */
export function* runChunks(r: LookupRun, chunkSize = LOOKUP_CHUNK): Generator<LookupChunk> {
  const { text: t, starts: st, order, rows: rs, count: n } = r;
  for (let from = 0; from < n; from += chunkSize) {
    const count = Math.min(chunkSize, n - from);
    let size = 0;
    for (let i = from; i < from + count; i++) size += st[order[i]! + 1]! - st[order[i]!]!;
    const units = t instanceof Uint8Array ? new Uint8Array(size) : new Uint16Array(size);
    const ends = new Int32Array(count);
    const chunkRows = new Int32Array(count);
    let o = 0;
    for (let j = 0; j < count; j++) {
      const e = order[from + j]!;
      for (let k = st[e]!, end = st[e + 1]!; k < end; k++) units[o++] = t[k]!;
      ends[j] = o;
      chunkRows[j] = rs[e]!;
    }
    yield { kind: r.kind, count, rows: chunkRows, ends, units };
  }
}

export interface LookupCollector {
  /**
   * Adds `count` entries: entry j is src[spans[2j], spans[2j+1]) of accepted row rows[j]. Rows
   * must come in ascending order. A batch at a time: per row, the calls alone cost the parser
   * thread a quarter of a second per 1M rows.
   */
  add(src: Uint16Array, spans: Int32Array, count: number, rows: Int32Array): void;
  readonly count: () => number;
  /** The entries sorted by text, then row. The collector is spent after. */
  sorted(kind: LookupKind): LookupRun;
}

/** Copies entries j0..count-1 into 16-bit text from `at` on, recording their starts. */
function copyWide(t: Uint16Array, src: Uint16Array, spans: Int32Array, j0: number, count: number, st: Int32Array, n: number, at: number): void {
  let u = at;
  for (let j = j0; j < count; j++) {
    st[n + j] = u;
    for (let k = spans[2 * j]!, to = spans[2 * j + 1]!; k < to; k++) t[u++] = src[k]!;
  }
}

/** Grows by half (not double): these arrays hold a whole list's addresses, and slack is memory. */
function grow<T extends Int32Array | Uint8Array | Uint16Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/**
 * Text is kept a byte a unit while every unit is below 256 (addresses are mostly ASCII), and
 * widened to 16 bits at the first that is not.
 */
export function createLookupCollector(): LookupCollector {
  let text: Uint8Array | Uint16Array = new Uint8Array(1 << 16);
  let used = 0;
  // starts[i] is where entry i begins; starts[n] = used.
  let starts = new Int32Array(1 << 12);
  let rows = new Int32Array(1 << 12);
  let n = 0;
  return {
    add(src, spans, count, given) {
      let size = 0;
      for (let j = 0; j < count; j++) size += spans[2 * j + 1]! - spans[2 * j]!;
      text = grow(text, used + size, (k) => (text instanceof Uint8Array ? new Uint8Array(k) : new Uint16Array(k)));
      starts = grow(starts, n + count + 1, (k) => new Int32Array(k));
      rows = grow(rows, n + count, (k) => new Int32Array(k));
      rows.set(given.subarray(0, count), n);
      const st = starts;
      let u = used;
      if (text instanceof Uint8Array) {
        // A byte a unit until a unit above 255 shows up; then the text so far is widened and the
        // rest copied by the loop below.
        const t = text;
        let j = 0;
        let wide = false;
        for (; j < count && !wide; j++) {
          const from = spans[2 * j]!;
          const to = spans[2 * j + 1]!;
          for (let k = from; k < to; k++) if (src[k]! > 0xff) wide = true;
          if (wide) break;
          st[n + j] = u;
          for (let k = from; k < to; k++) t[u++] = src[k]!;
        }
        if (wide) {
          const w = new Uint16Array(t.length);
          w.set(t.subarray(0, u));
          text = w;
          copyWide(w, src, spans, j, count, st, n, u);
        }
      } else {
        copyWide(text, src, spans, 0, count, st, n, u);
      }
      used += size;
      n += count;
    },
    count: () => n,
    sorted(kind) {
      starts[n] = used;
      const run: LookupRun = {
        kind,
        count: n,
        text: text.subarray(0, used),
        starts: starts.subarray(0, n + 1),
        order: sortEntries(text, starts, n),
        rows: rows.subarray(0, n),
      };
      text = new Uint8Array(0);
      starts = new Int32Array(0);
      rows = new Int32Array(0);
      n = 0;
      used = 0;
      return run;
    },
  };
}

/**
 * Entries seen in ascending order before any is taken (ascendingFilter). Taking the first entries
 * of a column in random order would put a few large ones in the table before the sorted pass:
 * every later entry below them is then an insert inside the table, which SQLite finds from the
 * root, not an append after the cursor's last entry (measured on the benchmark's random file:
 * 5% slower, and the file order's addresses as much, whose tenth entry, "member9@...", is their
 * largest).
 */
const IN_ORDER_PROBE = 4096;

/**
 * Takes the entries of a column that starts in ascending order (member numbers in file order):
 * once its first `probe` entries came each not below the one before, every next such entry is
 * taken, until the first that is below; from then on none is. A taken entry follows every entry
 * of the list written before it, so it is an append.
 */
export function ascendingFilter(probe = IN_ORDER_PROBE) {
  let last = new Uint16Array(64);
  let length = -1;
  let seen = 0;
  let stopped = false;
  return {
    /** Whether src[from, to) is taken. */
    takes(src: Uint16Array, from: number, to: number): boolean {
      if (stopped) return false;
      const n = to - from;
      if (length >= 0) {
        const common = Math.min(n, length);
        let k = 0;
        while (k < common && src[from + k] === last[k]) k++;
        // Below the last: a smaller unit where they differ, or a proper prefix of it.
        if (k < common ? src[from + k]! < last[k]! : n < length) {
          stopped = true;
          return false;
        }
      }
      if (n > last.length) last = new Uint16Array(Math.max(n, last.length * 2));
      last.set(src.subarray(from, to));
      length = n;
      return ++seen > probe;
    },
  };
}

/** Unit c as one byte of a sort key: 1-255, in the order of c; 0 is "past the end". */
const keyByte = (c: number): number => (c < 254 ? c + 1 : 255);

/**
 * The entries' order by text (UTF-16 units), then by entry: a least-significant-digit radix sort
 * on six units after the prefix all entries share (two 24-bit keys, four passes of 12 bits), then
 * a comparison sort inside each run of equal keys (entries alike in those six units).
 */
function sortEntries(text: Uint8Array | Uint16Array, starts: Int32Array, n: number): Int32Array {
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  // The prefix every entry shares says nothing about order: the key starts after it.
  let shared = starts[1]! - starts[0]!;
  for (let i = 1; i < n && shared > 0; i++) {
    const a = starts[0]!;
    const b = starts[i]!;
    const len = Math.min(shared, starts[i + 1]! - b);
    let k = 0;
    while (k < len && text[a + k] === text[b + k]) k++;
    shared = k;
  }
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = starts[i]! + shared;
    // Key bytes stop after the text's end, and after a unit of 254 or above (all such units share
    // byte 255, so what follows one says nothing until they are compared in full).
    let e = starts[i + 1]!;
    let key = 0;
    for (let k = 0; k < 6; k++) {
      const b = s + k < e ? keyByte(text[s + k]!) : 0;
      if (b === 255) e = s + k + 1;
      key = key * 256 + b;
    }
    hi[i] = Math.floor(key / 0x1000000);
    lo[i] = key % 0x1000000;
  }
  let next = new Int32Array(n);
  const counts = new Int32Array(4097);
  const pass = (key: Int32Array, shift: number): void => {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((key[order[i]!]! >>> shift) & 0xfff) + 1]!++;
    for (let d = 1; d <= 4096; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const e = order[i]!;
      next[counts[(key[e]! >>> shift) & 0xfff]!++] = e;
    }
    [order, next] = [next, order];
  };
  pass(lo, 0);
  pass(lo, 12);
  pass(hi, 0);
  pass(hi, 12);
  const compare = (x: number, y: number): number => {
    const xs = starts[x]!;
    const xe = starts[x + 1]!;
    const ys = starts[y]!;
    const ye = starts[y + 1]!;
    const len = Math.min(xe - xs, ye - ys);
    // From the shared prefix on: units of 254 and above share one key byte.
    for (let k = shared; k < len; k++) {
      const d = text[xs + k]! - text[ys + k]!;
      if (d !== 0) return d;
    }
    return xe - xs - (ye - ys) || x - y;
  };
  for (let i = 0; i < n; ) {
    const e = order[i]!;
    let j = i + 1;
    while (j < n && hi[order[j]!] === hi[e] && lo[order[j]!] === lo[e]) j++;
    if (j - i > 1) order.subarray(i, j).sort(compare);
    i = j;
  }
  return order;
}
