// The notice's character encoding: UTF-8, or ISO-2022-JP for older mobile phones. Changing it is
// an edit like any other (it voids an approval); the check report then lists every character the
// chosen encoding cannot hold, with the members it affects.
import { useTranslation } from 'react-i18next';
import type { CampaignDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useApp } from '../../state/app-context';

export function EncodingChoice({ campaign, onSaved }: { campaign: CampaignDto; onSaved: () => void }) {
  const { t } = useTranslation();
  const { operatorId } = useApp();
  const call = useCall();
  const choose = async (encoding: CampaignDto['encoding']) => {
    if (operatorId === null) return;
    if (await call.run('campaigns:set-encoding', { actorId: operatorId, id: campaign.id, encoding })) onSaved();
  };
  return (
    <section className="card" data-testid="encoding-choice">
      <label className="field">
        <span>{t('limits.encoding')}</span>
        <select
          name="encoding"
          value={campaign.encoding}
          disabled={call.busy || operatorId === null || campaign.status !== 'draft'}
          onChange={(e) => void choose(e.target.value === 'iso-2022-jp' ? 'iso-2022-jp' : 'utf-8')}
        >
          <option value="utf-8">{t('limits.encoding_utf8')}</option>
          <option value="iso-2022-jp">{t('limits.encoding_iso-2022-jp')}</option>
        </select>
      </label>
      <p className="hint">{t('limits.encodingHint')}</p>
      <ErrorText error={call.error} />
    </section>
  );
}
