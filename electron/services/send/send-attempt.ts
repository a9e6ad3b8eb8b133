// One member's SMTP transaction: the message is built from that member's claimed row alone and
// sent to that one address; what the server (or the connection) said becomes an outcome.
import { AppError } from '../../../shared/errors';
import { buildMessage } from '../../../shared/message';
import type { CompiledTemplate } from '../../../shared/template';
import type { RecipientStatus } from '../../../shared/statuses';
import type { ClaimedSend } from '../../db/repos/sends-repo';
import type { MailAddress, MailAttachment, MailTransport } from '../../smtp/mail-transport';
import type { Clock } from '../clock';
import { classify, type Outcome, type RetryPolicy } from './retry-policy';
import type { MessageEncoding } from '../../../shared/sending/encodings';

/** A member marked in_flight (committed), with the Message-ID its message will carry. */
export interface Claim {
  readonly send: ClaimedSend;
  readonly messageId: string;
}

export type AttemptResult = Outcome | { kind: 'sent'; response: string };

export interface AttemptDeps {
  readonly sender: MailAddress;
  /** Compiled once per run; each member is still rendered from its own frozen row alone. */
  readonly template: CompiledTemplate;
  /** The approved files, loaded and verified once; every member gets exactly these. */
  readonly attachments: readonly MailAttachment[];
  /** How the text is written (the approved choice; UTF-8 unless ISO-2022-JP). */
  readonly encoding: MessageEncoding;
  readonly transport: MailTransport;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly clock: Clock;
}

export async function attemptDelivery(deps: AttemptDeps, claim: Claim, now: number): Promise<AttemptResult> {
  const { send, messageId } = claim;
  let built;
  try {
    built = buildMessage({ sender: deps.sender, recipient: { email: send.email, name: send.name, fields: send.fields }, template: deps.template });
  } catch (e) {
    return { kind: 'failed', response: errorText(e) };
  }
  if (!built.ok) return { kind: 'failed', response: `template-missing-field: ${built.missing.join(', ')}` };
  try {
    const result = await deps.transport.send({ from: deps.sender.address, to: send.email }, {
      ...built.message,
      messageId,
      date: new Date(now),
      attachments: deps.attachments,
      ...(deps.encoding === 'iso-2022-jp' ? { encoding: deps.encoding } : {}),
    });
    return { kind: 'sent', response: result.response };
  } catch (e) {
    return classify(e, send.attempts + 1, deps.clock.now(), deps.policy, deps.random);
  }
}

/** The member's status after an attempt. */
export function outcomeStatus(outcome: AttemptResult): RecipientStatus {
  switch (outcome.kind) {
    case 'sent': return 'sent';
    case 'retry': return 'retrying';
    case 'requeue':
    case 'reconnect': return 'queued';
    default: return outcome.kind;
  }
}

export function errorText(e: unknown): string {
  if (e instanceof AppError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
