// Where the send benchmark's wall time goes: per-connection timelines of Tayori's pipeline and of
// bare pooled nodemailer on the same sink and pool size (send-bench.ts measures the rates). Each
// SMTP transaction is timed from SMTPConnection.send to its reply; the gap between two
// transactions on one connection is time that connection waited for the sender. The pipeline's
// SQLite commits are timed too: a commit blocks the event loop, and with it every connection.
import nodemailer from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildMessage } from '../../shared/message';
import { createSendService } from '../../electron/services/send/send-service';
import { composeMail, newMessageId } from '../../electron/smtp/mail-transport';
import { createTransportFactory } from '../../electron/app/transports';
import { MESSAGES_PER_CONNECTION } from '../../electron/smtp/smtp-pool';
import { tempDb } from '../helpers/tmp';
import { approvedCampaign, BODY, SUBJECT } from '../helpers/send-fixture';
import { anotherCampaign, startSink } from './send-bench';
import type { Report } from './report';

const MEMBERS = 5_000;
const CONNECTIONS = 4;
const ROUNDS = 3;
const SENDER = { address: 'info@chounaikai.example.jp', name: '桜町 町内会' };
/** A commit longer than this stalled the loop (a WAL checkpoint's fsync, or the disk being busy). */
const STALL_MS = 3;

interface Transaction { readonly conn: object; readonly start: number; end: number }
let transactions: Transaction[] = [];
let commits: number[] = [];

type Send = (this: object, envelope: unknown, message: unknown, cb: (err: unknown, info: unknown) => void) => unknown;
/** Times every SMTP transaction of either build of nodemailer (ESM for bare, CommonJS for the pool under tsx). */
function timeTransactions(proto: { send: Send }): void {
  const send = proto.send;
  proto.send = function (envelope, message, cb) {
    const t: Transaction = { conn: this, start: performance.now(), end: 0 };
    transactions.push(t);
    return send.call(this, envelope, message, (err, info) => {
      t.end = performance.now();
      cb(err, info);
    });
  };
}

const quantile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0;
};
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

interface Timeline { busy: number; gapMean: number; gapP50: number; gapP90: number; txnMean: number; loopP99: number; commitPerMsg: number; stallPerMsg: number; msgsPerCommit: number }

function timeline(): Timeline {
  const byConn = new Map<object, Transaction[]>();
  for (const t of transactions) (byConn.get(t.conn) ?? byConn.set(t.conn, []).get(t.conn)!).push(t);
  const gaps: number[] = [];
  const txns = transactions.map((t) => t.end - t.start);
  for (const ts of byConn.values()) for (let i = 1; i < ts.length; i++) gaps.push(ts[i]!.start - ts[i - 1]!.end);
  const first = Math.min(...transactions.map((t) => t.start));
  const last = Math.max(...transactions.map((t) => t.end));
  return {
    busy: sum(txns) / (CONNECTIONS * (last - first)),
    gapMean: sum(gaps) / gaps.length,
    gapP50: quantile(gaps, 0.5),
    gapP90: quantile(gaps, 0.9),
    txnMean: sum(txns) / txns.length,
    loopP99: 0,
    commitPerMsg: sum(commits) / MEMBERS,
    stallPerMsg: sum(commits.filter((c) => c > STALL_MS)) / MEMBERS,
    msgsPerCommit: commits.length ? MEMBERS / commits.length : 0,
  };
}

