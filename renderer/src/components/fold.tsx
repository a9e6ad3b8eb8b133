// A card that folds to its title: the lists screen's secondary panels (members excluded, earlier
// imports, the suppression list) fold to one line each, so the member list, the screen's main
// content, starts near the top; it scrolls with the page, so nothing may sit below it. A native
// <details>: keyboards and screen readers know how to open it.
import { useEffect, useState, type ReactNode } from 'react';

interface Props {
  testId: string;
  title: ReactNode;
  /** Opens the card when this becomes true (something new to see in it); never closes it. */
  openWhen?: boolean;
  children: ReactNode;
}

export function Fold({ testId, title, openWhen = false, children }: Props) {
  const [open, setOpen] = useState(openWhen);
  useEffect(() => {
    if (openWhen) setOpen(true);
  }, [openWhen]);
  return (
    <details className="card fold" data-testid={testId} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h3>{title}</h3>
      </summary>
      {children}
    </details>
  );
}
