// Sending throughput against the same local smtp-server sink, 10,000 members: Tayori's whole
// pipeline (queue, render from the snapshot, SQLite status commits, audit, SMTP) versus bare
// pooled nodemailer sending the same messages over the same number of connections; five
// alternating rounds after one unmeasured round of each, the median of each round's ratio reported.
import nodemailer from 'nodemailer';
import { buildMessage } from '../../shared/message';
import { countByStatus } from '../../electron/db/repos/sends-repo';
import { createSendService } from '../../electron/services/send/send-service';
import { composeMail, newMessageId } from '../../electron/smtp/mail-transport';
import { createTransportFactory } from '../../electron/app/transports';
import { MESSAGES_PER_CONNECTION } from '../../electron/smtp/smtp-pool';
import { tempDb } from '../helpers/tmp';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { approvedCampaign, BODY, SUBJECT, type SendFixture } from '../helpers/send-fixture';
import { median, type Report } from './report';

const MEMBERS = 10_000;
const CONNECTIONS = 4;
const SENDER = { address: 'info@chounaikai.example.jp', name: '桜町 町内会' };

/** The sink runs in its own process (test/bench/send-sink.ts), like a real server would. */
export async function startSink(): Promise<{ port: number; received(): Promise<number>; close(): void }> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'send-sink.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<Record<string, number>>((resolve) => child.once('message', (m) => resolve(m as Record<string, number>)));
  const { port } = await next();
  return {
    port: port!,
    received: async () => {
      const reply = next();
      child.send('count');
      return (await reply).count!;
    },
    close: () => child.send('close'),
  };
}

const ROUNDS = 5;


/** Another approved campaign on the fixture's list and profile (same requester and approver). */
export async function anotherCampaign(t: ReturnType<typeof tempDb>, fx: SendFixture, round: number): Promise<number> {
  const ids = t.db.prepare('SELECT id FROM users ORDER BY id').all() as { id: number }[];
  const [requester, approver] = [ids[0]!.id, ids[1]!.id];
  const c = fx.campaigns.createCampaign({ listId: fx.listId, name: `bench ${round}`, subjectTemplate: SUBJECT, bodyTemplate: BODY, profileId: fx.profileId, cancelWindowS: 10, createdBy: requester });
  await fx.approvals.requestApproval(c.id, requester, '1357');
  await fx.approvals.approve(c.id, approver, '2468');
  return c.id;
}

export async function run(report: Report): Promise<void> {
  const sink = await startSink();
  const t = tempDb();
  try {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const fx = await approvedCampaign(t.db, clock, { members: MEMBERS, port: sink.port, maxConnections: CONNECTIONS });
    const svc = createSendService({
      db: t.db,
      clock,
      approvals: fx.approvals,
      audit: fx.audit,
      // The app's own factory (lazy password read, then the pool), as in the real send.
      transportFactory: createTransportFactory({ password: async () => null }),
    });
    const mails = fx.members.map((m) => {
      const built = buildMessage({ sender: SENDER, recipient: { email: m.email, name: m.name, fields: m.fields }, template: { subject: SUBJECT, body: BODY } });
      if (!built.ok) throw new Error('render failed');
      return composeMail({ from: SENDER.address, to: m.email }, { ...built.message, messageId: newMessageId(SENDER.address), date: new Date() });
    });

    // The machine is shared and noisy: alternate the two, several rounds.
    const pipelineRates: number[] = [];
    const bareRates: number[] = [];
    // CPU time of this process per message (the sink runs in its own): steadier than wall time
    // on a shared machine, where other work stretches the wall clock of either run.
    const pipelineCpu: number[] = [];
    const bareCpu: number[] = [];
    const cpuUs = (since: NodeJS.CpuUsage): number => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / MEMBERS;
    };
    let campaigns = 0;
    /** Tayori: from the end of the cancel window to the last committed status. */
    async function pipelineRun(): Promise<{ rate: number; cpu: number }> {
      const campaignId = campaigns === 0 ? fx.campaignId : await anotherCampaign(t, fx, campaigns);
      campaigns++;
      svc.schedule(campaignId, 'bench');
      offset += svc.remaining(campaignId);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      svc.tick();
      await svc.settled(campaignId);
      const result = { rate: MEMBERS / ((performance.now() - t0) / 1000), cpu: cpuUs(c0) };
      const sent = countByStatus(t.db, campaignId).sent;
      if (sent !== MEMBERS || (await sink.received()) !== MEMBERS) throw new Error(`pipeline sent ${sent} of ${MEMBERS}`);
      return result;
    }
    /** Bare nodemailer: the same rendered messages, prepared beforehand, same connection count. */
    async function bareRun(): Promise<{ rate: number; cpu: number }> {
      const bare = nodemailer.createTransport({
        pool: true, host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true,
        // Like Tayori's pool: a new connection after this many messages.
        maxConnections: CONNECTIONS, maxMessages: MESSAGES_PER_CONNECTION,
      });
      const c1 = process.cpuUsage();
      const t1 = performance.now();
      await Promise.all(mails.map((m) => bare.sendMail(m)));
      const result = { rate: MEMBERS / ((performance.now() - t1) / 1000), cpu: cpuUs(c1) };
      bare.close();
      if ((await sink.received()) !== MEMBERS) throw new Error('bare run lost messages');
      return result;
    }

    // One unmeasured round of each first: the first run of either pays for compiling its code
    // (JIT), opening the database's pages and the like, which is no part of sending.
    await pipelineRun();
    await bareRun();
    for (let round = 0; round < ROUNDS; round++) {
      // Each goes first in every other round, so that neither always runs on the machine the
      // other one left behind (a growing WAL, the sink's memory, another engineer's job starting).
      const pipelineFirst = round % 2 === 0;
      const first = await (pipelineFirst ? pipelineRun() : bareRun());
      const second = await (pipelineFirst ? bareRun() : pipelineRun());
      const [p, b] = pipelineFirst ? [first, second] : [second, first];
      pipelineRates.push(p.rate);
      pipelineCpu.push(p.cpu);
      bareRates.push(b.rate);
      bareCpu.push(b.cpu);
    }
    await svc.dispose();

    // Each round's two runs saw nearly the same machine load: the ratio per round is what counts.
    const ratios = pipelineRates.map((p, i) => p / bareRates[i]!);
    console.log(`# rounds: ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
    console.log(`# msg/s pipeline: ${pipelineRates.map((r) => r.toFixed(0)).join(' ')}; bare: ${bareRates.map((r) => r.toFixed(0)).join(' ')}`);
    console.log(`# CPU µs/msg pipeline: ${pipelineCpu.map((r) => r.toFixed(0)).join(' ')}; bare: ${bareCpu.map((r) => r.toFixed(0)).join(' ')}`);
    report('send_msgs_per_s', median(pipelineRates), 'msg/s');
    report('nodemailer_bare_msgs_per_s', median(bareRates), 'msg/s (reference)');
    report('send_vs_bare', median(ratios), 'ratio (median of 5 rounds; target >= 0.95)');
    report('send_cpu_us_per_msg', median(pipelineCpu), 'µs CPU/msg (this process)');
    report('nodemailer_bare_cpu_us_per_msg', median(bareCpu), 'µs CPU/msg (reference)');
    report('send_vs_bare_cpu', median(bareCpu) / median(pipelineCpu), 'ratio of CPU per message, bare / pipeline (>= 1: the pipeline costs no more)');
  } finally {
    sink.close();
    t.cleanup();
  }
}
