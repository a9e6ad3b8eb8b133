// Handlers of OAuth2 sign-in: one service call each. The authorization URL is opened by the host
// (Electron's shell) when it can; the browser host hands it to the page to open in a new tab.
import type { OAuthConfigDto, OAuthGrantDto } from '../../../shared/contract';
import type { OAuthGrant } from '../../db/repos/oauth-grants-repo';
import type { OAuthConfigStore } from '../../services/oauth/oauth-config';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';

const toGrantDto = ({ secretRef: _s, scope: _sc, ...g }: OAuthGrant): OAuthGrantDto => g;

function configDto(store: OAuthConfigStore): OAuthConfigDto {
  const own = store.organisation();
  const eff = store.effective();
  const source = (mine: string | null | undefined, used: string | null): OAuthConfigDto['google']['source'] => (mine ? 'organisation' : used ? 'app' : 'none');
  return {
    microsoft: { clientId: eff.microsoft.clientId, source: source(own.microsoftClientId, eff.microsoft.clientId), tenant: eff.microsoft.tenant },
    google: { clientId: eff.google.clientId, source: source(own.googleClientId, eff.google.clientId), hasSecret: eff.google.clientSecret !== null },
    custom: { clientId: eff.custom.clientId, source: source(own.customClientId, eff.custom.clientId), issuer: eff.custom.issuer, scope: eff.custom.scope },
  };
}

export function oauthHandlers(app: AppContext): DomainHandlers<'oauth'> {
  const s = () => app.services();
  return {
    'oauth:grants': () => s().oauth.listGrants().map(toGrantDto),
    'oauth:begin': async ({ actorId, profileId }) => {
      const { flowId, url } = await s().oauth.begin(profileId, app.actorName(actorId));
      return { flowId, url, opened: await app.openExternal(url) };
    },
    'oauth:wait': async ({ flowId }) => toGrantDto(await s().oauth.wait(flowId)),
    'oauth:cancel': ({ flowId }) => {
      s().oauth.cancel(flowId);
      return null;
    },
    'oauth:config': () => configDto(s().oauthConfig),
    'oauth:set-config': async ({ actorId, signers, ...patch }) => {
      const actor = s().users.isSetUp() ? (await s().users.confirmTwo(signers ?? [])).map((u) => u.name).join(' + ') : app.actorName(actorId);
      s().oauthConfig.update(patch);
      s().audit.record('settings.oauth-updated', { actor, details: { changed: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined) } });
      return configDto(s().oauthConfig);
    },
  };
}
