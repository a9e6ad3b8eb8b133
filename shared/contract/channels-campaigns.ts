// Channels of campaigns: compose, attachments, template check, previews, checks, test send, approval.
import { z } from 'zod';
import { hasBidiControls } from '../bidi';
import { channel, result } from './define';
import { MESSAGE_ENCODINGS } from '../sending/encodings';
import { CHECK_MEMBERS_MAX } from '../guards/item';
import { actorId, bytes, empty, fileName, id, limit, offset, pin, selection } from './schemas';
import type {
  ApprovalDto,
  ApprovalSummaryDto,
  AttachmentDto,
  CampaignDto,
  CheckMemberDto,
  CheckReportDto,
  PreviewSearchDto,
  RenderedMessageDto,
  TemplateCheckDto,
  TestSendDto,
} from './dto';

const template = z.string().max(200_000);
/** Every member sees this name: direction controls could pass "a.pdf\u202Egpj.exe" off as a picture. */
const attachmentFileName = fileName.refine((n) => !hasBidiControls(n), {
  message:
    'The file name holds invisible characters that reverse the direction of the text (U+202A-202E, U+2066-2069, U+200E/F), ' +
    'which can disguise what kind of file it is. Rename the file without them and add it again.',
});

export const campaignChannels = {
  'campaigns:list': channel(empty, result<readonly CampaignDto[]>()),
  'campaigns:get': channel(z.object({ id }), result<CampaignDto>()),
  'campaigns:create': channel(
    z.object({ actorId, listId: id, name: z.string().min(1).max(200), profileId: id.nullable().optional() }),
    result<CampaignDto>(),
  ),
  /** Any change to a campaign voids its approval (promise 3). */
  'campaigns:update': channel(
    z.object({
      actorId,
      id,
      name: z.string().min(1).max(200).optional(),
      subjectTemplate: template.optional(),
      bodyTemplate: template.optional(),
      profileId: id.nullable().optional(),
      cancelWindowS: z.number().int().min(0).max(86_400).optional(),
      selection: selection.optional(),
    }),
    result<CampaignDto>(),
  ),
  /** A new draft with the templates, account, cancel window and selection of an earlier notice. */
  /** ISO-2022-JP (older phones) or UTF-8; the check report then lists what cannot be written in it. */
  'campaigns:set-encoding': channel(z.object({ actorId, id, encoding: z.enum(MESSAGE_ENCODINGS) }), result<CampaignDto>()),
  /** A draft notice to the notice's members on carrier phones, asking them to allow the sender's domain. */
  'campaigns:carrier-notice': channel(z.object({ actorId, campaignId: id }), result<CampaignDto>()),
  'campaigns:copy': channel(z.object({ actorId, campaignId: id, name: z.string().min(1).max(200) }), result<CampaignDto>()),
  /** A new draft addressed to exactly the recipients of an earlier campaign with these statuses. */
  'campaigns:follow-up': channel(
    z.object({
      actorId,
      campaignId: id,
      name: z.string().min(1).max(200),
      statuses: z.array(z.enum(['sent', 'failed', 'unknown', 'cancelled', 'bounced'])).min(1),
    }),
    result<CampaignDto>(),
  ),
  'attachments:add': channel(z.object({ actorId, campaignId: id, fileName: attachmentFileName, bytes }), result<AttachmentDto>()),
  'attachments:remove': channel(z.object({ actorId, campaignId: id, attachmentId: id }), result<null>()),
  /** Parses the templates against a list's columns; errors come back as issues, not as a failure. */
  'template:check': channel(
    z.object({ listId: id.nullable(), subject: template, body: template }),
    result<TemplateCheckDto>(),
  ),
  /** Renders unsaved templates for one list member (the compose screen's live preview). */
  'preview:draft': channel(
    z.object({
      listId: id,
      /** null: the list's first member. */
      memberId: id.nullable(),
      /** The From shown; null: the first SMTP profile. */
      profileId: id.nullable(),
      subject: template,
      body: template,
    }),
    result<RenderedMessageDto>(),
  ),
  /**
   * The exact message of one recipient: by position (0-based) or by member id. Once the campaign
   * is submitted for approval it is rendered from the frozen recipients, before from the list.
   */
  'preview:render': channel(
    z.object({ campaignId: id, position: z.number().int().min(0).optional(), memberId: id.optional() }),
    result<RenderedMessageDto>(),
  ),
  'preview:search': channel(
    z.object({ campaignId: id, query: z.string().max(200), offset, limit }),
    result<PreviewSearchDto>(),
  ),
  'checks:run': channel(z.object({ campaignId: id }), result<CheckReportDto>()),
  /**
   * The people a check finding names (its member ids), by name and address, for "show all".
   * Ids are a finding's own: negative ones name frozen rows whose member has gone.
   */
  'checks:members': channel(
    z.object({ campaignId: id, memberIds: z.array(z.number().int().safe()).max(CHECK_MEMBERS_MAX) }),
    result<readonly CheckMemberDto[]>(),
  ),
  /**
   * Sends one recipient's exact message, subject marked [TEST], to one of the organisation's
   * registered test addresses (default: the profile's From, when registered); any other address
   * is refused. Target: a list member while drafting, or a position.
   */
  'test:send': channel(
    z.object({
      actorId,
      campaignId: id,
      memberId: id.optional(),
      position: z.number().int().min(0).optional(),
      to: z.string().min(3).max(320).optional(),
    }),
    result<TestSendDto>(),
  ),
  /** The requester confirms with their PIN; freezes the recipients and returns what the approver will see. */
  'approval:request': channel(z.object({ actorId, campaignId: id, pin }), result<ApprovalSummaryDto>()),
  'approval:summary': channel(z.object({ campaignId: id }), result<ApprovalSummaryDto>()),
  /** The second user signs off with their PIN; the requester cannot approve their own request. */
  'approval:approve': channel(z.object({ campaignId: id, approverId: id, pin }), result<ApprovalDto>()),
} as const;
