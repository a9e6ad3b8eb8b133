// Channels of sending, history/audit, practice mode and the practice outbox.
import { z } from 'zod';
import { channel, result } from './define';
import { RECIPIENT_STATUSES } from '../statuses';
import { actorId, empty, id, limit, offset } from './schemas';
import { reportFormat } from './report-schemas';
import type {
  AuditEntryDto,
  AuditExportDto,
  OutboxItemDto,
  OutboxMessageDto,
  PracticeStatusDto,
  AppInfoDto,
  RecipientDto,
  SendMembersPageDto,
  SendStatusDto,
  SendEstimateDto,
} from './dto';

const control = z.object({ actorId, campaignId: id });
const recipientStatus = z.enum(RECIPIENT_STATUSES);

export const sendChannels = {
  /** Starts the cancel window of an approved campaign; sending begins when it ends. */
  /** `at`: send at this time (epoch ms) rather than as soon as the window ends; the window runs before it. */
  'send:schedule': channel(control.extend({ at: z.number().int().positive().optional() }), result<SendStatusDto>()),
  /** Inside the cancel window: nothing is sent. */
  'send:cancel': channel(control, result<SendStatusDto>()),
  'send:pause': channel(control, result<SendStatusDto>()),
  'send:resume': channel(control, result<SendStatusDto>()),
  /** Stops between messages; what was delivered cannot be recalled. */
  'send:stop': channel(control, result<SendStatusDto>()),
  'send:status': channel(z.object({ campaignId: id }), result<SendStatusDto>()),
  /** How long the send will take under the account's limits and quiet hours (check, approval, send screens). */
  'send:estimate': channel(z.object({ campaignId: id }), result<SendEstimateDto>()),
  'send:members': channel(
    z.object({ campaignId: id, status: recipientStatus.optional(), offset, limit }),
    result<SendMembersPageDto>(),
  ),
  'send:resend-failed': channel(control, result<SendStatusDto>()),
  /**
   * The operator decides about messages left "unknown" by a crash: they did arrive ('sent'), or
   * send them again ('resend', through a new cancel window). Never resent automatically.
   */
  'send:resolve-unknown': channel(
    z.object({ actorId, campaignId: id, sendIds: z.array(id).min(1).max(1000), decision: z.enum(['sent', 'resend']) }),
    result<SendStatusDto>(),
  ),
  'audit:list': channel(
    z.object({
      campaignId: id.optional(),
      listId: id.optional(),
      afterId: z.number().int().min(0).optional(),
      limit,
      /** The latest entries, newest first (History reads what just happened). */
      newestFirst: z.boolean().optional(),
    }),
    result<readonly AuditEntryDto[]>(),
  ),
  /** The CSV speaks the reader's language and states their time zone (reportFormat). */
  'audit:export': channel(z.object({ actorId, campaignId: id.optional(), ...reportFormat }), result<AuditExportDto>()),
  /** Who received this campaign (or failed to), for an incident report or a follow-up. */
  'audit:recipients': channel(
    z.object({ campaignId: id, status: recipientStatus.optional() }),
    result<readonly RecipientDto[]>(),
  ),
  'practice:status': channel(empty, result<PracticeStatusDto>()),
  /** Switches to the practice workspace (separate database, built-in outbox, sample data). */
  'practice:enter': channel(empty, result<AppInfoDto>()),
  'practice:leave': channel(empty, result<AppInfoDto>()),
  /** Deletes the practice database and outbox; refused while practice mode is on. */
  'practice:delete': channel(empty, result<PracticeStatusDto>()),
  'outbox:list': channel(z.object({ offset, limit }), result<readonly OutboxItemDto[]>()),
  'outbox:get': channel(z.object({ id: z.string().min(1).max(200) }), result<OutboxMessageDto>()),
} as const;
