// Loads a channel's value when its arguments change (null arguments = nothing to load yet).
import { useCallback, useEffect, useState } from 'react';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { api } from '../api/client';

export interface Query<T> {
  data: T | undefined;
  error: ErrorInfo | null;
  loading: boolean;
  reload(): void;
}

export function useQuery<K extends ChannelName>(channel: K, args: ArgsOf<K> | null): Query<ResultOf<K>> {
  const [data, setData] = useState<ResultOf<K> | undefined>(undefined);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  // Arguments are plain data; their JSON is a stable dependency across renders.
  const key = args === null ? null : JSON.stringify(args);

  useEffect(() => {
    if (key === null) {
      setData(undefined);
      return;
    }
    let live = true;
    setLoading(true);
    void api.invoke(channel, JSON.parse(key) as ArgsOf<K>).then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [channel, key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
