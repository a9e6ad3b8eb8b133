// DTOs of who receives a notice: the live count of a selection, exclusions, shared addresses and
// the organisation's suppression list.
import type { SuppressionReason } from '../../recipients';
import type { MemberDto } from './lists';

export interface RecipientPreviewDto {
  readonly count: number;
  readonly domains: readonly { readonly domain: string; readonly count: number }[];
  readonly excluded: number;
  readonly suppressed: number;
  readonly merged: number;
  readonly words: { readonly ja: string; readonly en: string };
}

export interface ExclusionDto {
  readonly ref: string;
  readonly reason: string | null;
  readonly excludedBy: string | null;
  readonly excludedAt: number;
  readonly member: MemberDto | null;
}


export interface SuppressionDto {
  readonly address: string;
  readonly reason: SuppressionReason;
  readonly note: string | null;
  readonly addedBy: string | null;
  readonly addedAt: number;
}
