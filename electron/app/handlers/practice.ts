// Handlers of practice mode (enter, leave, delete its data) and the practice outbox.
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';

export function practiceHandlers(app: AppContext): DomainHandlers<'practice' | 'outbox'> {
  const outbox = () => {
    const ws = app.services().practice;
    if (!ws) throw new AppError('practice-only', 'The outbox exists only in practice mode.');
    return ws.outbox;
  };
  return {
    'practice:status': () => app.practiceStatus(),
    'practice:enter': async () => {
      await app.enterPractice();
      return app.info();
    },
    'practice:leave': async () => {
      await app.leavePractice();
      return app.info();
    },
    'practice:delete': async () => {
      await app.deletePractice();
      return app.practiceStatus();
    },
    'outbox:list': ({ offset, limit }) => outbox().list().slice(offset, offset + limit),
    'outbox:get': ({ id }) => outbox().get(id),
  };
}
