// Where a running send stands against its limits: until when it waits (the send screen shows
// "next message at HH:MM") and when it is expected to end.

/** Why and until when a run waits before its next message (shown as "next message at HH:MM"). */
export interface RunWait {
  readonly until: number;
  readonly reason: 'minute' | 'hour' | 'day' | 'quiet' | null;
}

export interface RunPace {
  wait: RunWait | null;
  expectedEndAt: number | null;
}

/** The progress fields a run's pace adds (nothing waits and no end is known without a run). */
export interface PaceFields {
  readonly nextAt: number | null;
  readonly waitReason: RunWait['reason'];
  readonly expectedEndAt: number | null;
}

export const NO_PACE: PaceFields = { nextAt: null, waitReason: null, expectedEndAt: null };

export function paceOf(pace: RunPace | undefined): PaceFields {
  if (!pace) return NO_PACE;
  return { nextAt: pace.wait?.until ?? null, waitReason: pace.wait?.reason ?? null, expectedEndAt: pace.expectedEndAt };
}
