// Building one member's outgoing message (used by preview and by the sender alike).
export { buildMessage, type BuildMessageResult, type MailAddress, type OutgoingMessage, type Recipient } from './build-message';
