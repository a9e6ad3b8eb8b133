// Picks the screen for the current navigation step.
import { useApp } from '../state/app-context';
import { ApprovalScreen } from './approval/approval-screen';
import { CheckScreen } from './check/check-screen';
import { ComposeScreen } from './compose/compose-screen';
import { HistoryScreen } from './history/history-screen';
import { ListsScreen } from './lists/lists-screen';
import { OutboxScreen } from './outbox/outbox-screen';
import { SendScreen } from './send/send-screen';
import { SettingsScreen } from './settings/settings-screen';
import { TestSendScreen } from './test-send/test-send-screen';

export function ScreenView() {
  const { screen } = useApp();
  switch (screen) {
    case 'lists':
      return <ListsScreen />;
    case 'compose':
      return <ComposeScreen />;
    case 'check':
      return <CheckScreen />;
    case 'test-send':
      return <TestSendScreen />;
    case 'approval':
      return <ApprovalScreen />;
    case 'send':
      return <SendScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
