// Shared by the database-lock tests (electron/db/database-lock.ts): what a lock attempt ended in,
// and the pid of a process that has ended (a lock left by a crash names one).
import { spawn } from 'node:child_process';

/** 'taken' when `f` returned, else the code of what it threw (data-folder-in-use…). */
export function lockOutcome(f: () => unknown): string | undefined {
  try {
    f();
    return 'taken';
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

/** Starts a process that exits at once and resolves to its pid once it has ended. */
export async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}
