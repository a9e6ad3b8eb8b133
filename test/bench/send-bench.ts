// Sending throughput against the same local smtp-server sink, 10,000 members: Tayori's whole
// pipeline (queue, render from the snapshot, SQLite status commits, audit, SMTP) versus bare
// pooled nodemailer sending the same messages over the same number of connections.
import nodemailer from 'nodemailer';
import { buildMessage } from '../../shared/message';
import { countByStatus } from '../../electron/db/repos/sends-repo';
import { createSendService } from '../../electron/services/send/send-service';
import { composeMail, newMessageId } from '../../electron/smtp/mail-transport';
import { createSmtpPool, poolOptionsFrom } from '../../electron/smtp/smtp-pool';
import { transportOptions } from '../../electron/smtp/transport-options';
import { tempDb } from '../helpers/tmp';
import { startSmtpCapture } from '../helpers/smtp-capture';
import { approvedCampaign, BODY, SUBJECT } from '../helpers/send-fixture';
import type { Report } from './report';

const MEMBERS = 10_000;
const CONNECTIONS = 4;
const SENDER = { address: 'info@chounaikai.example.jp', name: '桜町 町内会' };

export async function run(report: Report): Promise<void> {
  const sink = await startSmtpCapture();
  const t = tempDb();
  try {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const fx = await approvedCampaign(t.db, clock, { members: MEMBERS, port: sink.port, maxConnections: CONNECTIONS });
    const svc = createSendService({
      db: t.db,
      clock,
      campaigns: fx.campaigns,
      audit: fx.audit,
      transportFactory: (p) => createSmtpPool(poolOptionsFrom(transportOptions(p, null))),
    });

    // Tayori: from the end of the cancel window to the last committed status.
    svc.schedule(fx.campaignId, 'bench');
    offset += svc.remaining(fx.campaignId);
    const t0 = performance.now();
    svc.tick();
    await svc.settled(fx.campaignId);
    const pipelineS = (performance.now() - t0) / 1000;
    await svc.dispose();
    const sent = countByStatus(t.db, fx.campaignId).sent;
    if (sent !== MEMBERS) throw new Error(`pipeline sent ${sent} of ${MEMBERS}`);

    // Bare nodemailer: the same rendered messages, prepared beforehand, same connection count.
    const mails = fx.members.map((m) => {
      const built = buildMessage({ sender: SENDER, recipient: { email: m.email, name: m.name, fields: m.fields }, template: { subject: SUBJECT, body: BODY } });
      if (!built.ok) throw new Error('render failed');
      return composeMail({ from: SENDER.address, to: m.email }, { ...built.message, messageId: newMessageId(SENDER.address), date: new Date() });
    });
    const bare = nodemailer.createTransport({
      pool: true, host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true,
      maxConnections: CONNECTIONS, maxMessages: Infinity,
    });
    const before = sink.messages.length;
    const t1 = performance.now();
    await Promise.all(mails.map((m) => bare.sendMail(m)));
    const bareS = (performance.now() - t1) / 1000;
    bare.close();
    if (sink.messages.length - before !== MEMBERS) throw new Error('bare run lost messages');

    const pipeline = MEMBERS / pipelineS;
    const bareRate = MEMBERS / bareS;
    report('send_msgs_per_s', pipeline, 'msg/s');
    report('nodemailer_bare_msgs_per_s', bareRate, 'msg/s');
    report('send_vs_bare', pipeline / bareRate, 'ratio');
  } finally {
    await sink.close();
    t.cleanup();
  }
}
