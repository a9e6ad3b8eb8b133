// One received message: envelope, every header line as received, text body, attachments, raw.
// All shown as text; an HTML part is never rendered.
import { useTranslation } from 'react-i18next';
import type { OutboxAddress } from '../../../../shared/practice';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';

const fmt = (a: readonly OutboxAddress[]) => a.map((x) => (x.name ? `${x.name} <${x.address}>` : x.address)).join(', ');

export function OutboxMessageView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery('outbox:get', { id });
  const m = q.data;
  if (!m) return <ErrorText error={q.error} />;
  return (
    <section className="card" data-testid="outbox-message">
      <dl className="mail-head">
        <dt>{t('outbox.received')}</dt>
        <dd>{new Date(m.receivedAt).toLocaleString(i18n.language)}</dd>
        <dt>{t('outbox.envelopeFrom')}</dt>
        <dd translate="no">{m.envelope.from ?? '<>'}</dd>
        <dt>{t('outbox.envelopeTo')}</dt>
        <dd translate="no" data-field="envelope-to">{m.envelope.to.join(', ')}</dd>
        <dt>{t('check.from')}</dt>
        <dd translate="no">{fmt(m.headers.from)}</dd>
        <dt>{t('check.to')}</dt>
        <dd translate="no" data-field="to">{fmt(m.headers.to)}</dd>
        <dt>{t('check.subject')}</dt>
        <dd translate="no" data-field="subject">{m.headers.subject}</dd>
        <dt>{t('outbox.size')}</dt>
        <dd>{t('common.bytes', { count: m.size })}</dd>
        {m.attachments.length > 0 && (
          <>
            <dt>{t('check.attachments')}</dt>
            <dd>{m.attachments.map((a) => `${a.name ?? '?'} (${a.contentType}, ${t('common.bytes', { count: a.size })})`).join(', ')}</dd>
          </>
        )}
      </dl>
      <pre className="mail" translate="no" data-field="body">
        {m.text}
      </pre>
      <details>
        <summary>{t('check.headers')}</summary>
        <pre className="mail" translate="no">{m.headers.lines.map((h) => h.line).join('\n')}</pre>
      </details>
      <details>
        <summary>{t('outbox.raw')}</summary>
        <pre className="mail" translate="no" data-field="raw">
          {m.raw}
        </pre>
      </details>
    </section>
  );
}
