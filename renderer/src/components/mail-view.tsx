// One member's exact message. The body is shown as React text inside <pre>: never parsed as
// HTML, so a message can run no script and load no remote content, whatever it contains.
import { useTranslation } from 'react-i18next';
import type { AddressDto, RenderedMessageDto } from '../../../shared/contract';

export function formatAddress(a: AddressDto): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

export function MailView({ rendered }: { rendered: RenderedMessageDto }) {
  const { t } = useTranslation();
  if (!rendered.ok) {
    return (
      <div className="error" data-testid="mail-missing" data-member-id={rendered.memberId ?? ''}>
        <span translate="no">{rendered.name} &lt;{rendered.email}&gt;</span>: {t('errors.template-missing-field')} (<span translate="no">{rendered.missing.join(', ')}</span>)
      </div>
    );
  }
  const m = rendered.message;
  return (
    <div data-testid="mail-view" data-member-id={rendered.memberId ?? ''}>
      <dl className="mail-head">
        <dt>{t('check.from')}</dt>
        <dd translate="no" data-field="from">{formatAddress(m.from)}</dd>
        <dt>{t('check.to')}</dt>
        <dd translate="no" data-field="to">{formatAddress(m.to)}</dd>
        <dt>{t('check.subject')}</dt>
        <dd translate="no" data-field="subject">{m.subject}</dd>
        {rendered.attachments.length > 0 && (
          <>
            <dt>{t('check.attachments')}</dt>
            <dd translate="no">{rendered.attachments.map((a) => `${a.fileName} (${t('common.bytes', { count: a.bytes })})`).join(', ')}</dd>
          </>
        )}
      </dl>
      <pre className="mail" translate="no" data-field="body">
        {m.text}
      </pre>
    </div>
  );
}
