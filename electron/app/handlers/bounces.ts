// Handlers of a mail account's IMAP side and of bounces: one service call each.
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';

export function bounceHandlers(app: AppContext): DomainHandlers<'imap' | 'bounces'> {
  const s = () => app.services();
  /** Anyone while setting up; after that two users with their PINs, as for the mail account itself. */
  const twoPersonActor = async (actorId: number | null, signers: readonly { userId: number; pin: string }[] | undefined) => {
    if (!s().users.isSetUp()) return app.actorName(actorId);
    const [a, b] = await s().users.confirmTwo(signers ?? []);
    return `${a.name} + ${b.name}`;
  };
  return {
    'imap:get': ({ profileId }) => s().bounces.getAccount(profileId),
    'imap:save': async ({ actorId, profileId, account, signers }) => s().bounces.saveAccount(profileId, account, await twoPersonActor(actorId, signers)),
    'imap:remove': async ({ actorId, profileId, signers }) => (await s().bounces.removeAccount(profileId, await twoPersonActor(actorId, signers)), null),
    'imap:test': ({ profileId }) => s().bounces.testAccount(profileId),
    'bounces:summary': ({ campaignId }) => s().bounces.summary(campaignId),
    'bounces:check': ({ actorId, campaignId }) => s().bounces.checkCampaign(campaignId, app.actorName(actorId)),
    'bounces:suppress': ({ actorId, campaignId, sendIds }) => ({ suppressed: s().bounces.suppressBounced(campaignId, sendIds, app.actorName(actorId)) }),
  };
}
