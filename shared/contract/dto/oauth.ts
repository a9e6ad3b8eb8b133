// DTOs of OAuth2 sign-in (issue 12). No token of any kind is ever part of one.
import type { OAuthProvider } from '../../smtp-profile';

/** A sign-in of a mail account: who signed in, as which mailbox, with which app (client). */
export interface OAuthGrantDto {
  readonly profileId: number;
  readonly provider: OAuthProvider;
  readonly account: string | null;
  readonly clientId: string;
  readonly signedInAt: number;
  readonly signedInBy: string | null;
}

/** A started sign-in: the page opens `url` in a new tab unless the host already did (opened). */
export interface OAuthStartDto {
  readonly flowId: string;
  readonly url: string;
  readonly opened: boolean;
}

/** Which app each provider signs in with, and whether it is the organisation's own or the build's. */
interface OAuthClientDto {
  readonly clientId: string | null;
  readonly source: 'organisation' | 'app' | 'none';
}

export interface OAuthConfigDto {
  readonly microsoft: OAuthClientDto & { readonly tenant: string | null };
  readonly google: OAuthClientDto & { readonly hasSecret: boolean };
  readonly custom: OAuthClientDto & { readonly issuer: string | null; readonly scope: string | null };
}
