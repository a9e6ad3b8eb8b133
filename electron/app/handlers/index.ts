// Every channel bound to its handler. The Handlers type makes a missing, extra or mistyped
// handler a compile error; the contract test checks the same at runtime.
import type { AppContext } from '../app-context';
import type { Handlers } from '../handler-types';
import { appHandlers } from './app';
import { approvalMailHandlers } from './approval-mail';
import { bounceHandlers } from './bounces';
import { campaignHandlers } from './campaigns';
import { listHandlers } from './lists';
import { practiceHandlers } from './practice';
import { recipientHandlers } from './recipients';
import { reportHandlers } from './reports';
import { sendHandlers } from './send';
import { oauthHandlers } from './oauth';

export function createHandlers(app: AppContext): Handlers {
  return {
    ...appHandlers(app),
    ...listHandlers(app),
    ...recipientHandlers(app),
    ...campaignHandlers(app),
    ...sendHandlers(app),
    ...practiceHandlers(app),
    ...approvalMailHandlers(app),
    ...bounceHandlers(app),
    ...oauthHandlers(app),
    ...reportHandlers(app),
  } satisfies Handlers;
}
