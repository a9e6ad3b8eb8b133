// Which guide section is open, if any: one small store so any link (header, an error with a
// remedy, the send screen's next steps) can open the guide without threading props through screens.
import { useSyncExternalStore } from 'react';

let open: string | null = null;
const listeners = new Set<() => void>();

/** Opens the guide at a section id ('' for the top). */
export function openGuide(section: string): void {
  open = section;
  for (const l of listeners) l();
}

export function closeGuide(): void {
  open = null;
  for (const l of listeners) l();
}

export function useOpenGuide(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
