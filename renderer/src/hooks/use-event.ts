// Subscribes to a host event for the lifetime of the component.
import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract';
import { api } from '../api/client';

export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.on(event, (p) => ref.current(p)), [event]);
}
