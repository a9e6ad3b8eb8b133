// A labelled number in the report summaries, with the language's digit grouping (300,000).
import { useTranslation } from 'react-i18next';

export function Stat({ label, value, testid }: { label: string; value: number; testid?: string }) {
  const { i18n } = useTranslation();
  return (
    <div className="stat" data-stat={testid}>
      <span>{label}</span>
      <b>{value.toLocaleString(i18n.language)}</b>
    </div>
  );
}
