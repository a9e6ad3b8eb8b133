// The organisation and check-policy settings as a form. The host validates with the contract's
// schema; a refused field is marked and explained in a translated sentence by its path.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf, SettingsDto } from '../../../../shared/contract';
import {
  MAX_ATTACHMENT_LIMIT_BYTES,
  MAX_CANCEL_WINDOW_S,
  MIN_ATTACHMENT_LIMIT_BYTES,
  MIN_CANCEL_WINDOW_S,
} from '../../../../shared/contract/limits';
import { ErrorText } from '../../components/error-text';
import { emptySigners, signersOf, TwoSigners } from '../../components/two-signers';
import { useCall } from '../../hooks/use-call';
import { defaultLanguage } from '../../i18n';
import { useApp } from '../../state/app-context';

const MB = 1024 * 1024;
type Field = 'organisationName' | 'organisationAddress' | 'organisationDomains' | 'maxAttachmentBytes' | 'defaultCancelWindowS' | 'approvalValidHours' | 'quietHours' | 'lateLimitHours';

/** Bounds of the approval validity (hours), as the contract's schema has them. */
const APPROVAL_HOURS = { min: 1, max: 720 } as const;
const LATE_HOURS = { min: 1, max: 168 } as const;

const mb = (bytes: number) => String(Math.round((bytes / MB) * 100) / 100);

/** The fields a validation error names (its issues' first path segment). */
function invalidFields(details: unknown): Set<string> {
  const issues = (details as { issues?: { path?: string[] }[] } | undefined)?.issues ?? [];
  return new Set(issues.map((i) => i.path?.[0] ?? ''));
}

