// DTOs of remote sign-off (issue 16): approval addresses and mailed approval codes. None carries
// a code: the page learns where a code went and until when, never what it is.

export interface ApprovalAddressDto {
  readonly userId: number;
  readonly userName: string;
  readonly address: string;
  /** The two users who set it ("A + B"). */
  readonly setBy: string;
  readonly setAt: number;
}

/** A code mailed for the current approval request that can still be entered. */
export interface ApprovalCodeSentDto {
  readonly id: number;
  readonly approverId: number;
  readonly approverName: string;
  readonly address: string;
  readonly sentAt: number;
  readonly expiresAt: number;
}
