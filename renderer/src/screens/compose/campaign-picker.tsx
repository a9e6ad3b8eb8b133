// Choose the notice to work on among this list's notices, start a new one on this list, or start
// one as a copy of an earlier notice (monthly notices are mostly the same).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDto } from '../../../../shared/contract';
import { useStatusLabel } from '../../components/campaign-status';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useApp } from '../../state/app-context';

interface Props {
  campaigns: readonly CampaignDto[];
  current: CampaignDto | null;
  onCreated: () => void;
}

export function CampaignPicker({ campaigns, current, onCreated }: Props) {
  const { t } = useTranslation();
  const { openCampaign, listId, operatorId } = useApp();
  const [name, setName] = useState('');
  const call = useCall();
  const label = useStatusLabel();
  const opened = (c: CampaignDto | undefined) => {
    if (!c) return;
    setName('');
    openCampaign(c);
    onCreated();
  };
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    if (listId === null || operatorId === null || !name.trim()) return;
    opened(await call.run('campaigns:create', { actorId: operatorId, listId, name: name.trim() }));
  };
  const copy = async () => {
    if (!current || operatorId === null) return;
    const copyName = (name.trim() || t('compose.copyName', { name: current.name })).slice(0, 200);
    opened(await call.run('campaigns:copy', { actorId: operatorId, campaignId: current.id, name: copyName }));
  };
  return (
    <div className="card">
      <div className="row">
        <label className="row">
          <span>{t('compose.campaign')}</span>
          <select
            name="campaign"
            value={current?.id ?? ''}
            onChange={(e) => {
              const c = campaigns.find((x) => x.id === Number(e.target.value));
              if (c) openCampaign(c);
            }}
          >
            <option value="">—</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({label(c.status)})
              </option>
            ))}
          </select>
        </label>
        <form className="row" onSubmit={(e) => void create(e)}>
          <input name="campaign-name" placeholder={t('compose.campaignName')} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn" data-action="create-campaign" disabled={call.busy || listId === null || operatorId === null || !name.trim()}>
            {t('compose.create')}
          </button>
        </form>
        {current && current.followUpOf === null && (
          <button type="button" className="btn" data-action="copy-campaign" disabled={call.busy || operatorId === null} onClick={() => void copy()}>
            {t('compose.copy')}
          </button>
        )}
        {operatorId === null && <span className="warn">{t('app.noOperator')}</span>}
      </div>
      <ErrorText error={call.error} />
    </div>
  );
}