export function SettingsForm({ settings, onSaved }: { settings: SettingsDto; onSaved: (s: SettingsDto) => void }) {
  const { t, i18n } = useTranslation();
  const { operatorId, users } = useApp();
  // Lengthening the approval validity extends approvals already given: two people confirm it.
  const [signers, setSigners] = useState(emptySigners());
  const [storedValidHours, setStoredValidHours] = useState(settings.approvalValidHours);
  const call = useCall();
  const [name, setName] = useState(settings.organisationName ?? '');
  const [address, setAddress] = useState(settings.organisationAddress ?? '');
  const [domains, setDomains] = useState(settings.organisationDomains.join(', '));
  const [orgs, setOrgs] = useState(settings.recipientsAreOrganisations);
  const [limitMb, setLimitMb] = useState(mb(settings.maxAttachmentBytes));
  const [cancelS, setCancelS] = useState(String(settings.defaultCancelWindowS));
  const [validHours, setValidHours] = useState(String(settings.approvalValidHours));
  const [quietOn, setQuietOn] = useState(settings.quietHours !== null);
  const [quietStart, setQuietStart] = useState(settings.quietHours?.slice(0, 5) ?? '21:00');
  const [quietEnd, setQuietEnd] = useState(settings.quietHours?.slice(6) ?? '08:00');
  const [lateHours, setLateHours] = useState(String(settings.lateLimitHours));
  const [language, setLanguage] = useState<'auto' | 'ja' | 'en'>(settings.language ?? 'auto');
  // The header's language buttons also save the language: only send it when changed here.
  const [languageTouched, setLanguageTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const applyingOwn = useRef(false);
  // The header's buttons switch (and save) the language too: follow them unless edited here.
  useEffect(() => {
    const follow = (lng: string) => {
      if (applyingOwn.current || languageTouched) return;
      if (lng === 'ja' || lng === 'en') setLanguage(lng);
    };
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n, languageTouched]);
  const [unparsable, setUnparsable] = useState<Set<Field>>(new Set());

  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setSaved(false);
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    // What is not a number at all never reaches the host (JSON would turn it into null).
    const limit = limitMb.trim() === '' ? null : Math.round(Number(limitMb) * MB);
    const cancel = Number(cancelS);
    const bad = new Set<Field>();
    if (limit !== null && !Number.isFinite(limit)) bad.add('maxAttachmentBytes');
    if (cancelS.trim() === '' || !Number.isFinite(cancel)) bad.add('defaultCancelWindowS');
    const hours = Number(validHours);
    if (validHours.trim() === '' || !Number.isFinite(hours)) bad.add('approvalValidHours');
    const late = Number(lateHours);
    if (lateHours.trim() === '' || !Number.isFinite(late)) bad.add('lateLimitHours');
    setUnparsable(bad);
    if (bad.size > 0) return call.setError(null);
    const patch: ArgsOf<'settings:update'> = {
      actorId: operatorId,
      organisationName: name.trim(),
      organisationAddress: address.trim() || null,
      organisationDomains: domains.split(/[\s,、，]+/).filter(Boolean),
      recipientsAreOrganisations: orgs,
      maxAttachmentBytes: limit,
      defaultCancelWindowS: cancel,
      approvalValidHours: hours,
      ...(hours > storedValidHours && signersOf(signers) ? { signers: signersOf(signers)! } : {}),
      quietHours: quietOn ? `${quietStart}-${quietEnd}` : null,
      lateLimitHours: late,
      ...(languageTouched ? { language: language === 'auto' ? null : language } : {}),
    };
    const r = await call.run('settings:update', patch);
    if (!r) return;
    setSaved(true);
    setLanguageTouched(false);
    // Show what was stored (trimmed, lower-cased domains without "@", rounded sizes).
    setName(r.organisationName ?? '');
    setAddress(r.organisationAddress ?? '');
    setDomains(r.organisationDomains.join(', '));
    setLimitMb(mb(r.maxAttachmentBytes));
    setCancelS(String(r.defaultCancelWindowS));
    setValidHours(String(r.approvalValidHours));
    setStoredValidHours(r.approvalValidHours);
    setSigners(emptySigners());
    setQuietOn(r.quietHours !== null);
    setLateHours(String(r.lateLimitHours));
    if (languageTouched) {
      applyingOwn.current = true;
      void i18n.changeLanguage(r.language ?? defaultLanguage(navigator.language)).finally(() => {
        applyingOwn.current = false;
      });
    }
    onSaved(r);
  };

  const invalid = call.error?.code === 'validation' ? invalidFields(call.error.details) : new Set<string>();
  for (const f of unparsable) invalid.add(f);
  const bounds = {
    maxAttachmentBytes: { min: mb(MIN_ATTACHMENT_LIMIT_BYTES), max: mb(MAX_ATTACHMENT_LIMIT_BYTES) },
    defaultCancelWindowS: { min: MIN_CANCEL_WINDOW_S, max: MAX_CANCEL_WINDOW_S },
    approvalValidHours: APPROVAL_HOURS,
    lateLimitHours: LATE_HOURS,
  } as const;
  const fieldError = (f: Field) =>
    invalid.has(f) ? (
      <span className="field-error" role="alert" data-invalid={f}>
        {t(`settings.invalid_${f}`, f in bounds ? bounds[f as keyof typeof bounds] : {})}
      </span>
    ) : null;
  const cls = (f: Field) => (invalid.has(f) ? 'field invalid' : 'field');

  return (
    <form className="settings-form" data-testid="settings-form" onSubmit={(e) => void save(e)} noValidate>
      <fieldset className="card">
        <legend>{t('settings.orgTitle')}</legend>
        <label className={cls('organisationName')}>
          <span>{t('settings.orgName')}</span>
          <input name="organisation-name" value={name} onChange={(e) => edit(setName)(e.target.value)} aria-invalid={invalid.has('organisationName')} />
          {fieldError('organisationName')}
        </label>
        <label className={cls('organisationAddress')}>
          <span>{t('settings.orgAddress')}</span>
          <input name="organisation-address" inputMode="email" value={address} onChange={(e) => edit(setAddress)(e.target.value)} aria-invalid={invalid.has('organisationAddress')} />
          <span className="hint">{t('settings.orgAddressHint')}</span>
          {fieldError('organisationAddress')}
        </label>
        <label className={cls('organisationDomains')}>
          <span>{t('settings.orgDomains')}</span>
          <input name="organisation-domains" value={domains} onChange={(e) => edit(setDomains)(e.target.value)} aria-invalid={invalid.has('organisationDomains')} />
          <span className="hint">{t('settings.orgDomainsHint')}</span>
          {fieldError('organisationDomains')}
        </label>
      </fieldset>

      <fieldset className="card">
        <legend>{t('settings.checksTitle')}</legend>
        <label className="check-field">
          <input type="checkbox" name="recipients-are-organisations" checked={orgs} onChange={(e) => edit(setOrgs)(e.target.checked)} />
          <span>
            {t('settings.recipientsOrgs')}
            <br />
            <span className="hint">{t('settings.recipientsOrgsHint')}</span>
          </span>
        </label>
        <label className={cls('maxAttachmentBytes')}>
          <span>{t('settings.maxAttachment')}</span>
          <input name="max-attachment-mb" type="number" step="0.1" min={mb(MIN_ATTACHMENT_LIMIT_BYTES)} max={mb(MAX_ATTACHMENT_LIMIT_BYTES)} value={limitMb} onChange={(e) => edit(setLimitMb)(e.target.value)} aria-invalid={invalid.has('maxAttachmentBytes')} />
          <span className="hint">{t('settings.maxAttachmentHint')}</span>
          {fieldError('maxAttachmentBytes')}
        </label>
      </fieldset>

      <fieldset className="card">
        <legend>{t('settings.sendTitle')}</legend>
        <label className={cls('defaultCancelWindowS')}>
          <span>{t('settings.cancelWindow')}</span>
          <input name="default-cancel-window" type="number" step="1" min={MIN_CANCEL_WINDOW_S} max={MAX_CANCEL_WINDOW_S} value={cancelS} onChange={(e) => edit(setCancelS)(e.target.value)} aria-invalid={invalid.has('defaultCancelWindowS')} />
          <span className="hint">{t('settings.cancelWindowHint', { min: MIN_CANCEL_WINDOW_S })}</span>
          {fieldError('defaultCancelWindowS')}
        </label>
        <label className={cls('approvalValidHours')}>
          <span>{t('settings.approvalValid')}</span>
          <input name="approval-valid-hours" type="number" step="1" min={APPROVAL_HOURS.min} max={APPROVAL_HOURS.max} value={validHours} onChange={(e) => edit(setValidHours)(e.target.value)} aria-invalid={invalid.has('approvalValidHours')} />
          <span className="hint">{t('settings.approvalValidHint')}</span>
          {fieldError('approvalValidHours')}
        </label>
        {Number(validHours) > storedValidHours && <TwoSigners name="validity" users={users} value={signers} onChange={setSigners} />}
        <div className={cls('quietHours')}>
          <label className="check-field">
            <input type="checkbox" name="quiet-hours-on" checked={quietOn} onChange={(e) => edit(setQuietOn)(e.target.checked)} />
            <span>{t('settings.quietHours')}</span>
          </label>
          {quietOn && (
            <span className="row">
              <input type="time" name="quiet-start" aria-label={t('settings.quietStart')} value={quietStart} onChange={(e) => edit(setQuietStart)(e.target.value)} />
              <span>〜</span>
              <input type="time" name="quiet-end" aria-label={t('settings.quietEnd')} value={quietEnd} onChange={(e) => edit(setQuietEnd)(e.target.value)} />
            </span>
          )}
          <span className="hint">{t('settings.quietHoursHint')}</span>
          {fieldError('quietHours')}
        </div>
        <label className={cls('lateLimitHours')}>
          <span>{t('settings.lateLimit')}</span>
          <input name="late-limit-hours" type="number" step="1" min={LATE_HOURS.min} max={LATE_HOURS.max} value={lateHours} onChange={(e) => edit(setLateHours)(e.target.value)} aria-invalid={invalid.has('lateLimitHours')} />
          <span className="hint">{t('settings.lateLimitHint')}</span>
          {fieldError('lateLimitHours')}
        </label>
        <label className="field">
          <span>{t('settings.language')}</span>
          <select
            name="language"
            value={language}
            onChange={(e) => {
              edit(setLanguage)(e.target.value as 'auto' | 'ja' | 'en');
              setLanguageTouched(true);
            }}
          >
            <option value="auto">{t('settings.languageAuto')}</option>
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
      </fieldset>

      {invalid.size > 0 && <div className="error" role="alert" data-error-code="validation">{t('settings.invalid')}</div>}
      {call.error && call.error.code !== 'validation' && <ErrorText error={call.error} />}
      {saved && (
        <div className="notice" role="status" data-testid="settings-saved">
          {t('settings.saved')}
        </div>
      )}
      <button type="submit" className="btn primary" data-action="save-settings" disabled={call.busy}>
        {call.busy ? t('settings.saving') : t('settings.save')}
      </button>
    </form>
  );
}
