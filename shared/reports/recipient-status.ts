// A guard for a status read back from a stored record (audit details are free JSON).
import { RECIPIENT_STATUSES, type RecipientStatus } from '../statuses';

export const isRecipientStatus = (s: string): s is RecipientStatus => (RECIPIENT_STATUSES as readonly string[]).includes(s);
