// The address part of the member findings (member-findings.ts) kept as groups — rows by address,
// by name and by domain, the invalid addresses by reason, each domain's look-alike links — so that
// after a few rows changed (a member's address edited, an exclusion added or removed) only the
// groups those rows left and joined are patched, and the findings are made from the groups in time
// proportional to what they report, not to the list. A list of 100k members then costs a walk over
// the rows to find what changed, plus linking again the one or two domains an address left and
// joined.
//
// What findings() gives equals addressFindings(view) of the rows it was last given (a property
// test compares them after random edits). It leans on one fact of the rows it accepts: ids rise
// with the list (the draft recipients are read by id), so "in list order" is "by id" and a row can
// be found by its id (a frozen snapshot's too, while its members are all on the list). Rows in any
// other order (a follow-up's, a snapshot with a member re-imported since) are not indexed: build()
// returns null and the caller computes the findings from the rows.
import { validateAddress, type AddressRejectReason } from '../address';
import { carrierOf, type Carrier } from '../sending/carrier-domains';
import { addressItems } from './address-rules';
import { carrierItems } from './carriers';
import { duplicateItems, normaliseName, type AddressGroup, type NameGroup } from './duplicates';
import { insertId, KeyRows, removeId } from './key-rows';
import { keptDomainLinks } from './lookalike-index';
import { LookalikeLinks } from './lookalike-links';
import { lookalikeItems } from './lookalikes';
import type { AddressFindings, MemberView } from './member-findings';
import { recipientPolicyItems } from './policy';
import type { CheckItem, CheckRecipient } from './types';
import { suggestDomain, typoItem } from './typo-domains';

const lower = (email: string): string => email.trim().toLowerCase();
/** What follows the last @, or null when there is none (such an address is never linked). */
function domainOf(e: string): string | null {
  const at = e.lastIndexOf('@');
  return at < 0 ? null : e.slice(at + 1);
}
/** The local part and domain as prepare.ts splits them (no @: all local, no domain). */
function splitAt(e: string): [string, string] {
  const at = e.lastIndexOf('@');
  return at < 0 ? [e, ''] : [e.slice(0, at), e.slice(at + 1)];
}
const byNumber = (a: number, b: number) => a - b;

export class AddressIndex {
  private rows: readonly CheckRecipient[] = [];
  private readonly byEmail = new KeyRows();
  private readonly byName = new KeyRows();
  private readonly byDomain = new Map<string, number[]>();
  private readonly invalid = new Map<AddressRejectReason, number[]>();
  private readonly dots: number[] = [];
  private readonly links = new LookalikeLinks((e) => this.byEmail.firstId(e)!);
  /**
   * Domains whose distinct addresses (or their order) changed since they were last linked, with the
   * addresses that came, went or moved, and whether each was on the list before (none while built).
   */
  private readonly unlinked = new Map<string, Map<string, boolean> | null>();
  /** While building: each unlinked domain's distinct addresses as they came (see moved). */
  private readonly unlinkedFirsts = new Map<string, string[]>();
  private readonly orgDomains: readonly string[];
  /** Set while build() adds the rows: every domain is linked afresh then, nothing is patched. */
  private building = true;

  private constructor(private readonly view: MemberView) {
    this.orgDomains = view.policy.organisationDomains.map((d) => d.trim().toLowerCase()).filter(Boolean);
  }

  /** The index of a view's rows, or null when their ids do not rise with the list. */
  static build(view: MemberView): AddressIndex | null {
    const index = new AddressIndex(view);
    let last = -Infinity;
    for (const r of view.recipients) {
      if (!(r.id > last)) return null;
      last = r.id;
      index.addRow(r);
    }
    index.rows = view.recipients;
    index.relink();
    index.building = false;
    return index;
  }

