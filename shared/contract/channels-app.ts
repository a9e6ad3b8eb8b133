// Channels of the app itself: host info, first-run setup, settings, users and SMTP profiles.
import { z } from 'zod';
import { isMailboxAddress } from '../address/single';
import { channel, result } from './define';
import { actorId, attachmentLimitBytes, cancelWindowS, email, empty, id, pin, security, signer, signers } from './schemas';
import type {
  AppInfoDto,
  ConnectionTestDto,
  CreatedUserDto,
  ProfileDto,
  RecoveryCodeDto,
  SettingsDto,
  SetupStatusDto,
  TestAddressDto,
  UserDto,
} from './dto';
import type { ProfileFields } from '../smtp-profile';
import { DEFAULT_CARRIER_PER_MINUTE } from '../sending/carrier-domains';
import { AUTH_METHODS, OAUTH_PROVIDERS } from '../smtp-profile';

/** Every field the form edits, typed against the profile so a field cannot be added on one side only. */
const profileFields = {
  name: z.string().min(1).max(100),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security,
  authUser: z.string().max(320).nullable(),
  /** Defaults keep a form or caller that predates OAuth2 on a password login. */
  authMethod: z.enum(AUTH_METHODS).default('password'),
  oauthProvider: z.enum(OAUTH_PROVIDERS).nullable().default(null),
  fromAddress: email,
  fromName: z.string().max(200),
  perMinute: z.number().int().positive().nullable(),
  perHour: z.number().int().positive().nullable(),
  // Added after set-up forms existed: a caller that leaves them out keeps the defaults.
  perDay: z.number().int().positive().nullable().default(null),
  carrierPerMinute: z.number().int().positive().max(1000).nullable().default(DEFAULT_CARRIER_PER_MINUTE),
  maxConnections: z.number().int().min(1).max(10),
} satisfies { readonly [K in keyof Omit<ProfileFields, 'practice'>]-?: z.ZodType<ProfileFields[K]> };

/** A profile as typed in the form. The password is write-only: omit it to keep the stored one, null to remove it. */
const profileInput = z.object({ ...profileFields, password: z.string().max(1000).optional() });

/** One address, no spaces or lists: the settings screen compares every profile's From with it. */
const organisationAddress = email.refine(isMailboxAddress, { message: 'Invalid email address' });
/** A mail domain such as example.org (a leading @ is tolerated and dropped when stored). */
const domain = z.string().min(3).max(253).regex(/^@?[^\s@,;<>]+\.[^\s@,;<>.]+$/);

export const appChannels = {
  'app:info': channel(empty, result<AppInfoDto>()),
  'setup:status': channel(empty, result<SetupStatusDto>()),
  'settings:get': channel(empty, result<SettingsDto>()),
  /** Lengthening the approval validity after set-up takes two users' PINs (it extends approvals already given). */
  'settings:update': channel(
    z.object({
      actorId: actorId.nullable(),
      signers: signers.optional(),
      organisationName: z.string().min(1).max(200).optional(),
      organisationAddress: organisationAddress.nullable().optional(),
      organisationDomains: z.array(domain).max(50).optional(),
      recipientsAreOrganisations: z.boolean().optional(),
      /** null returns to the built-in default. */
      maxAttachmentBytes: attachmentLimitBytes.nullable().optional(),
      /** The cancel window a new notice starts with (each notice can still change its own). */
      defaultCancelWindowS: cancelWindowS.optional(),
      language: z.enum(['ja', 'en']).nullable().optional(),
      approvalValidHours: z.number().int().min(1).max(720).optional(),
      /** 'HH:MM-HH:MM' (e.g. 21:00-08:00); null for no quiet hours. */
      quietHours: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/).nullable().optional(),
      lateLimitHours: z.number().int().min(1).max(168).optional(),
    }),
    result<SettingsDto>(),
  ),
  'users:list': channel(empty, result<readonly UserDto[]>()),
  /**
   * Adds a user. Until two users exist (set-up) no one else confirms; after that two current
   * users must confirm with their PINs (signers), so no one person can make up an approver.
   */
  'users:create': channel(z.object({ name: z.string().min(1).max(100), pin, signers: signers.optional() }), result<CreatedUserDto>()),
  'users:rename': channel(z.object({ userId: id, name: z.string().min(1).max(100), signers }), result<UserDto>()),
  /** A new PIN for a user, confirmed by two users (the user themself may be one of them). */
  'users:set-pin': channel(z.object({ userId: id, pin, signers }), result<UserDto>()),
  /** Refused when it would leave fewer than two users. */
  'users:remove': channel(z.object({ userId: id, signers }), result<null>()),
  /** Forgotten PIN: the organisation's recovery code plus another user's PIN; returns the next code. */
  'users:recover': channel(
    z.object({ userId: id, pin, recoveryCode: z.string().min(16).max(64), helper: signer }),
    result<RecoveryCodeDto>(),
  ),
  'users:new-recovery-code': channel(z.object({ signers }), result<RecoveryCodeDto>()),
  /** The only addresses a test send may go to. */
  'test-addresses:list': channel(empty, result<readonly TestAddressDto[]>()),
  /** After set-up, two users confirm with their PINs. */
  'test-addresses:add': channel(z.object({ address: email, signers: signers.optional() }), result<readonly TestAddressDto[]>()),
  'test-addresses:remove': channel(z.object({ actorId, address: email }), result<readonly TestAddressDto[]>()),
  'profiles:list': channel(empty, result<readonly ProfileDto[]>()),
  /**
   * The mail account decides where every message (and the password) goes, so once two users
   * exist, creating, changing or deleting one takes two users' PINs, like adding an approver.
   */
  'profiles:create': channel(z.object({ actorId: actorId.nullable(), profile: profileInput, signers: signers.optional() }), result<ProfileDto>()),
  'profiles:update': channel(
    z.object({ actorId: actorId.nullable(), id, profile: profileInput, signers: signers.optional() }),
    result<ProfileDto>(),
  ),
  'profiles:delete': channel(z.object({ actorId, id, signers: signers.optional() }), result<null>()),
  /** Connects and logs in to a saved profile's server without sending anything. */
  'profiles:test': channel(z.object({ id }), result<ConnectionTestDto>()),
} as const;
