// SMTP profiles: create/edit, the password through the SecretStore (never returned to callers),
// and "test connection" (one session opened as the sender opens its own) mapped to coded errors.
import { AppError } from '../../../shared/errors';
import type { SmtpProfile } from '../../../shared/smtp-profile';
import type { Db } from '../../db/connection';
import { clearScanState } from '../../db/repos/imap-accounts-repo';
import * as repo from '../../db/repos/profiles-repo';
import { diagnoseConnection, type DiagnosisResult } from '../../smtp/connection-diagnosis';
import { poolOptionsFrom } from '../../smtp/smtp-pool';
import { transportOptions, type TransportTimeouts } from '../../smtp/transport-options';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import type { SecretStore } from '../secrets/secret-store';
import { validateProfile, type ProfileInput } from './profile-rules';

export type { ProfileInput } from './profile-rules';

export interface ProfileService {
  createProfile(input: ProfileInput, actor?: string | null): Promise<SmtpProfile>;
  updateProfile(id: number, patch: Partial<ProfileInput>, actor?: string | null): Promise<SmtpProfile>;
  deleteProfile(id: number, actor?: string | null): Promise<void>;
  getProfile(id: number): SmtpProfile;
  listProfiles(): SmtpProfile[];
  /** For the send engine and testConnection only: never send this across IPC. */
  getPassword(profileId: number): Promise<string | null>;
  /** Each step's result; a failure is a coded error whose details say the step and a hint. */
  testConnection(profileId: number): Promise<DiagnosisResult & { insecure: boolean }>;
}

export interface ProfileServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly audit?: AuditService;
  /** Shorter timeouts for tests; defaults are in transport-options.ts. */
  readonly timeouts?: Partial<TransportTimeouts>;
  /** An OAuth2 account's access token (the OAuth service); renew: the last one was refused. */
  readonly accessToken?: (profileId: number, renew: boolean) => Promise<string>;
}

const secretRef = (id: number) => `smtp-profile:${id}`;

export function createProfileService({ db, clock, secrets, audit, timeouts, accessToken }: ProfileServiceDeps): ProfileService {
  function getProfile(id: number): SmtpProfile {
    const p = repo.getProfileRow(db, id);
    if (!p) throw new AppError('not-found', 'No such SMTP profile', { profileId: id });
    return p;
  }

  async function storePassword(id: number, password: string | null | undefined): Promise<boolean> {
    if (password === undefined) return false;
    if (password === null || password === '') {
      const ref = repo.getSecretRef(db, id);
      if (ref) await secrets.delete(ref);
      repo.setSecretRef(db, id, null, clock.now());
    } else {
      await secrets.set(secretRef(id), password);
      repo.setSecretRef(db, id, secretRef(id), clock.now());
    }
    return true;
  }

  async function getPassword(profileId: number): Promise<string | null> {
    const ref = repo.getSecretRef(db, profileId);
    return ref ? await secrets.get(ref) : null;
  }

  /** The stored fields of a profile, as input for an edit that changes some of them. */
  function fieldsOf({ id: _id, hasPassword: _p, insecure: _i, createdAt: _c, updatedAt: _u, ...fields }: SmtpProfile): ProfileInput {
    return fields;
  }

  return {
    getProfile,
    listProfiles: () => repo.listProfileRows(db),

    async createProfile(input, actor = null) {
      const fields = validateProfile(input);
      const id = repo.insertProfile(db, fields, clock.now());
      await storePassword(id, input.password);
      const p = getProfile(id);
      audit?.record('profile.created', { actor, details: { profileId: id, host: p.host, port: p.port, security: p.security, fromAddress: p.fromAddress } });
      return p;
    },

    async updateProfile(id, patch, actor = null) {
      const before = getProfile(id);
      const fields = validateProfile({ ...fieldsOf(before), ...patch });
      repo.updateProfileRow(db, id, fields, clock.now());
      const passwordChanged = await storePassword(id, patch.password);
      const after = getProfile(id);
      // An account that signs in with its provider reads the mailbox that signed in: another one
      // is another INBOX, whose UIDs say nothing of the old one's read position.
      const mailboxOf = (p: SmtpProfile) => (p.authMethod === 'oauth2' ? p.authUser : null);
      if (mailboxOf(after) !== null && mailboxOf(before) !== mailboxOf(after)) clearScanState(db, id);
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== after[k]);
      audit?.record('profile.updated', { actor, details: { profileId: id, changed, passwordChanged } });
      return after;
    },

    async deleteProfile(id, actor = null) {
      getProfile(id);
      if (repo.profileInUse(db, id)) throw new AppError('conflict', 'This profile is used by a campaign', { profileId: id });
      const ref = repo.getSecretRef(db, id);
      if (ref) await secrets.delete(ref);
      repo.deleteProfileRow(db, id);
      audit?.record('profile.deleted', { actor, details: { profileId: id } });
    },

    getPassword,

    async testConnection(profileId) {
      const profile = getProfile(profileId);
      const password = profile.authMethod === 'oauth2' ? null : await getPassword(profileId);
      const token = accessToken ? (renew: boolean) => accessToken(profileId, renew) : undefined;
      // Options made exactly as the sending pool makes its own, so that "test connection" and a
      // send report the same fault alike (a reset STARTTLS is smtp-tls in both).
      try {
        const result = await diagnoseConnection(poolOptionsFrom(transportOptions(profile, password, timeouts, token)), profile.authMethod);
        audit?.record('profile.tested', { details: { profileId, ok: true } });
        return { ...result, insecure: profile.insecure };
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('internal', String(e));
        audit?.record('profile.tested', { details: { profileId, ok: false, code: err.code, step: (err.details as { step?: string } | undefined)?.step ?? null } });
        throw err;
      }
    },
  };
}
