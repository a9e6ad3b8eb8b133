// The live send status: fetched once, then pushed by send:progress events (and re-read on a slow
// timer as a safety net). The countdown runs on the page from the host's remainingMs.
import { useCallback, useEffect, useState } from 'react';
import type { SendStatusDto } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { api } from '../../api/client';
import { useEvent } from '../../hooks/use-event';

export interface LiveStatus {
  status: SendStatusDto | null;
  /** Milliseconds left in the cancel window, ticking down locally. */
  remainingMs: number;
  error: ErrorInfo | null;
  set(s: SendStatusDto): void;
  refresh(): void;
}

export function useSendStatus(campaignId: number): LiveStatus {
  const [status, setStatus] = useState<SendStatusDto | null>(null);
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<ErrorInfo | null>(null);

  const set = useCallback((s: SendStatusDto) => {
    setStatus(s);
    setDeadline(Date.now() + s.remainingMs);
    setNow(Date.now());
  }, []);
  const refresh = useCallback(() => {
    void api.invoke('send:status', { campaignId }).then((r) => (r.ok ? set(r.value) : setError(r.error)));
  }, [campaignId, set]);

  useEffect(refresh, [refresh]);
  useEvent('send:progress', (p) => {
    if (p.campaignId === campaignId) set(p);
  });
  const active = status?.state === 'scheduled' || status?.state === 'sending';
  useEffect(() => {
    if (!active) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    const poll = setInterval(refresh, 3000);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [active, refresh]);

  return { status, remainingMs: Math.max(0, deadline - now), error, set, refresh };
}
