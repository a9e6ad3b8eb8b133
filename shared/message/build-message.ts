// The one function that turns ONE recipient row into the exact message that member receives.
// Preview and sender both call it, so the approved preview is byte for byte what is sent.
import { isSingleAddress } from '../address/single';
import { AppError } from '../errors';
import { compileTemplate, oneLine } from '../template';
import type { CompiledTemplate, MessageTemplate } from '../template';
import { withSentAddress } from './sent-address';

export interface MailAddress {
  address: string;
  name: string;
}

export interface OutgoingMessage {
  from: MailAddress;
  /** Exactly one member (promise 1): there is no Cc or Bcc anywhere in Tayori. */
  to: MailAddress;
  subject: string;
  text: string;
}

export interface Recipient {
  email: string;
  name: string;
  fields: Readonly<Record<string, string>>;
}

export type BuildMessageResult = { ok: true; message: OutgoingMessage } | { ok: false; missing: string[] };

function checkAddress(address: string, role: 'sender' | 'recipient'): string {
  if (!isSingleAddress(address)) {
    throw new AppError('validation', `The ${role} address is not a single plain email address.`, { role, address });
  }
  return address;
}

function isCompiled(t: MessageTemplate | CompiledTemplate): t is CompiledTemplate {
  return typeof (t as CompiledTemplate).render === 'function';
}

export function buildMessage(args: {
  sender: MailAddress;
  recipient: Recipient;
  template: MessageTemplate | CompiledTemplate;
}): BuildMessageResult {
  const { sender, recipient, template } = args;
  const compiled = isCompiled(template) ? template : compileTemplate(template);
  // {{the email column}} shows the address the message goes to, not the cell as typed.
  const rendered = compiled.render(withSentAddress(recipient.fields, recipient.email));
  if (!rendered.ok) return { ok: false, missing: rendered.missing };
  return {
    ok: true,
    message: {
      from: { address: checkAddress(sender.address, 'sender'), name: oneLine(sender.name) },
      to: { address: checkAddress(recipient.email, 'recipient'), name: oneLine(recipient.name) },
      subject: rendered.subject,
      text: rendered.body,
    },
  };
}
