// The one map of every IPC channel. Adding a channel: add it to a channels-*.ts map with its
// schema and result type → bind it in electron/app/handlers → call it through renderer's api.
// The preload whitelist, both hosts and the renderer client all derive from this map.
import { appChannels } from './channels-app';
import { approvalMailChannels } from './channels-approval-mail';
import { bounceChannels } from './channels-bounces';
import { campaignChannels } from './channels-campaigns';
import { listChannels } from './channels-lists';
import { recipientChannels } from './channels-recipients';
import { reportChannels } from './channels-reports';
import { sendChannels } from './channels-send';
import { oauthChannels } from './channels-oauth';

export const channels = {
  ...appChannels,
  ...listChannels,
  ...recipientChannels,
  ...campaignChannels,
  ...sendChannels,
  ...approvalMailChannels,
  ...bounceChannels,
  ...oauthChannels,
  ...reportChannels,
} as const;
