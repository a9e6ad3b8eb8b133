// Keeps the member findings (shared/guards/member-findings.ts) of the last few recipient sets, so
// a notice's check after a change to its text, sender or files — or another notice to the same
// rows, or the frozen snapshot of the rows just checked — does not search 100k addresses again.
//
// Invalidation is by content, not by events: each of the findings' two parts is keyed by a
// SHA-256 of exactly what that part reads (memberViewTexts): the address part by every
// recipient's id, address and name, the shared addresses and the policy; the row-mark part by
// every recipient's id, name, change, line and editor. Any change to a member, an exclusion, a
// suppression, the selection, a shared address or the policy changes the key of each part it can
// matter to; no write path has to remember to invalidate anything. The recipients are read from
// the database afresh on every check; only the rules' work is reused.
//
// Two parts, because a member's edit in the app records its editor (and is often an edit of a
// field no member rule reads): the row marks change, every address stays, and the costly part
// (look-alikes, duplicates, domains: ~0.8 s at 100k members) is reused; only the row-mark part
// (~15 ms) is computed again.
//
// When the address part's key is new, it is not computed over all the rows if the last rows it was
// computed for differ in a few rows only (an address edited, an exclusion added or removed): that
// part is kept as groups (shared/guards/address-index.ts) and the rows that differ are patched in.
// The groups are compared with the rows themselves, not trusted to any record of what was written.
import { createHash } from 'node:crypto';
import {
  AddressIndex,
  addressFindings,
  addressView,
  joinMemberFindings,
  memberViewTexts,
  rowMarkFindings,
  rowMarkView,
  type AddressFindings,
  type CheckRecipient,
  type MemberFindings,
  type MemberSource,
  type RowMarkFindings,
} from '../../../shared/guards';

/** Recipient sets kept (a notice's draft and frozen rows, another notice's list, a follow-up). */
const KEPT = 4;

export interface MemberFindingsCache {
  /** memberFindings(memberView(from)), computed or reused. */
  findingsFor(from: MemberSource): MemberFindings;
}

/**
 * A SHA-256 fed in batches: one update call per row costs more than the hashing itself.
 * `add` takes any piece of a text; `digest` ends it.
 */
function batchedHash(): { add(text: string): void; digest(): string } {
  const hash = createHash('sha256');
  let batch = '';
  return {
    add(text) {
      batch += text;
      if (batch.length > 65_536) {
        hash.update(batch);
        batch = '';
      }
    },
    digest() {
      hash.update(batch);
      return hash.digest('base64');
    },
  };
}

interface Keys {
  readonly address: string;
  readonly marks: string;
}

/** The address part's key, and what it reads besides the rows (shared addresses, policy) as text. */
interface AddressKeys extends Keys {
  readonly settings: string;
}

/**
 * The keys of both parts, hashed once per frozen array (the draft recipients kept across edits of
 * the notice, draft-recipients-cache.ts): a frozen array of frozen rows cannot change, so the hash
 * of their text stays true. Other arrays are hashed on every call.
 */
const rowsKeys = new WeakMap<readonly CheckRecipient[], Keys>();

function rowsKeysOf(recipients: readonly CheckRecipient[]): Keys {
  const kept = rowsKeys.get(recipients);
  if (kept !== undefined) return kept;
  const address = batchedHash();
  const marks = batchedHash();
  memberViewTexts({ recipients, policy: {} }, address.add, marks.add);
  const keys = { address: address.digest(), marks: marks.digest() };
  if (Object.isFrozen(recipients) && recipients.every((r) => Object.isFrozen(r))) rowsKeys.set(recipients, keys);
  return keys;
}

/**
 * The text with no rows (the shared addresses and the policy), then the rows' hashes: equal keys
 * mean equal views, since the texts are prefix-free (memberViewTexts) and SHA-256 stands for them.
 * Computed the same way for every array, so the frozen snapshot of rows just checked as a draft
 * finds the draft's findings.
 */
function keysOf(from: MemberSource): AddressKeys {
  const rows = rowsKeysOf(from.recipients);
  let settings = '';
  memberViewTexts({ ...from, recipients: [] }, (text) => (settings += text), () => undefined);
  const address = batchedHash();
  address.add(settings);
  address.add(rows.address);
  return { address: address.digest(), marks: rows.marks, settings };
}

/** Rows that may differ from the indexed ones for the address index to be patched; past it, it is built again. */
const PATCHED_ROWS_MAX = 256;

const frozenRows = (rows: readonly CheckRecipient[]): boolean => Object.isFrozen(rows) && rows.every((r) => Object.isFrozen(r));

/** A few values by key, the most recently used last, so the oldest is dropped first. */
function recent<T>(kept: number): { get(key: string, make: () => T): T } {
  const entries = new Map<string, T>();
  return {
    get(key, make) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const made = make();
      entries.set(key, made);
      if (entries.size > kept) entries.delete(entries.keys().next().value!);
      return made;
    },
  };
}

export function createMemberFindingsCache(kept = KEPT): MemberFindingsCache {
  const addresses = recent<AddressFindings>(kept);
  const marks = recent<RowMarkFindings>(kept);
  // The joined findings too, so an equal view gives the very same object (no copy per report).
  const joined = recent<MemberFindings>(kept);
  // The address part of the last rows computed, as groups (address-index.ts): frozen rows whose ids
  // rise with the list (a draft's), with what else that part reads. A few rows changed since are
  // patched in; any other rows are computed from nothing.
  let indexed: { settings: string; index: AddressIndex } | null = null;
  const addressPart = (from: MemberSource, settings: string): AddressFindings => {
    if (indexed && indexed.settings === settings && frozenRows(from.recipients) && indexed.index.update(from.recipients, PATCHED_ROWS_MAX)) return indexed.index.findings();
    const view = addressView(from);
    const index = frozenRows(from.recipients) ? AddressIndex.build({ ...view, recipients: from.recipients }) : null;
    if (!index) return addressFindings(view);
    indexed = { settings, index };
    return index.findings();
  };
  return {
    findingsFor(from) {
      const keys = keysOf(from);
      return joined.get(`${keys.address} ${keys.marks}`, () =>
        joinMemberFindings(
          addresses.get(keys.address, () => addressPart(from, keys.settings)),
          marks.get(keys.marks, () => rowMarkFindings(rowMarkView(from))),
        ),
      );
    },
  };
}
