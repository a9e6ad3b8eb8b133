// Handlers of remote sign-off (issue 16): approval addresses, asking by mail, entering the code.
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { approvalSummary } from './approval-summary';
import { toApprovalDto, toCampaignDto } from './mappers';

export function approvalMailHandlers(app: AppContext): DomainHandlers<'approval-addresses' | 'approval-mail'> {
  const s = () => app.services();
  const userName = (id: number) => app.actorName(id) ?? `user#${id}`;
  const dtoContext = () => ({ userName, approvalExpiresAt: s().approvals.approvalExpiresAt });
  const addressDtos = () => s().approvalAddresses.list().map((a) => ({ ...a, userName: userName(a.userId) }));
  const sentDto = <T extends { approverId: number }>({ id, approverId, address, sentAt, expiresAt }: T & { id: number; address: string; sentAt: number; expiresAt: number }) => ({
    id,
    approverId,
    approverName: userName(approverId),
    address,
    sentAt,
    expiresAt,
  });

  return {
    'approval-addresses:list': () => addressDtos(),
    'approval-addresses:set': async ({ userId, address, signers }) => {
      await s().approvalAddresses.set(userId, address, signers);
      return addressDtos();
    },
    'approval-mail:ask': async ({ actorId, campaignId, approverId, pin }) => {
      const sv = s();
      const campaignDto = (id: number) => toCampaignDto(sv.db, sv.approvals.verifyShownApproval(id), dtoContext());
      const sent = await sv.approvalCodes.askByMail({ campaignId, approverId, askerId: actorId, pin, summary: () => approvalSummary(sv, campaignId, campaignDto) });
      app.notifyOutbox();
      // The message id stays in the audit log; the page needs only where and until when.
      return sentDto(sent);
    },
    'approval-mail:pending': ({ campaignId }) => s().approvalCodes.pending(campaignId).map(sentDto),
    'approval-mail:enter': async ({ actorId, campaignId, approverId, code }) =>
      toApprovalDto(await s().approvalCodes.enterCode(campaignId, approverId, code, app.actorName(actorId)), dtoContext()),
  };
}
