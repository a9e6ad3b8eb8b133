// "Something went wrong with this notice": the incident report assembled from Tayori's records,
// with what only people know typed here (day of discovery, the checklist, the free-text items,
// kept as they are typed: use-incident-answers.ts), printable and exportable as CSV, and a
// follow-up to exactly the members who received it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildIncidentDraft, type PpcItem } from '../../../../shared/reports/incident-report';
import { downloadText } from '../../components/download';
import { ErrorText } from '../../components/error-text';
import { PrintCopy } from '../../components/print-copy';
import { useCall } from '../../hooks/use-call';
import { useLocalTime } from '../../hooks/use-local-time';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { IncidentDocument } from './incident-document';
import { useIncidentAnswers, type SaveState } from './use-incident-answers';
/** The people whose data may have left: the server took their message, or may have. */
const REACHED = ['sent', 'unknown'] as const;

export function IncidentReport({ campaignId, onClose }: { campaignId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  const { operatorId, openCampaign, go } = useApp();
  const data = useQuery('report:incident', { campaignId, lang: time.lang, limit: 500 });
  const { answers, update: setAnswers, state: saveState } = useIncidentAnswers(campaignId, operatorId, data.data);
  const call = useCall();
  const facts = data.data?.facts;
  const draft = useMemo(() => (facts ? buildIncidentDraft(facts, answers, time.lang, time.timeZone) : null), [facts, answers, time.lang, time.timeZone]);
  const drafted = useMemo(() => (facts ? buildIncidentDraft(facts, { ...answers, texts: {} }, time.lang, time.timeZone) : null), [facts, answers, time.lang, time.timeZone]);

  const setText = (item: PpcItem, text: string) => setAnswers((a) => ({ ...a, texts: { ...a.texts, [item]: text } }));
  const exportCsv = async () => {
    if (operatorId === null) return;
    const r = await call.run('report:incident-csv', { actorId: operatorId, campaignId, answers, lang: time.lang, timeZone: time.timeZone });
    if (r) downloadText(r.fileName, r.csv);
  };
  const followUp = async () => {
    if (operatorId === null || !facts) return;
    const name = t('reports.incident.followUpName', { name: facts.notice.name }).slice(0, 200);
    const c = await call.run('campaigns:follow-up', { actorId: operatorId, campaignId, name, statuses: [...REACHED] });
    if (c) {
      openCampaign(c);
      go('compose');
    }
  };

  return (
    <section className="card incident" data-testid="incident-report">
      <div className="row no-print">
        <h3>{t('reports.incident.title')}</h3>
        <button type="button" className="btn" onClick={onClose}>
          {t('reports.history.close')}
        </button>
      </div>
      <p className="hint">{t('reports.incident.intro')}</p>
      <ErrorText error={data.error ?? call.error ?? (saveState.kind === 'failed' ? saveState.error : null)} />
      {data.data && <SaveStatus state={saveState} />}
      {data.data && draft && drafted && (
        <>
          <div className="incident-form" data-testid="incident-form">
            <label className="field">
              <span>{t('reports.incident.discoveredOn')}</span>
              <input
                type="date"
                data-field="discovered-on"
                value={answers.discoveredOn ?? ''}
                onChange={(e) => setAnswers((a) => ({ ...a, discoveredOn: e.target.value === '' ? null : e.target.value }))}
              />
            </label>
            <fieldset className="checklist">
              <legend>{t('reports.incident.checklist')}</legend>
              <p className="hint">{t('reports.incident.overThousandAuto', { count: data.data.facts.notice.reached })}</p>
              {(['sensitive', 'financial', 'improperPurpose'] as const).map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" data-check={k} checked={answers[k]} onChange={(e) => setAnswers((a) => ({ ...a, [k]: e.target.checked }))} />
                  <span>{t(`reports.incident.check_${k}`)}</span>
                </label>
              ))}
            </fieldset>
            <h4>{t('reports.incident.draft')}</h4>
            {draft.items.map((i, n) => (
              <label key={i.item} className="field ppc-item">
                <span>
                  {i.title} <span className="hint">({drafted.items[n]!.text ? t('reports.incident.fromRecords') : t('reports.incident.toFill')})</span>
                </span>
                <textarea
                  rows={i.item === 'summary' ? 4 : 2}
                  data-item={i.item}
                  placeholder={t('reports.incident.placeholder')}
                  value={answers.texts[i.item] ?? drafted.items[n]!.text}
                  onChange={(e) => setText(i.item, e.target.value)}
                />
              </label>
            ))}
            <div className="row">
              <button type="button" className="btn" data-action="print" onClick={() => window.print()}>
                {t('reports.incident.print')}
              </button>
              <button type="button" className="btn" data-action="incident-csv" disabled={call.busy || operatorId === null} onClick={() => void exportCsv()}>
                {t('reports.incident.exportCsv')}
              </button>
              <button type="button" className="btn primary" data-action="incident-follow-up" disabled={call.busy || operatorId === null || data.data.recipientTotal === 0} onClick={() => void followUp()}>
                {t('reports.incident.followUp')} ({data.data.recipientTotal})
              </button>
            </div>
          </div>
          <IncidentDocument data={data.data} draft={draft} discoveredOn={answers.discoveredOn} />
          <PrintCopy>
            <IncidentDocument data={data.data} draft={draft} discoveredOn={answers.discoveredOn} />
          </PrintCopy>
        </>
      )}
    </section>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const time = useLocalTime();
  const text =
    state.kind === 'pending'
      ? t('reports.incident.saving')
      : state.kind === 'saved'
        ? state.by
          ? t('reports.incident.savedBy', { time: time.format(state.at), name: state.by })
          : t('reports.incident.saved', { time: time.format(state.at) })
        : state.kind === 'failed'
          ? t('reports.incident.saveFailed')
          : t('reports.incident.autosave');
  return (
    <p className="hint no-print" data-testid="incident-save-state" data-state={state.kind}>
      {text}
    </p>
  );
}
