// One address on rows with different names blocks approval (one member would receive another's
// name). Per address, the operator decides here: mark it as shared by those members (a family:
// each gets their own mail), leave a row out of sending, or fix the address on the Lists screen.
import { useTranslation } from 'react-i18next';
import type { CheckReportDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';

function AddressRows({ listId, email, onChanged }: { listId: number; email: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { operatorId, go } = useApp();
  const rows = useQuery('members:page', { listId, query: email, limit: 20 });
  const call = useCall();
  const done = async (p: Promise<unknown>) => {
    if ((await p) !== undefined) onChanged();
  };
  const same = (rows.data?.members ?? []).filter((m) => m.email.toLowerCase() === email.toLowerCase());
  return (
    <li className="card" data-testid="shared-address" data-email={email}>
      <strong>{email}</strong>
      <ul className="plain">
        {same.map((m) => (
          <li key={m.id} className="row">
            <span>
              {m.name} {m.key && <small className="hint">#{m.key}</small>}
            </span>
            <button type="button" className="btn small" data-action="exclude-row" disabled={call.busy || operatorId === null} onClick={() => void done(call.run('exclusions:add', { actorId: operatorId!, listId, memberId: m.id, reason: t('shared.excludeReason') }))}>
              {t('shared.exclude')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="btn" data-action="mark-shared" disabled={call.busy || operatorId === null} onClick={() => void done(call.run('shared-addresses:set', { actorId: operatorId!, listId, email, shared: true }))}>
          {t('shared.markShared')}
        </button>
        <button type="button" className="btn small" onClick={() => go('lists')}>
          {t('shared.fix')}
        </button>
      </div>
      <ErrorText error={call.error ?? rows.error} />
    </li>
  );
}

export function SharedAddressResolver({ listId, report, onChanged }: { listId: number; report: CheckReportDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const item = report.items.find((i) => i.code === 'same-address-different-names');
  if (!item) return null;
  const addresses = String(item.params['list'] ?? '').split(' ').filter(Boolean);
  return (
    <section className="card" data-testid="shared-address-resolver">
      <h3>{t('shared.title', { count: Number(item.params['addresses'] ?? addresses.length) })}</h3>
      <p className="hint">{t('shared.intro')}</p>
      <ul className="plain">
        {addresses.slice(0, 20).map((email) => (
          <AddressRows key={email} listId={listId} email={email} onChanged={onChanged} />
        ))}
      </ul>
      {addresses.length > 20 && <p className="hint">{t('shared.more', { count: addresses.length - 20 })}</p>}
    </section>
  );
}
