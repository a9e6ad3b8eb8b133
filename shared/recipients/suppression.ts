// Why an address is on the organisation's suppression list (never mailed, whatever the list says).
export const SUPPRESSION_REASONS = ['asked-to-stop', 'moved', 'deceased', 'bounced', 'other'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
