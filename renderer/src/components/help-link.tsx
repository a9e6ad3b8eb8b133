// A link into the user's-language guide at one section (a button styled as a link: the guide opens
// inside the app, never as a web page).
import type { ReactNode } from 'react';
import { openGuide } from '../guide/guide-store';

export function HelpLink({ section, children }: { section: string; children: ReactNode }) {
  return (
    <button type="button" className="link" data-help={section} onClick={() => openGuide(section)}>
      {children}
    </button>
  );
}