export async function run(report: Report): Promise<void> {
  timeTransactions(SMTPConnection.prototype as unknown as { send: Send });
  const cjs = createRequire(import.meta.url)('nodemailer/lib/smtp-connection') as { prototype: { send: Send } };
  if (cjs.prototype !== (SMTPConnection.prototype as unknown)) timeTransactions(cjs.prototype);

  const sink = await startSink();
  const t = tempDb();
  try {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const fx = await approvedCampaign(t.db, clock, { members: MEMBERS, port: sink.port, maxConnections: CONNECTIONS });
    // Every transaction the send loop commits, timed (the fixture's own writes are done by now).
    const transaction = t.db.transaction.bind(t.db);
    (t.db as { transaction: unknown }).transaction = (fn: (...a: unknown[]) => unknown) => {
      const tx = transaction(fn);
      const timed = (run: (...a: unknown[]) => unknown) => (...a: unknown[]) => {
        const s = performance.now();
        try {
          return run(...a);
        } finally {
          commits.push(performance.now() - s);
        }
      };
      // The deferred/immediate/exclusive variants too (the approval asks for IMMEDIATE).
      return Object.assign(timed(tx), { deferred: timed(tx.deferred), immediate: timed(tx.immediate), exclusive: timed(tx.exclusive) });
    };
    const svc = createSendService({ db: t.db, clock, approvals: fx.approvals, audit: fx.audit, transportFactory: createTransportFactory({ password: async () => null }) });
    const mails = fx.members.map((m) => {
      const built = buildMessage({ sender: SENDER, recipient: { email: m.email, name: m.name, fields: m.fields }, template: { subject: SUBJECT, body: BODY } });
      if (!built.ok) throw new Error('render failed');
      return composeMail({ from: SENDER.address, to: m.email }, { ...built.message, messageId: newMessageId(SENDER.address), date: new Date() });
    });

    let campaigns = 0;
    const measured = async (go: () => Promise<void>): Promise<Timeline> => {
      transactions = [];
      commits = [];
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      await go();
      loop.disable();
      return { ...timeline(), loopP99: loop.percentile(99) / 1e6 };
    };
    const pipeline = () =>
      measured(async () => {
        const campaignId = campaigns === 0 ? fx.campaignId : await anotherCampaign(t, fx, campaigns);
        campaigns++;
        svc.schedule(campaignId, 'bench');
        offset += svc.remaining(campaignId);
        commits = [];
        svc.tick();
        await svc.settled(campaignId);
        if ((await sink.received()) !== MEMBERS) throw new Error('pipeline lost messages');
      });
    const bare = () =>
      measured(async () => {
        const pool = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, maxConnections: CONNECTIONS, maxMessages: MESSAGES_PER_CONNECTION });
        await Promise.all(mails.map((m) => pool.sendMail(m)));
        pool.close();
        if ((await sink.received()) !== MEMBERS) throw new Error('bare run lost messages');
      });

    await pipeline();
    await bare();
    const p: Timeline[] = [];
    const b: Timeline[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) (p.push(await pipeline()), b.push(await bare()));
      else (b.push(await bare()), p.push(await pipeline()));
    }
    const med = (xs: Timeline[], k: keyof Timeline): number => quantile(xs.map((x) => x[k]), 0.5);
    const line = (label: string, xs: Timeline[]) =>
      console.log(`# ${label}: gap ms mean ${xs.map((x) => x.gapMean.toFixed(2)).join(' ')}, p50 ${xs.map((x) => x.gapP50.toFixed(2)).join(' ')}; busy ${xs.map((x) => (x.busy * 100).toFixed(0)).join(' ')}%; loop p99 ${xs.map((x) => x.loopP99.toFixed(1)).join(' ')} ms`);
    line('pipeline', p);
    line('bare', b);
    console.log(`# pipeline commits: ${p.map((x) => x.msgsPerCommit.toFixed(2)).join(' ')} msg/commit; µs/msg ${p.map((x) => (x.commitPerMsg * 1000).toFixed(0)).join(' ')}, of which stalls > ${STALL_MS} ms ${p.map((x) => (x.stallPerMsg * 1000).toFixed(0)).join(' ')}`);
    report('send_conn_busy', med(p, 'busy'), 'share of connection time in an SMTP transaction (pipeline)');
    report('nodemailer_bare_conn_busy', med(b, 'busy'), 'share (reference)');
    report('send_gap_ms', med(p, 'gapMean'), 'ms a connection waits between two messages, mean (pipeline)');
    report('nodemailer_bare_gap_ms', med(b, 'gapMean'), 'ms (reference)');
    report('send_gap_p50_ms', med(p, 'gapP50'), 'ms, median gap (pipeline)');
    report('nodemailer_bare_gap_p50_ms', med(b, 'gapP50'), 'ms (reference)');
    report('send_commit_us_per_msg', med(p, 'commitPerMsg') * 1000, 'µs of SQLite commit per message, the event loop blocked');
    report('send_commit_stall_us_per_msg', med(p, 'stallPerMsg') * 1000, `µs of it in commits over ${STALL_MS} ms (WAL checkpoints, a busy disk)`);
    await svc.dispose();
  } finally {
    sink.close();
    t.cleanup();
  }
}
