// Reloads a query when something it depends on changes, but not on mount: useQuery has just
// loaded it then, and a second request at 50,000 members costs the host a second for nothing.
import { useEffect, useRef } from 'react';

export function useReloadOnChange(reload: () => void, version: unknown): void {
  const seen = useRef(version);
  useEffect(() => {
    if (Object.is(seen.current, version)) return;
    seen.current = version;
    reload();
  }, [version, reload]);
}
