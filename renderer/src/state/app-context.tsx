// What every screen shares: host info, users, who is operating, and the list/notice in hand.
import { createContext, useContext } from 'react';
import type { AppInfoDto, UserDto } from '../../../shared/contract';

export type ScreenId =
  | 'lists'
  | 'compose'
  | 'check'
  | 'test-send'
  | 'approval'
  | 'send'
  | 'history'
  | 'outbox'
  | 'settings';

export interface AppState {
  readonly info: AppInfoDto;
  readonly users: readonly UserDto[];
  readonly operatorId: number | null;
  readonly listId: number | null;
  readonly campaignId: number | null;
  readonly screen: ScreenId;
  setOperator(id: number | null): void;
  /** Choosing another list lets go of the notice in hand. */
  setListId(id: number | null): void;
  /** Opens a notice, and with it its own list. */
  openCampaign(c: { readonly id: number; readonly listId: number }): void;
  go(screen: ScreenId): void;
  /** Re-reads host info and users (after setup, or when the workspace switched). */
  reload(): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside AppContext');
  return s;
}
