// The closed sets of states, declared once: every type, zod enum and SQL check derives from
// these arrays, and a test makes sure each has a sentence in Japanese and English.

/**
 * Where one member's message stands (the sends table). 'bounced' (不達): the server accepted it,
 * then a hard bounce matched by its Message-ID came back to the mailbox (issue 13).
 */
export const RECIPIENT_STATUSES = ['queued', 'in_flight', 'sent', 'retrying', 'failed', 'cancelled', 'unknown', 'bounced'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/**
 * Where a notice stands: draft → pending_approval → approved (campaign service), then
 * scheduled (cancel window), sending, paused, and finally stopped or completed (send engine).
 */
export const CAMPAIGN_STATUSES = ['draft', 'pending_approval', 'approved', 'scheduled', 'sending', 'paused', 'stopped', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** What the send screen shows for a notice's run ('idle': no run yet). */
export const SEND_STATES = ['idle', 'scheduled', 'sending', 'paused', 'stopped', 'completed'] as const;
export type SendState = (typeof SEND_STATES)[number];

/** Statuses in which a notice may still be edited or (re-)submitted for approval. */
export const EDITABLE_CAMPAIGN_STATUSES = ['draft', 'pending_approval', 'approved'] as const satisfies readonly CampaignStatus[];

/** Statuses the send engine owns, after the campaign service's draft → approved. */
export const RUN_CAMPAIGN_STATUSES = ['scheduled', 'sending', 'paused', 'stopped', 'completed'] as const satisfies readonly CampaignStatus[];

export const isCampaignStatus = (s: string): s is CampaignStatus => (CAMPAIGN_STATUSES as readonly string[]).includes(s);

/**
 * Why a campaign was found paused at start-up. The audit row ('send.paused', details.reason) and
 * the send status's error (reason) carry it, and the UI has words for each (send.recovery_<reason>).
 * - 'stopped-while-sending': Tayori ended (crash, power cut, quit) while a run was sending;
 *   messages that were in flight are 'unknown'.
 * - 'window-ran-out-while-closed': the cancel window ended while Tayori was closed: nothing of
 *   this window was sent, and nothing starts without the operator.
 * - 'too-late-not-sent': a scheduled send found more than the late limit (12 hours by default)
 *   after its time: it is not sent at all; the notice goes back to approved (or draft).
 */
export const RECOVERY_REASONS = ['stopped-while-sending', 'window-ran-out-while-closed', 'too-late-not-sent'] as const;
export type RecoveryReason = (typeof RECOVERY_REASONS)[number];

/** How an approval was given: a PIN typed at the desk, or a one-time code mailed to the approver. */
const APPROVAL_METHODS = ['pin', 'mail-code'] as const;
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number];
/** A bounce report: hard (5.x.x, the address does not work) or soft (4.x.x, try later). */
const BOUNCE_KINDS = ['hard', 'soft'] as const;
export type BounceKind = (typeof BOUNCE_KINDS)[number];
