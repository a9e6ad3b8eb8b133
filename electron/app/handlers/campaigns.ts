// Handlers of campaigns: compose, attachments, template check, previews, checks, test send, approval.
import { AppError } from '../../../shared/errors';
import { checkTemplate, usedFields } from '../../../shared/template';
import { outsideMembers } from '../../db/content-version';
import type { Campaign } from '../../db/repos/campaigns-repo';
import { getList } from '../../db/repos/lists-repo';
import { createCarrierNotice } from '../../services/campaigns/carrier-notice';
import { describeCheckMembers } from '../../services/checks/check-members';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import type { Services } from '../services';
import { approvalSummary } from './approval-summary';
import { toApprovalDto, toCampaignDto, toMemberDto } from './mappers';
import { renderCampaign, renderDraft } from './render';

type Domains = 'campaigns' | 'attachments' | 'template' | 'preview' | 'checks' | 'test' | 'approval';

export function campaignHandlers(app: AppContext): DomainHandlers<Domains> {
  const s = () => app.services();
  const userName = (id: number) => app.actorName(id) ?? `user#${id}`;
  const dtoContext = () => ({ userName, approvalExpiresAt: s().approvals.approvalExpiresAt });
  /** A campaign as shown: its approval is verified first, so a void one never reads "approved". */
  const shown = (c: Campaign) => toCampaignDto(s().db, s().approvals.verifyShownApproval(c.id), dtoContext());
  const campaignDto = (id: number) => shown(s().campaigns.getCampaign(id));

  const summary = (sv: Services, campaignId: number) => approvalSummary(sv, campaignId, campaignDto);

  return {
    'campaigns:list': () => s().campaigns.listCampaigns().map(shown).reverse(),
    'campaigns:get': ({ id }) => campaignDto(id),
    'campaigns:create': ({ actorId, listId, name, profileId }) =>
      shown(s().campaigns.createCampaign({ listId, name, createdBy: actorId, ...(profileId !== undefined ? { profileId } : {}) }, app.actorName(actorId))),
    'campaigns:update': ({ actorId, id, ...patch }) => {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      // A notice's edit (its row, the voided approval, the audit entry) changes no member, exclusion
      // or suppression: the recipients read for the check report and the preview stay kept
      // (content-version.ts). The list and selection are part of those caches' keys.
      return shown(outsideMembers(s().db, () => s().campaigns.updateCampaign(id, clean, app.actorName(actorId))));
    },
    'campaigns:copy': ({ actorId, campaignId, name }) => shown(s().campaigns.copyCampaign(campaignId, { name, createdBy: actorId }, app.actorName(actorId))),
    'campaigns:set-encoding': ({ actorId, id, encoding }) => shown(s().campaigns.setEncoding(id, encoding, app.actorName(actorId))),
    'campaigns:carrier-notice': ({ actorId, campaignId }) => shown(createCarrierNotice(s().db, s().campaigns, campaignId, actorId, app.actorName(actorId))),
    'campaigns:follow-up': ({ actorId, campaignId, name, statuses }) =>
      shown(s().campaigns.createFollowUp(campaignId, { statuses, name, createdBy: actorId }, app.actorName(actorId))),

    'attachments:add': async ({ actorId, campaignId, fileName, bytes }) => {
      const a = await s().campaigns.addAttachment(campaignId, { fileName, content: bytes }, app.actorName(actorId));
      return { id: a.id, fileName: a.fileName, sha256: a.sha256, bytes: a.bytes };
    },
    'attachments:remove': ({ actorId, campaignId, attachmentId }) => {
      s().campaigns.removeAttachment(campaignId, attachmentId, app.actorName(actorId));
      return null;
    },

    'template:check': ({ listId, subject, body }) => {
      const template = { subject, body };
      const list = listId === null ? undefined : getList(s().db, listId);
      if (listId !== null && !list) throw new AppError('not-found', 'No such list', { listId });
      // Without a list there are no columns to compare with: only syntax is checked.
      const issues = checkTemplate(template, list?.columns ?? []).filter((i) => list || i.code !== 'template-unknown-field');
      return { ok: issues.length === 0, issues, fields: usedFields(template) };
    },
    'preview:draft': (a) => renderDraft(s(), a),
    'preview:render': ({ campaignId, position, memberId }) =>
      renderCampaign(s(), s().campaigns.getCampaign(campaignId), { position, memberId }),
    'preview:search': ({ campaignId, query, offset, limit }) => {
      const c = s().campaigns.getCampaign(campaignId);
      const page = s().preview.search({ listId: c.listId, query, limit, offset });
      return { total: page.total, matches: page.members.map(toMemberDto) };
    },
    'checks:run': ({ campaignId }) => s().checks.latestReport(campaignId),
    'checks:members': ({ campaignId, memberIds }) => describeCheckMembers(s().db, campaignId, memberIds),

    'test:send': async ({ actorId, ...req }) => {
      const r = await s().testSend.send(req, app.actorName(actorId));
      app.notifyOutbox();
      return r;
    },

    'approval:request': async ({ actorId, campaignId, pin }) => {
      const sv = s();
      await sv.approvals.requestApproval(campaignId, actorId, pin);
      return summary(sv, campaignId);
    },
    'approval:summary': ({ campaignId }) => summary(s(), campaignId),
    'approval:approve': async ({ campaignId, approverId, pin }) =>
      toApprovalDto(await s().approvals.approve(campaignId, approverId, pin), dtoContext()),
  };
}
