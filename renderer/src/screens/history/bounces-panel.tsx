// "Delivery after sending" for one notice (issue 13): how many the server accepted, which members
// bounced and why (plain words; the server's words one click away), "check for bounces", and one
// confirmed, audited action to put the undeliverable members on the suppression list, or to fix
// their addresses and prepare a follow-up to them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalTime } from '../../hooks/use-local-time';
import type { BouncedMemberDto, BounceScanDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { bounceReason } from './bounce-reason';

function AddressFix({ member, onSaved }: { member: BouncedMemberDto; onSaved: () => void }) {
  const { t } = useTranslation();
  const { operatorId } = useApp();
  const call = useCall();
  const [email, setEmail] = useState(member.email);
  const [editing, setEditing] = useState(false);
  if (member.memberId === null) return null;
  if (!editing) {
    return (
      <button type="button" className="btn small link" data-action="fix-address" onClick={() => setEditing(true)}>
        {t('bounces.fixAddress')}
      </button>
    );
  }
  const memberId = member.memberId;
  const save = async () => {
    if (operatorId === null) return;
    if (await call.run('members:update', { actorId: operatorId, memberId, email: email.trim() })) onSaved();
  };
  return (
    <span className="row">
      <input name="fix-address" type="email" aria-label={t('bounces.newAddress')} value={email} onChange={(e) => setEmail(e.target.value)} />
      <button type="button" className="btn small" data-action="save-address" disabled={call.busy || operatorId === null || email.trim() === member.email} onClick={() => void save()}>
        {t('bounces.saveAddress')}
      </button>
      <ErrorText error={call.error} />
    </span>
  );
}

export function BouncesPanel({ campaignId, onFollowUp }: { campaignId: number; onFollowUp: () => void }) {
  const { t } = useTranslation();
  const { operatorId, openCampaign, go } = useApp();
  const summary = useQuery('bounces:summary', { campaignId });
  const campaign = useQuery('campaigns:get', { id: campaignId });
  const call = useCall();
  const [scan, setScan] = useState<BounceScanDto | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [suppressed, setSuppressed] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const s = summary.data;
  const hard = (s?.members ?? []).filter((m) => m.kind === 'hard');
  // Times as History shows them: the reader's clock, the zone stated in the column title and here.
  const time = useLocalTime();
  const when = (at: number) => `${time.format(at)} (${time.zone})`;

  const check = async () => {
    if (operatorId === null) return;
    const r = await call.run('bounces:check', { actorId: operatorId, campaignId });
    if (r) {
      setScan(r);
      summary.reload();
    }
  };
  const suppress = async () => {
    if (operatorId === null) return;
    const r = await call.run('bounces:suppress', { actorId: operatorId, campaignId, sendIds: hard.map((m) => m.sendId) });
    setConfirming(false);
    if (r) setSuppressed(r.suppressed);
  };
  const resend = async () => {
    if (operatorId === null || !campaign.data) return;
    const name = `${campaign.data.name} — ${t('bounces.resend')}`.slice(0, 200);
    const c = await call.run('campaigns:follow-up', { actorId: operatorId, campaignId, name, statuses: ['bounced'] });
    if (c) {
      onFollowUp();
      openCampaign(c);
      go('compose');
    }
  };

  return (
    <section className="card" data-testid="bounces">
      <h3>{t('bounces.panelTitle')} — {campaign.data?.name}</h3>
      <p className="hint">{t('bounces.panelIntro')}</p>
      {s && (
        <div className="row" data-testid="bounce-counts">
          <div className="stat" data-count="sent"><span>{t('bounces.sentCount')}</span><b>{s.sent}</b></div>
          <div className="stat" data-count="hard"><span>{t('bounces.hardCount')}</span><b>{s.hard}</b></div>
          <div className="stat" data-count="soft"><span>{t('bounces.softCount')}</span><b>{s.soft}</b></div>
          {s.lastScanAt !== null && <span className="hint">{t('bounces.lastScan')}: {when(s.lastScanAt)}</span>}
          {s.scanUntil !== null && <span className="hint">{t('bounces.scanUntil')}: {when(s.scanUntil)}</span>}
        </div>
      )}
      {s && s.scanUntil === null && <p className="hint">{t('bounces.noImap')}</p>}
      <div className="row">
        <button type="button" className="btn" data-action="check-bounces" disabled={call.busy || operatorId === null || !s || s.scanUntil === null} onClick={() => void check()}>
          {call.busy ? t('bounces.checking') : t('bounces.check')}
        </button>
      </div>
      {scan && <p className="notice" role="status" data-testid="bounce-scan">{t('bounces.checked', { ...scan })}</p>}
      <ErrorText error={summary.error ?? call.error} />
      {s && s.members.length === 0 && <p className="hint">{t('bounces.none')}</p>}
      {s && s.members.length > 0 && (
        <div className="list-scroll">
          <table className="data" data-testid="bounced-members">
            <thead>
              <tr>
                <th>{t('lists.name')}</th>
                <th>{t('lists.email')}</th>
                <th>{t('history.status')}</th>
                <th>{t('bounces.reason')}</th>
                <th className="nowrap">
                  {t('history.at')} ({time.zone})
                </th>
              </tr>
            </thead>
            <tbody>
              {s.members.map((m) => (
                <tr key={m.sendId} data-kind={m.kind}>
                  <td className="nowrap" translate="no">{m.name}</td>
                  <td translate="no">
                    {m.email}
                    {m.kind === 'hard' && <AddressFix member={m} onSaved={summary.reload} />}
                  </td>
                  <td className="nowrap">{t(`bounces.kind_${m.kind}`)}</td>
                  <td>
                    {t(`bounces.reason_${bounceReason(m)}`)}{' '}
                    <button type="button" className="btn small link" data-action="bounce-details" onClick={() => setOpen(open === m.sendId ? null : m.sendId)}>
                      {t('bounces.details')}
                    </button>
                    {open === m.sendId && (
                      <div className="hint" data-testid="bounce-raw">
                        {[m.statusCode, m.diagnostic].filter(Boolean).join(' — ')}
                        {m.reportedBy && ` (${t('bounces.reportedBy')}: ${m.reportedBy})`}
                      </div>
                    )}
                  </td>
                  <td className="nowrap">{time.format(m.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hard.length > 0 && (
        <div className="row">
          {!confirming && (
            <button type="button" className="btn danger" data-action="suppress-bounced" disabled={call.busy || operatorId === null} onClick={() => setConfirming(true)}>
              {t('bounces.suppress')} ({hard.length})
            </button>
          )}
          <button type="button" className="btn" data-action="resend-bounced" disabled={call.busy || operatorId === null} onClick={() => void resend()}>
            {t('bounces.resend')} ({hard.length})
          </button>
        </div>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" data-testid="suppress-confirm">
          <p>{t('bounces.suppressConfirm', { count: hard.length })}</p>
          <div className="row">
            <button type="button" className="btn danger" data-action="confirm-suppress" disabled={call.busy} onClick={() => void suppress()}>
              {t('bounces.suppressYes')}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              {t('bounces.cancel')}
            </button>
          </div>
        </div>
      )}
      {hard.length > 0 && <p className="hint">{t('bounces.fixHint')}</p>}
      {suppressed !== null && <p className="notice" role="status" data-testid="suppressed">{t('bounces.suppressed', { count: suppressed })}</p>}
    </section>
  );
}
