// Waits, in short sleeps and for a bounded time, until a condition holds (background work: a
// worker thread copying the WAL, a purge at start-up); throws saying what it waited for.
export async function until(what: string, done: () => boolean, timeoutMs = 6_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs && !done(); waited += 20) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error(`timed out waiting until ${what}`);
}
