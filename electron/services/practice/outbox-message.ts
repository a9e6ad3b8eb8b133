// Turns one message as received by the practice outbox (raw bytes + envelope) into what the
// outbox screen shows: parsed headers, every header line as received, text, attachments.
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import type {
  OutboxAddress,
  OutboxEnvelope,
  OutboxMessage,
  OutboxSummary,
} from '../../../shared/practice';

export interface ReceivedMeta {
  readonly id: string;
  readonly receivedAt: number;
  readonly envelope: OutboxEnvelope;
}

function flatten(list: readonly EmailAddress[], out: OutboxAddress[]): void {
  for (const a of list) {
    // Groups ("undisclosed-recipients: a@x, b@y;") are flattened so that no address can hide
    // from the "one recipient per message" check on this screen.
    if (a.group) flatten(a.group, out);
    else if (a.address !== undefined) out.push({ name: a.name, address: a.address });
  }
}

function addresses(v: AddressObject | AddressObject[] | undefined): OutboxAddress[] {
  const out: OutboxAddress[] = [];
  for (const o of v === undefined ? [] : Array.isArray(v) ? v : [v]) flatten(o.value, out);
  return out;
}

export async function parseOutboxMessage(raw: Buffer, meta: ReceivedMeta): Promise<OutboxMessage> {
  // skipTextToHtml / skipImageLinks: the screen shows what was received, not a rewritten copy.
  const p = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
  const date = p.date && !Number.isNaN(p.date.getTime()) ? p.date.toISOString() : null;
  const headers = {
    from: addresses(p.from),
    to: addresses(p.to),
    cc: addresses(p.cc),
    bcc: addresses(p.bcc),
    subject: p.subject ?? null,
    date,
    messageId: p.messageId ?? null,
    lines: p.headerLines.map((h) => ({ key: h.key, line: h.line })),
  };
  const attachments = p.attachments.map((a) => ({
    name: a.filename ?? null,
    size: a.size,
    contentType: a.contentType,
  }));
  return {
    id: meta.id,
    receivedAt: meta.receivedAt,
    envelope: meta.envelope,
    subject: headers.subject,
    headerTo: headers.to,
    size: raw.length,
    attachmentCount: attachments.length,
    headers,
    text: p.text ?? '',
    html: typeof p.html === 'string' ? p.html : null,
    attachments,
    raw: raw.toString('utf8'),
  };
}

export function toSummary(m: OutboxMessage): OutboxSummary {
  return {
    id: m.id,
    receivedAt: m.receivedAt,
    envelope: m.envelope,
    subject: m.subject,
    headerTo: m.headerTo,
    size: m.size,
    attachmentCount: m.attachmentCount,
  };
}
