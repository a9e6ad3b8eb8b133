// The editors of one notice: who receives it, sender, subject, body, field picker, inline
// template errors, attachments, and the live preview beside them. Saves by itself a moment after
// each change and when the screen is left, so typed text is never lost.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDto } from '../../../../shared/contract';
import type { Selection } from '../../../../shared/recipients';
// A window shorter than this leaves no real chance to press Cancel (the bound Settings uses too).
import { MIN_CANCEL_WINDOW_S } from '../../../../shared/contract/limits';
import { api } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { AttachmentsPanel } from './attachments-panel';
import { FieldPicker, insertAt } from './field-picker';
import { LivePreview } from './live-preview';
import { SelectionEditor } from './selection-editor';
import { ComposeStart } from './compose-start';
import { TemplateIssues } from './template-issues';
import { useDebounced } from './use-debounced';

const EDITABLE = new Set(['draft', 'pending_approval', 'approved']);
/** How long typing must pause before the draft is saved. */
const AUTOSAVE_MS = 1200;
/** How long a saved draft rests before its check report is prepared. */
const PREPARE_CHECK_MS = 800;

export function TemplateEditor({ campaign, onSaved }: { campaign: CampaignDto; onSaved: () => void }) {
  const { t } = useTranslation();
  const { operatorId, go } = useApp();
  const [subject, setSubject] = useState(campaign.subjectTemplate);
  const [body, setBody] = useState(campaign.bodyTemplate);
  const [profileId, setProfileId] = useState(campaign.profileId);
  // Kept as typed: a number field that clamps on every keystroke turned "30" into "1030".
  const [cancelText, setCancelText] = useState(String(campaign.cancelWindowS));
  const cancelWindowS = Number(cancelText);
  const cancelValid = /^\d+$/.test(cancelText.trim()) && cancelWindowS >= MIN_CANCEL_WINDOW_S;
  const [selection, setSelection] = useState<Selection>(campaign.selection);
  const [savedNote, setSavedNote] = useState(false);
  const last = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const list = useQuery('lists:get', { id: campaign.listId });
  const profiles = useQuery('profiles:list', {});
  const s = useDebounced(subject);
  const b = useDebounced(body);
  const check = useQuery('template:check', { listId: campaign.listId, subject: s, body: b });
  const save = useCall();
  const editable = EDITABLE.has(campaign.status);
  const dirty =
    subject !== campaign.subjectTemplate ||
    body !== campaign.bodyTemplate ||
    profileId !== campaign.profileId ||
    (cancelValid && cancelWindowS !== campaign.cancelWindowS) ||
    JSON.stringify(selection) !== JSON.stringify(campaign.selection);
  const followUp = campaign.followUpOf !== null;

  const pick = (field: string) => {
    const el = last.current;
    const text = `{{${field}}}`;
    if (!el) return setBody((v) => v + text);
    const { value, caret } = insertAt(el, text);
    (el.name === 'subject' ? setSubject : setBody)(value);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  };

  const persist = async (): Promise<boolean> => {
    if (!dirty || operatorId === null) return !dirty;
    const r = await save.run('campaigns:update', {
      actorId: operatorId,
      id: campaign.id,
      subjectTemplate: subject,
      bodyTemplate: body,
      profileId,
      ...(cancelValid ? { cancelWindowS } : {}),
      ...(followUp ? {} : { selection }),
    });
    if (r) {
      setSavedNote(true);
      onSaved();
    }
    return r !== undefined;
  };

  // Autosave: a pause in typing saves; leaving the screen saves what is left (latest values via a ref).
  const latest = useRef({ persist, dirty, editable });
  latest.current = { persist, dirty, editable };
  useEffect(() => {
    if (!dirty || !editable || operatorId === null) return;
    const h = setTimeout(() => void latest.current.persist(), AUTOSAVE_MS);
    return () => clearTimeout(h);
  }, [subject, body, profileId, cancelText, selection, dirty, editable, operatorId]);
  useEffect(
    () => () => {
      if (latest.current.dirty && latest.current.editable) void latest.current.persist();
    },
    [],
  );
  // Closing the window with unsaved text asks first (the autosave may not have run yet).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // With the draft saved and typing paused, the host prepares the check report (about a second at
  // 50,000 members) so the click on "Check" finds it ready; it is reused only while nothing changed.
  useEffect(() => {
    if (dirty) return;
    const h = setTimeout(() => void api.invoke('checks:run', { campaignId: campaign.id }), PREPARE_CHECK_MS);
    return () => clearTimeout(h);
  }, [dirty, campaign.id, campaign.updatedAt]);

  // One mail account: it is the sender, so a new notice starts with it chosen (and saved).
  const onlyProfile = profiles.data?.length === 1 ? profiles.data[0]!.id : null;
  useEffect(() => {
    if (editable && profileId === null && onlyProfile !== null) setProfileId(onlyProfile);
  }, [editable, profileId, onlyProfile]);

  return (
    <div className="grid2">
      <section className="card" data-testid="editor">
        {editable && !subject.trim() && !body.trim() && <ComposeStart />}
        {!editable && <p className="warn">{t('compose.readOnly')}</p>}
        {editable && campaign.status !== 'draft' && <p className="warn">{t('compose.editVoids')}</p>}
        <label className="field">
          <span>{t('compose.profile')}</span>
          <select
            name="profile"
            value={profileId ?? ''}
            disabled={!editable}
            onChange={(e) => setProfileId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">—</option>
            {(profiles.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.fromAddress})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('send.cancelWindow')}</span>
          <input
            name="cancel-window"
            inputMode="numeric"
            value={cancelText}
            readOnly={!editable}
            aria-invalid={!cancelValid}
            onChange={(e) => setCancelText(e.target.value)}
          />
          {!cancelValid && (
            <span className="field-error" role="alert" data-invalid="cancel-window">
              {t('compose.cancelWindowInvalid', { min: MIN_CANCEL_WINDOW_S })}
            </span>
          )}
        </label>
        {!followUp && list.data && (
          <SelectionEditor listId={campaign.listId} columns={list.data.columns} value={selection} editable={editable} onChange={setSelection} />
        )}
        <FieldPicker columns={list.data?.columns ?? []} onPick={pick} />
        <label className="field">
          <span>{t('compose.subject')}</span>
          <input
            name="subject"
            value={subject}
            readOnly={!editable}
            onFocus={(e) => (last.current = e.currentTarget)}
            onChange={(e) => {
              setSubject(e.target.value);
              setSavedNote(false);
            }}
          />
        </label>
        <label className="field">
          <span>{t('compose.body')}</span>
          <textarea
            name="body"
            rows={14}
            value={body}
            readOnly={!editable}
            onFocus={(e) => (last.current = e.currentTarget)}
            onChange={(e) => {
              setBody(e.target.value);
              setSavedNote(false);
            }}
          />
        </label>
        <TemplateIssues check={check.data} />
        <AttachmentsPanel
          campaignId={campaign.id}
          actorId={operatorId}
          attachments={campaign.attachments}
          editable={editable}
          onChanged={onSaved}
        />
        <div className="row">
          <button type="button" className="btn" data-action="save" disabled={!dirty || save.busy || operatorId === null} onClick={() => void persist()}>
            {t('compose.save')}
          </button>
          {savedNote && !dirty && <span className="notice" data-testid="saved">{t('compose.saved')}</span>}
          {dirty && <span className="hint">{save.busy ? t('compose.saving') : t('compose.unsaved')}</span>}
          <button
            type="button"
            className="btn primary"
            data-action="to-check"
            disabled={save.busy || !cancelValid}
            onClick={() => void persist().then((ok) => ok && go('check'))}
          >
            {t('compose.next')}
          </button>
        </div>
        <ErrorText error={save.error ?? check.error} />
      </section>
      <LivePreview listId={campaign.listId} profileId={profileId} subject={subject} body={body} />
    </div>
  );
}
