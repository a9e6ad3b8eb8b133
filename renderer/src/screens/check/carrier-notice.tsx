// The check report's offer for members on carrier phones: one action makes a draft notice to
// exactly them (a hand-picked selection), asking them to allow the sender's domain. It then
// opens in compose; it is checked, approved and sent like any notice, before the main one.
import { useTranslation } from 'react-i18next';
import type { CheckReportDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useApp } from '../../state/app-context';

export function CarrierNotice({ campaignId, report }: { campaignId: number; report: CheckReportDto }) {
  const { t } = useTranslation();
  const { operatorId, openCampaign, go } = useApp();
  const call = useCall();
  const item = report.items.find((i) => i.code === 'carrier-recipients');
  if (!item) return null;
  const make = async () => {
    if (operatorId === null) return;
    const c = await call.run('campaigns:carrier-notice', { actorId: operatorId, campaignId });
    if (c) {
      openCampaign(c);
      go('compose');
    }
  };
  return (
    <section className="card" data-testid="carrier-notice">
      <p>{t('checkCode.carrier-recipients')}: {item.params.memberCount}</p>
      <div className="row">
        <button type="button" className="btn" data-action="carrier-notice" onClick={() => void make()} disabled={call.busy || operatorId === null}>
          {t('limits.carrierNotice')}
        </button>
        <span className="hint">{t('limits.carrierNoticeHint')}</span>
      </div>
      <ErrorText error={call.error} />
    </section>
  );
}
