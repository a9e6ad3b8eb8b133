// A labelled number in the report summaries.
export function Stat({ label, value, testid }: { label: string; value: number; testid?: string }) {
  return (
    <div className="stat" data-stat={testid}>
      <span>{label}</span>
      <b>{value}</b>
    </div>
  );
}