  /**
   * Brings the index to `next` (same shared addresses and policy) by patching what the rows that
   * differ from the indexed ones left and joined. Returns false, leaving the index as it was, when
   * more than `maxChanged` rows differ or `next`'s ids do not rise.
   */
  update(next: readonly CheckRecipient[], maxChanged: number): boolean {
    const prev = this.rows;
    const gone: CheckRecipient[] = [];
    const come: CheckRecipient[] = [];
    let i = 0;
    let j = 0;
    let last = -Infinity;
    while (i < prev.length || j < next.length) {
      const a = prev[i];
      const b = next[j];
      if (b !== undefined && !(b.id > last)) return false;
      if (a !== undefined && b !== undefined && a.id === b.id) {
        if (a.email !== b.email || a.name !== b.name) {
          gone.push(a);
          come.push(b);
        }
        last = b.id;
        i++;
        j++;
      } else if (b === undefined || (a !== undefined && a.id < b.id)) {
        gone.push(a!);
        i++;
      } else {
        come.push(b);
        last = b.id;
        j++;
      }
      if (gone.length > maxChanged || come.length > maxChanged) return false;
    }
    for (const r of gone) this.removeRow(r);
    for (const r of come) this.addRow(r);
    this.rows = next;
    this.relink();
    return true;
  }

  private addRow(r: CheckRecipient): void {
    const e = lower(r.email);
    const domain = domainOf(e);
    const was = this.byEmail.add(e, r.id);
    if (was === undefined) this.links.addAddress(e);
    // The address's first row is now the lower of the two.
    if (was === undefined || r.id < was) this.moved(e, domain, was !== undefined);
    const n = normaliseName(r.name);
    if (n) this.byName.add(n, r.id);
    const d = domain ?? '';
    const ids = this.byDomain.get(d);
    if (ids) insertId(ids, r.id);
    else this.byDomain.set(d, [r.id]);
    const reason = validateAddress(r.email);
    if (reason === 'local-dots') insertId(this.dots, r.id);
    else if (reason) {
      const bad = this.invalid.get(reason);
      if (bad) insertId(bad, r.id);
      else this.invalid.set(reason, [r.id]);
    }
  }

  private removeRow(r: CheckRecipient): void {
    const e = lower(r.email);
    const was = this.byEmail.firstId(e);
    this.byEmail.remove(e, r.id);
    const now = this.byEmail.firstId(e);
    if (now === undefined) this.links.removeAddress(e);
    const domain = domainOf(e);
    if (was !== now) this.moved(e, domain, was !== undefined);
    const n = normaliseName(r.name);
    if (n) this.byName.remove(n, r.id);
    const d = domain ?? '';
    const ids = this.byDomain.get(d)!;
    removeId(ids, r.id);
    if (ids.length === 0) this.byDomain.delete(d);
    const reason = validateAddress(r.email);
    if (reason === 'local-dots') removeId(this.dots, r.id);
    else if (reason) {
      const bad = this.invalid.get(reason)!;
      removeId(bad, r.id);
      if (bad.length === 0) this.invalid.delete(reason);
    }
  }

  /** An address that appeared, went, or whose first row changed: its domain `d` (domainOf) is linked again. */
  private moved(e: string, d: string | null, was: boolean): void {
    // The look-alike index groups by what follows the last @; an address without one is its own
    // domain and never linked within it.
    if (d === null) return;
    if (this.building) {
      // Rows come in ascending ids while building: each address appears at its first row, so
      // this is the domain's distinct addresses in list order (what relink reads them back as).
      const firsts = this.unlinkedFirsts.get(d);
      if (firsts) firsts.push(e);
      else this.unlinkedFirsts.set(d, [e]);
      this.unlinked.set(d, null);
      return;
    }
    let touched = this.unlinked.get(d);
    if (!touched) this.unlinked.set(d, (touched = new Map()));
    if (!touched.has(e)) touched.set(e, was);
  }

  /**
   * Brings each domain whose distinct addresses changed up to date: patched when the addresses that
   * changed provably link nothing (lookalike-links.ts), else linked again from its addresses in list order.
   */
  private relink(): void {
    for (const [d, touched] of this.unlinked) {
      const addresses = this.building ? (this.unlinkedFirsts.get(d) ?? []) : this.distinctAddresses(d);
      const changed = touched && [...touched].map(([address, was]) => ({ address, was, is: this.byEmail.firstId(address) !== undefined }));
      if (changed && this.links.patchDomain(d, addresses, changed)) continue;
      this.links.setDomain(d, addresses, addresses.length >= 2 ? keptDomainLinks(addresses) : null);
    }
    this.unlinked.clear();
    this.unlinkedFirsts.clear();
  }

