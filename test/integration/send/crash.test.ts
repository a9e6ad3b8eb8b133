// Promise 5 under a real crash: a child process sending 1,000 messages is killed with SIGKILL at
// random points; after each restart, recovery + resume. In the end the sink holds no duplicate,
// no member is lost, every 'sent' row was received, and only 'unknown' rows may be in doubt.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { manualClock } from '../../../electron/services/clock';
import { createSendService } from '../../../electron/services/send/send-service';
import { createTransportFactory } from '../../../electron/app/transports';
import { tempDir } from '../../helpers/tmp';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';
import { approvedCampaign, fastTimers } from '../../helpers/send-fixture';

const SCRIPT = join(import.meta.dirname, 'fixtures', 'crash-sender.ts');
const MEMBERS = 1000;
const KILLS = 4;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function runChild(file: string, campaignId: number, mode: 'start' | 'recover'): { child: ChildProcess; exited: Promise<{ code: number | null; out: string; err: string }> } {
  // process.execPath is the Node that runs the tests (v22, which better-sqlite3 was built for).
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file, String(campaignId), mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out, err })),
  );
  return { child, exited };
}

function messageIdOf(raw: Buffer): string {
  const m = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'));
  if (!m) throw new Error('message without Message-ID');
  return m[1]!;
}

describe('crash safety (promise 5)', () => {
  it('survives SIGKILL at random points without a duplicate or a lost member', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const file = join(dir.dir, 'tayori.db');
    const sink: SmtpCapture = await startSmtpCapture();
    cleanups.push(() => sink.close());

    // Prepare and schedule in this process, with the window already elapsed in real time.
    const db = openDatabase(file);
    const clock = manualClock(Date.now() - 60_000);
    const fx = await approvedCampaign(db, clock, { members: MEMBERS, port: sink.port, maxConnections: 2 });
    const timers = fastTimers(clock);
    timers.hold = true;
    const scheduler = createSendService({ db, clock, timers, approvals: fx.approvals, audit: fx.audit, transportFactory: createTransportFactory({ password: async () => null }) });
    scheduler.schedule(fx.campaignId, 'operator');
    await scheduler.dispose();
    db.close();

    const kills: number[] = [];
    let mode: 'start' | 'recover' = 'start';
    for (let k = 0; k < KILLS; k++) {
      const { child, exited } = runChild(file, fx.campaignId, mode);
      // Kill somewhere between 30 and 230 messages further on (bounded, so at most ~920 before the end).
      const target = sink.messages.length + 30 + Math.floor(Math.random() * 200);
      await sink.waitFor(target, 60_000);
      child.kill('SIGKILL');
      const r = await exited;
      expect(r.code, r.err).toBeNull();
      kills.push(sink.messages.length);
      mode = 'recover';
    }
    const last = runChild(file, fx.campaignId, 'recover');
    const final = await last.exited;
    expect(final.code, final.err).toBe(0);
    expect(final.out).toContain('"state":"completed"');

    const check = openDatabase(file);
    cleanups.push(() => check.close());
    const rows = check
      .prepare('SELECT s.id, s.status, s.message_id, p.email FROM sends s JOIN snapshots p ON p.id = s.snapshot_id WHERE s.campaign_id = ?')
      .all(fx.campaignId) as { id: number; status: string; message_id: string | null; email: string }[];

    // None lost: one row per member, each in a state the operator can read.
    expect(rows).toHaveLength(MEMBERS);
    expect(new Set(rows.map((r) => r.email)).size).toBe(MEMBERS);
    for (const r of rows) expect(['sent', 'unknown']).toContain(r.status);

    // No duplicate in the sink, by recipient or by Message-ID.
    const received = sink.messages.map((m) => ({ rcpt: m.rcptTo, id: messageIdOf(m.raw) }));
    for (const m of received) expect(m.rcpt).toHaveLength(1);
    expect(new Set(received.map((m) => m.rcpt[0])).size).toBe(received.length);
    expect(new Set(received.map((m) => m.id)).size).toBe(received.length);

    // Every sent row was received under its Message-ID; anything else received is an unknown row.
    const byId = new Map(received.map((m) => [m.id, m.rcpt[0]]));
    const sent = rows.filter((r) => r.status === 'sent');
    const unknown = rows.filter((r) => r.status === 'unknown');
    for (const r of sent) expect(byId.get(r.message_id!)).toBe(r.email);
    const rowById = new Map(rows.map((r) => [r.message_id, r]));
    for (const m of received) {
      const row = rowById.get(m.id);
      expect(row, `received ${m.id} matches no row`).toBeDefined();
      expect(['sent', 'unknown']).toContain(row!.status);
      expect(row!.email).toBe(m.rcpt[0]);
    }
    expect(received.length).toBeGreaterThanOrEqual(sent.length);
    expect(received.length).toBeLessThanOrEqual(sent.length + unknown.length);
    // At most one message per connection can be in flight at a kill.
    expect(unknown.length).toBeLessThanOrEqual(KILLS * 2);

    const recoveries = check.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'send.paused' AND details_json LIKE '%stopped-while-sending%'").get() as { n: number };
    expect(recoveries.n).toBe(KILLS);
    console.log(`crash test: kills after ${kills.join(', ')} received; ${sent.length} sent, ${unknown.length} unknown, ${received.length} received`);
  });
});
