// Practice mode from Settings (real workspace): open it, or delete its data after a confirm step.
import { useTranslation } from 'react-i18next';
import { DeletePractice } from '../../components/delete-practice';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useState } from 'react';

export function PracticePanel() {
  const { t } = useTranslation();
  const status = useQuery('practice:status', {});
  const enter = useCall();
  const [deleted, setDeleted] = useState(false);
  return (
    <section className="card" data-testid="practice-panel">
      <h3>{t('settings.practiceTitle')}</h3>
      <p>{t('settings.practiceText')}</p>
      <div className="row">
        {/* The host announces the switch (app:workspace) and the app starts again from the top. */}
        <button type="button" className="btn" data-action="enter-practice" disabled={enter.busy} onClick={() => void enter.run('practice:enter', {})}>
          {t('settings.practiceEnter')}
        </button>
        {status.data?.hasData ? (
          <DeletePractice
            active={false}
            className="btn"
            onDeleted={() => {
              setDeleted(true);
              status.reload();
            }}
          />
        ) : (
          <span className="hint" data-testid="no-practice-data">{t('settings.practiceNoData')}</span>
        )}
      </div>
      {deleted && <div className="notice" role="status" data-testid="practice-deleted">{t('practice.deleted')}</div>}
      <ErrorText error={enter.error ?? status.error} />
    </section>
  );
}
