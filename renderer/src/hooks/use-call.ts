// Calls a channel on demand (button presses) and keeps its busy flag and error for the screen.
import { useCallback, useState } from 'react';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { api } from '../api/client';

export interface Call {
  /** Resolves to the value, or undefined after recording the error for display. */
  run<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<ResultOf<K> | undefined>;
  busy: boolean;
  error: ErrorInfo | null;
  setError(e: ErrorInfo | null): void;
}

export function useCall(): Call {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const run = useCallback(async <K extends ChannelName>(channel: K, args: ArgsOf<K>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.invoke(channel, args);
      if (r.ok) return r.value;
      setError(r.error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, setError };
}
