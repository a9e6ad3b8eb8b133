// The incident report's answers (day of discovery, checklist, free text), kept on the main side as
// they are typed: saved a moment after the last keystroke and at once when the report closes, so
// closing it, going to another screen or restarting the app loses none of it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncidentDataDto } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import type { IncidentAnswers } from '../../../../shared/reports/incident-report';
import { api } from '../../api/client';

const NO_ANSWERS: IncidentAnswers = { discoveredOn: null, sensitive: false, financial: false, improperPurpose: false, texts: {} };
/** Quiet time after the last change before it is saved: typing does not write a row a key. */
const SAVE_AFTER_MS = 700;

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saved'; readonly at: number; readonly by: string | null }
  | { readonly kind: 'failed'; readonly error: ErrorInfo };

export function useIncidentAnswers(campaignId: number, actorId: number | null, data: IncidentDataDto | undefined) {
  const [answers, setAnswers] = useState<IncidentAnswers>(NO_ANSWERS);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // What waits to be saved (null: nothing), read by the timer and by the flush on close.
  const unsaved = useRef<IncidentAnswers | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loaded = useRef(false);

  // The answers saved last time are put back once, when the report's data first arrives.
  useEffect(() => {
    if (loaded.current || !data) return;
    loaded.current = true;
    if (data.saved) {
      setAnswers(data.saved.answers);
      setState({ kind: 'saved', at: data.saved.savedAt, by: data.saved.savedBy });
    }
  }, [data]);

  const save = useCallback(async (mounted: boolean) => {
    const a = unsaved.current;
    if (a === null || actorId === null) return;
    unsaved.current = null;
    const r = await api.invoke('report:incident-save', { actorId, campaignId, answers: a });
    if (!mounted) return;
    if (r.ok) setState((s) => (unsaved.current === null ? { kind: 'saved', at: r.value.savedAt, by: null } : s));
    else {
      // Kept for the next try (the next change, or closing the report).
      unsaved.current ??= a;
      setState({ kind: 'failed', error: r.error });
    }
  }, [actorId, campaignId]);

  const update = useCallback((change: (a: IncidentAnswers) => IncidentAnswers) => {
    setAnswers((a) => {
      const next = change(a);
      unsaved.current = next;
      return next;
    });
    setState({ kind: 'pending' });
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void save(true);
    }, SAVE_AFTER_MS);
  }, [save]);

  // Closing the report saves what the timer has not yet.
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
    void save(false);
  }, [save]);

  return { answers, update, state };
}
