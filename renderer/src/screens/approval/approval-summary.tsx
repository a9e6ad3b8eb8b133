// The hand-over screen: everything the approver must see before signing off.
import { useTranslation } from 'react-i18next';
import type { ApprovalSummaryDto } from '../../../../shared/contract';
import { CheckFindings } from '../../components/check-findings';
import { MailView, formatAddress } from '../../components/mail-view';

export function ApprovalSummary({ summary }: { summary: ApprovalSummaryDto }) {
  const { t, i18n } = useTranslation();
  const c = summary.campaign;
  const first = summary.samples.find((s) => s.ok);
  return (
    <section className="card" data-testid="approval-summary">
      <h3>{t('approval.handOver')}</h3>
      <table className="data">
        <tbody>
          <tr>
            <th>{t('approval.list')}</th>
            <td translate="no" data-testid="approval-list">{c.listName}</td>
          </tr>
          <tr>
            <th>{t('approval.who')}</th>
            <td data-testid="approval-who">{i18n.language === 'ja' ? summary.recipientsInWords.ja : summary.recipientsInWords.en}</td>
          </tr>
          <tr>
            <th>{t('approval.count')}</th>
            <td data-testid="approval-count">{summary.recipientCount}</td>
          </tr>
          <tr>
            <th>{t('approval.sender')}</th>
            <td translate="no">{formatAddress(summary.from)}</td>
          </tr>
          <tr>
            <th>{t('approval.server')}</th>
            <td translate="no" data-testid="approval-server">{summary.server ? `${summary.server.host}:${summary.server.port}` : '—'}</td>
          </tr>
          <tr>
            <th>{t('approval.subject')}</th>
            <td translate="no">{first?.ok ? first.message.subject : c.subjectTemplate}</td>
          </tr>
          <tr>
            <th>{t('approval.attachments')}</th>
            <td>{c.attachments.length ? c.attachments.map((a) => `${a.fileName} (${t('common.bytes', { count: a.bytes })})`).join(', ') : t('approval.noAttachments')}</td>
          </tr>
          <tr>
            <th>{t('limits.encoding')}</th>
            <td data-testid="approval-encoding">{t(c.encoding === 'iso-2022-jp' ? 'limits.encoding_iso-2022-jp' : 'limits.encoding_utf8')}</td>
          </tr>
          <tr>
            <th>{t('approval.requestedBy')}</th>
            <td translate="no">{summary.requestedBy?.name ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <CheckFindings report={summary.report} showInfo={false} campaignId={summary.campaign.id} />
      <h3>{t('approval.samples')}</h3>
      <div className="grid2">
        {summary.samples.slice(0, 4).map((s) => (
          <MailView key={s.position} rendered={s} />
        ))}
      </div>
    </section>
  );
}