  /** The domain's distinct addresses in list order, read back from its rows. */
  private distinctAddresses(d: string): string[] {
    const addresses: string[] = [];
    for (const id of this.byDomain.get(d) ?? []) {
      const e = lower(this.rowOf(id).email);
      if (domainOf(e) !== null && this.byEmail.firstId(e) === id) addresses.push(e);
    }
    return addresses;
  }

  private rowOf(id: number): CheckRecipient {
    const rows = this.rows;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]!.id < id) lo = mid + 1;
      else hi = mid;
    }
    return rows[lo]!;
  }

  /** addressFindings of the rows indexed. */
  findings(): AddressFindings {
    const byDomain = [...this.byDomain]
      .filter(([d]) => d !== '')
      .map(([domain, ids]) => ({ domain, count: ids.length }))
      .sort((a, b) => b.count - a.count || (a.domain < b.domain ? -1 : 1));
    return {
      address: this.addressItems(),
      typoDomain: this.typoItems(),
      lookalike: this.lookalikeItems(),
      duplicate: this.duplicateItems(),
      recipientPolicy: recipientPolicyItems(this.view.policy.recipientsAreOrganisations, this.orgDomains, this.rows.length, this.byDomain, (ids) => ids),
      carrier: this.carrierItems(),
      byDomain,
    };
  }

  private addressItems(): CheckItem[] {
    const reasons = [...this.invalid].sort((a, b) => a[1][0]! - b[1][0]!);
    const invalid = reasons.flatMap(([, ids]) => ids).sort(byNumber);
    return addressItems(invalid, this.dots, reasons.map(([reason, ids]) => [reason, ids.length] as const));
  }

  private typoItems(): CheckItem[] {
    const items: CheckItem[] = [];
    for (const domain of [...this.byDomain.keys()].sort()) {
      const suggestion = suggestDomain(domain, this.orgDomains);
      if (!suggestion) continue;
      const ids = this.byDomain.get(domain)!;
      const twins = new Set<string>();
      for (const id of ids) {
        const corrected = `${splitAt(lower(this.rowOf(id).email))[0]}@${suggestion}`;
        if (this.byEmail.firstId(corrected) !== undefined) twins.add(corrected);
      }
      items.push(typoItem(domain, suggestion, [...ids], [...twins]));
    }
    return items;
  }

  private lookalikeItems(): CheckItem[] {
    const { groups, examples } = this.links.found();
    if (groups.length === 0) return [];
    const involved = new Set(groups.flat());
    const members: number[] = [];
    for (const e of involved) for (const id of this.byEmail.idsOf(e)) members.push(id);
    return lookalikeItems(groups.length, involved.size, members.sort(byNumber), examples);
  }

  private duplicateItems(): CheckItem[] {
    const inOrder = (m: Map<string, number[]>) => [...m].sort((a, b) => a[1][0]! - b[1][0]!);
    const emailGroups = inOrder(this.byEmail.repeated).map(([email, ids]): AddressGroup => {
      const names = ids.map((id) => this.rowOf(id).name);
      return { email, ids: [...ids], names, distinctNames: new Set(names.map(normaliseName)).size };
    });
    const nameGroups = inOrder(this.byName.repeated).map(([name, ids]): NameGroup => ({ name, ids: [...ids], emails: [...new Set(ids.map((id) => lower(this.rowOf(id).email)))] }));
    return duplicateItems(emailGroups, nameGroups, this.view.sharedAddresses);
  }

  private carrierItems(): CheckItem[] {
    const members: number[] = [];
    const perCarrier = new Map<Carrier, { count: number; first: number }>();
    for (const [d, ids] of this.byDomain) {
      const carrier = carrierOf(d);
      if (!carrier) continue;
      for (const id of ids) members.push(id);
      const c = perCarrier.get(carrier);
      if (c) {
        c.count += ids.length;
        c.first = Math.min(c.first, ids[0]!);
      } else perCarrier.set(carrier, { count: ids.length, first: ids[0]! });
    }
    const inOrder = [...perCarrier].sort((a, b) => a[1].first - b[1].first).map(([c, { count }]) => [c, count] as const);
    return carrierItems(members.sort(byNumber), inOrder);
  }
}
