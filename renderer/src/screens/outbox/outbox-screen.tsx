// Practice outbox: every message the practice send delivered, shown exactly as received.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { useEvent } from '../../hooks/use-event';
import { useQuery } from '../../hooks/use-query';
import { OutboxMessageView } from './outbox-message-view';

export function OutboxScreen() {
  const { t, i18n } = useTranslation();
  const list = useQuery('outbox:list', { limit: 500 });
  const [open, setOpen] = useState<string | null>(null);
  useEvent('outbox:received', () => list.reload());
  const items = list.data ?? [];
  const chosen = open ?? items[0]?.id ?? null;
  return (
    <div data-screen="outbox">
      <div className="row">
        <h2>{t('outbox.title')}</h2>
        <span className="chip info" data-testid="outbox-count">{items.length}</span>
        <button type="button" className="btn small" onClick={list.reload}>
          {t('outbox.refresh')}
        </button>
      </div>
      <p className="hint">{t('outbox.intro')}</p>
      <ErrorText error={list.error} />
      {items.length === 0 ? (
        <p className="hint">{t('outbox.empty')}</p>
      ) : (
        <div className="split">
          <ul className="pick-list" data-testid="outbox-list">
            {items.map((m) => (
              <li key={m.id}>
                <button type="button" translate="no" title={`${m.envelope.to.join(', ')} ${m.subject}`} aria-pressed={m.id === chosen} data-outbox-id={m.id} onClick={() => setOpen(m.id)}>
                  {m.envelope.to.join(', ')}
                  <br />
                  <span className="hint">
                    {new Date(m.receivedAt).toLocaleTimeString(i18n.language)} {m.subject}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {chosen && <OutboxMessageView key={chosen} id={chosen} />}
        </div>
      )}
    </div>
  );
}
