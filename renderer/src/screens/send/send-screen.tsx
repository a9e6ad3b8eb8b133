// Screen 7: schedule after the cancel window, cancel inside it, then watch, pause, resume or stop.
// Delivered mail cannot be recalled, and the screen says so instead of pretending otherwise.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendStatusDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { ListBadge } from '../../components/list-badge';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { ScheduleForm } from './schedule-form';
import { SendCountdown } from './send-countdown';
import { RunInterruption } from './run-interruption';
import { SendMembers } from './send-members';
import { SignInResume } from './sign-in-resume';
import { SendNextSteps } from './send-next-steps';
import { useSendStatus } from './use-send-status';
import { SendPace } from './send-pace';
import { SendEstimate } from '../../components/send-estimate';

export function SendScreen() {
  const { t } = useTranslation();
  const { campaignId } = useApp();
  if (campaignId === null) return <p className="hint">{t('check.noCampaign')}</p>;
  return <SendPanel key={campaignId} campaignId={campaignId} />;
}

function SendPanel({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { operatorId } = useApp();
  const campaign = useQuery('campaigns:get', { id: campaignId });
  const live = useSendStatus(campaignId);
  const call = useCall();
  const [cancelled, setCancelled] = useState(false);
  const s = live.status;
  const approved = campaign.data?.approval && campaign.data.approval.voidedAt === null;

  const control = async (ch: 'send:schedule' | 'send:cancel' | 'send:pause' | 'send:resume' | 'send:stop', at?: number) => {
    if (operatorId === null) return;
    if (ch === 'send:stop' && !window.confirm(t('send.stopConfirm'))) return;
    const r: SendStatusDto | undefined =
      ch === 'send:schedule' ? await call.run(ch, { actorId: operatorId, campaignId, ...(at !== undefined ? { at } : {}) }) : await call.run(ch, { actorId: operatorId, campaignId });
    if (r) {
      live.set(r);
      setCancelled(ch === 'send:cancel');
      campaign.reload();
    }
  };
  const total = s ? Object.values(s.counts).reduce((a, b) => a + b, 0) : 0;
  const done = s ? s.counts.sent + s.counts.failed + s.counts.unknown : 0;

  return (
    <div data-screen="send">
      <div className="row">
        <h2>{t('send.title')}</h2>
        {s && (
          <span className="chip info" data-testid="send-state" data-state={s.state}>
            {t('send.state')}: {t(`send.state_${s.state}`)}
          </span>
        )}
      </div>
      {campaign.data && (
        <p className="notice-name" data-testid="send-notice-name">
          {t('ux.sendNames', { name: '' })}
          <strong translate="no">{campaign.data.name}</strong>
        </p>
      )}
      {campaign.data && <ListBadge listId={campaign.data.listId} recipients={campaign.data.recipientCount} />}
      <ErrorText error={campaign.error ?? live.error} />
      {campaign.data && !approved && s?.state === 'idle' && <p className="warn">{t('send.notApproved')}</p>}
      {s?.state === 'idle' && s.error?.reason && (
        <p className="warn" role="alert" data-recovery={s.error.reason}>
          {t(`send.recovery_${s.error.reason}`)}
        </p>
      )}
      {cancelled && s?.state !== 'scheduled' && (
        <p className="notice" data-testid="cancelled">
          {t('send.cancelled')}
        </p>
      )}
      {s && (s.state === 'idle' || (cancelled && s.state !== 'scheduled')) && approved && (
        <ScheduleForm cancelWindowS={campaign.data?.cancelWindowS ?? 0} again={cancelled} busy={call.busy || operatorId === null} onSchedule={(at) => void control('send:schedule', at)} />
      )}
      {s && (s.state === 'idle' || s.state === 'scheduled') && approved && <SendEstimate campaignId={campaignId} version={s.state} />}
      {s?.state === 'scheduled' && <SendCountdown remainingMs={live.remainingMs} busy={call.busy} onCancel={() => void control('send:cancel')} />}
      {s && ['sending', 'paused', 'stopped', 'completed'].includes(s.state) && (
        <section className="card" data-testid="send-progress">
          <progress className="progress" max={total || 1} value={done} />
          <p>{t('send.progress', { done, total })}</p>
          <SendPace status={s} />
          <div className="row">
            {s.state === 'sending' && (
              <button type="button" className="btn" data-action="pause" onClick={() => void control('send:pause')}>
                {t('send.pause')}
              </button>
            )}
            {s.state === 'paused' && (
              <button type="button" className="btn primary" data-action="resume" onClick={() => void control('send:resume')}>
                {t('send.resume')}
              </button>
            )}
            {(s.state === 'sending' || s.state === 'paused') && (
              <button type="button" className="btn danger" data-action="stop" onClick={() => void control('send:stop')}>
                {t('send.stop')}
              </button>
            )}
          </div>
          <p className="hint">{t('send.noRecall')}</p>
          {s.state === 'completed' && <SendNextSteps />}
          {s.error?.reason ? (
            <p className="warn" role="alert" data-recovery={s.error.reason}>
              {t(`send.recovery_${s.error.reason}`)}
            </p>
          ) : (
            <RunInterruption status={s} />
          )}
          {s.state === 'paused' && s.error?.code === 'oauth-signin-required' && campaign.data?.profileId != null && (
            <SignInResume profileId={campaign.data.profileId} onSignedIn={() => void control('send:resume')} />
          )}
        </section>
      )}
      {operatorId === null && <p className="warn">{t('app.noOperator')}</p>}
      <ErrorText error={call.error} />
      {s && s.state !== 'idle' && <SendMembers campaignId={campaignId} actorId={operatorId} status={s} onStatus={live.set} />}
    </div>
  );
}
