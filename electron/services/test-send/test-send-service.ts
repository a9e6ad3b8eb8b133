// Test sends and the addresses they may go to. A test carries a real member's personal data
// (and the attachments) without approval, so it goes only to an address the organisation
// registered as its own: registering one after set-up takes two users' PINs, like adding an
// approver (one person must not be able to route a member's mail to an address of their choosing).
// During set-up (fewer than two users) the first mail account's From address is registered as
// the account is saved, so the first test works without a detour through Settings.
import { isMailboxAddress } from '../../../shared/address';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { firstMemberId } from '../../db/repos/members-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { countSnapshot } from '../../db/repos/snapshots-repo';
import * as repo from '../../db/repos/test-addresses-repo';
import { newMessageId } from '../../smtp/mail-transport';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import type { Signer, UserService } from '../users/user-service';
import type { TransportFactory } from '../send/send-types';
import { buildTestMessage, recordTestSent, type TestTarget } from './test-message';

/** Local part as typed, domain in lower case: how a mail server compares them. */
function normaliseTestAddress(text: string): string {
  const t = text.trim();
  if (!isMailboxAddress(t) || t.length > 320) throw new AppError('validation', 'This is not a valid email address', { field: 'address' });
  const at = t.lastIndexOf('@');
  return `${t.slice(0, at)}@${t.slice(at + 1).toLowerCase()}`;
}

export interface TestSendRequest {
  readonly campaignId: number;
  readonly memberId?: number | undefined;
  readonly position?: number | undefined;
  /** One of the registered addresses; default: the account's From when it is registered. */
  readonly to?: string | undefined;
}

export interface TestSendDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditService;
  readonly users: UserService;
  readonly transportFor: TransportFactory;
}

export function createTestSendService({ db, clock, audit, users, transportFor }: TestSendDeps) {
  function register(address: string, actor: string | null, details: Record<string, unknown>): string {
    const clean = normaliseTestAddress(address);
    if (repo.insertTestAddress(db, { address: clean, addedBy: actor }, clock.now())) {
      audit.record('test-address.added', { actor, details: { address: clean, ...details } });
    }
    return clean;
  }

  /** The registered address for `to`, or a refusal naming the rule. */
  function allowedTarget(to: string | undefined, fromAddress: string): string {
    const wanted = to === undefined ? fromAddress : to;
    let clean: string;
    try {
      clean = normaliseTestAddress(wanted);
    } catch {
      throw new AppError('test-address-unregistered', 'A test goes only to an address registered in Settings', { address: wanted });
    }
    if (!repo.isTestAddress(db, clean)) {
      throw new AppError('test-address-unregistered', 'A test goes only to an address registered in Settings', { address: clean });
    }
    return clean;
  }

  return {
    listAddresses: (): repo.TestAddress[] => repo.listTestAddresses(db),

    /** After set-up, two different users confirm with their PINs; the audit row names both. */
    async addAddress(address: string, signers: readonly Signer[]): Promise<repo.TestAddress[]> {
      normaliseTestAddress(address);
      if (!users.isSetUp()) {
        register(address, null, { setUp: true });
        return repo.listTestAddresses(db);
      }
      const confirmed = await users.confirmTwo(signers);
      register(address, confirmed.map((u) => u.name).join(' + '), { signedBy: confirmed.map((u) => ({ userId: u.id, name: u.name })) });
      return repo.listTestAddresses(db);
    },

    /** Removing narrows where tests can go, so one (named) person may do it; it is audited. */
    removeAddress(address: string, actor: string | null): repo.TestAddress[] {
      const clean = normaliseTestAddress(address);
      if (repo.deleteTestAddress(db, clean)) audit.record('test-address.removed', { actor, details: { address: clean } });
      return repo.listTestAddresses(db);
    },

    /** Called when a mail account is saved: registers its From only while setting up. */
    registerSetUpAddress(fromAddress: string): void {
      if (!users.isSetUp()) register(fromAddress, null, { setUp: true, from: 'mail-account' });
    },

    async send(req: TestSendRequest, actor: string | null): Promise<{ to: string; messageId: string; response: string }> {
      const c = mustGetCampaign(db, req.campaignId);
      const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
      if (!profile) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });
      const to = allowedTarget(req.to, profile.fromAddress);
      const target: TestTarget | null =
        req.memberId !== undefined
          ? { memberId: req.memberId }
          : countSnapshot(db, c.id) > 0
            ? { position: req.position ?? 0 }
            : null;
      const first = firstMemberId(db, c.listId);
      const chosen = target ?? (first === null ? null : { memberId: first });
      if (!chosen) throw new AppError('not-found', 'The list has no members to test with', { listId: c.listId });
      const built = buildTestMessage(db, c.id, chosen, to);
      const transport = transportFor(profile);
      try {
        const messageId = newMessageId(profile.fromAddress);
        const r = await transport.send({ from: profile.fromAddress, to: built.to.address }, {
          ...built,
          messageId,
          date: new Date(clock.now()),
          // A test shows exactly how the notice will be written, in ISO-2022-JP too.
          ...(c.encoding === 'iso-2022-jp' ? { encoding: c.encoding } : {}),
        });
        recordTestSent(db, audit, c.id, { actor, target: chosen, to, messageId: r.messageId, response: r.response });
        return { to, messageId: r.messageId, response: r.response };
      } finally {
        transport.close();
      }
    },
  };
}
