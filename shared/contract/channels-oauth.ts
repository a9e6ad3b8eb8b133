// Channels of OAuth2 sign-in for mail accounts (issue 12): start a sign-in (the system browser
// opens the provider's page; it comes back to 127.0.0.1), wait for it, see who signed in, and the
// sign-in apps (client IDs) in use. No channel ever carries a token.
import { z } from 'zod';
import { channel, result } from './define';
import { actorId, empty, id, signers } from './schemas';
import type { OAuthConfigDto, OAuthGrantDto, OAuthStartDto } from './dto';

const clientId = z.string().trim().max(200).regex(/^[\w.\-:/@]*$/).nullable().optional();

export const oauthChannels = {
  'oauth:grants': channel(empty, result<readonly OAuthGrantDto[]>()),
  /**
   * Starts signing in the account's mailbox. A token only works for the mailbox the account logs
   * in as (the mail server checks), so one user may do it, e.g. to resume a paused send.
   */
  'oauth:begin': channel(z.object({ actorId, profileId: id }), result<OAuthStartDto>()),
  /** Resolves when the browser came back and the sign-in is stored (or it failed, was cancelled or timed out). */
  'oauth:wait': channel(z.object({ flowId: z.string().uuid() }), result<OAuthGrantDto>()),
  'oauth:cancel': channel(z.object({ flowId: z.string().uuid() }), result<null>()),
  'oauth:config': channel(empty, result<OAuthConfigDto>()),
  /**
   * The organisation's own sign-in apps; null or '' returns to the app's default. After set-up
   * two users confirm: the issuer and app decide who hands out the account's tokens.
   */
  'oauth:set-config': channel(
    z.object({
      actorId: actorId.nullable(),
      signers: signers.optional(),
      microsoftClientId: clientId,
      microsoftTenant: clientId,
      googleClientId: clientId,
      googleClientSecret: z.string().max(200).nullable().optional(),
      customIssuer: z.union([z.string().url().max(500), z.literal('')]).nullable().optional(),
      customClientId: clientId,
      customScope: z.string().max(500).nullable().optional(),
    }),
    result<OAuthConfigDto>(),
  ),
} as const;
