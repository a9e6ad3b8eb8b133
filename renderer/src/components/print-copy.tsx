// What the printer gets: a copy of one document outside the app's frame (reports.css hides the
// app and shows only this when printing), so a report prints as pages, not as a screenshot.
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

export function PrintCopy({ children }: { children: ReactNode }) {
  return createPortal(<div className="print-only">{children}</div>, document.body);
}
