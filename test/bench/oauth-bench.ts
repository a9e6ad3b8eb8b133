// OAuth2 (issue 12): the refresh round trip on loopback against a real authorization server
// (oauth2-mock-server: JWT signing, token endpoint over HTTP), and sending through an account that
// logs in with XOAUTH2: Tayori's whole pipeline versus bare pooled nodemailer with OAuth2 auth,
// same messages, same sink, same connection count; median of 5 alternating rounds each.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { createTransportFactory } from '../../electron/app/transports';
import { countByStatus } from '../../electron/db/repos/sends-repo';
import { createOAuthConfigStore, NO_OAUTH_DEFAULTS } from '../../electron/services/oauth/oauth-config';
import { createOAuthService } from '../../electron/services/oauth/oauth-service';
import { createProfileService } from '../../electron/services/profiles/profile-service';
import { createMemorySecretStore } from '../../electron/services/secrets/secret-store';
import { createSendService } from '../../electron/services/send/send-service';
import { composeMail, newMessageId } from '../../electron/smtp/mail-transport';
import { buildMessage } from '../../shared/message';
import { startMockIssuer } from '../helpers/oauth-issuer';
import { approvedCampaign, BODY, SUBJECT, type SendFixture } from '../helpers/send-fixture';
import { tempDb } from '../helpers/tmp';
import { median, type Report } from './report';

const MEMBERS = 2_000;
const CONNECTIONS = 4;
const ROUNDS = 5;
const REFRESHES = 20;
const MAILBOX = 'info@chounaikai.example.jp';
const SENDER = { address: MAILBOX, name: '桜町 町内会' };


async function startSink(): Promise<{ port: number; received(): Promise<number>; close(): void }> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'send-sink.ts'), ['xoauth2'], {
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

async function anotherCampaign(t: ReturnType<typeof tempDb>, fx: SendFixture, round: number): Promise<number> {
  const ids = t.db.prepare('SELECT id FROM users ORDER BY id').all() as { id: number }[];
  const [requester, approver] = [ids[0]!.id, ids[1]!.id];
  const c = fx.campaigns.createCampaign({ listId: fx.listId, name: `bench ${round}`, subjectTemplate: SUBJECT, bodyTemplate: BODY, profileId: fx.profileId, cancelWindowS: 10, createdBy: requester });
  await fx.approvals.requestApproval(c.id, requester, '1357');
  await fx.approvals.approve(c.id, approver, '2468');
  return c.id;
}

export async function run(report: Report): Promise<void> {
  const sink = await startSink();
  const issuer = await startMockIssuer(MAILBOX);
  const t = tempDb();
  try {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const fx = await approvedCampaign(t.db, clock, { members: MEMBERS, port: sink.port, maxConnections: CONNECTIONS, authUser: MAILBOX, authMethod: 'oauth2' });
    const secrets = createMemorySecretStore();
    const config = createOAuthConfigStore(t.db, { ...NO_OAUTH_DEFAULTS, custom: { issuer: issuer.url, clientId: 'tayori-bench', scope: null } });
    const profiles = createProfileService({ db: t.db, clock, secrets });
    const oauth = createOAuthService({ db: t.db, clock, secrets, config, getProfile: (id) => profiles.getProfile(id) });
    const { flowId, url } = await oauth.begin(fx.profileId, 'bench');
    await issuer.signInWithBrowser(url);
    await oauth.wait(flowId);

    // The refresh round trip: token endpoint over HTTP, JWT signed, response checked, token stored.
    const refreshMs: number[] = [];
    for (let i = 0; i < REFRESHES; i++) {
      const t0 = performance.now();
      await oauth.accessToken(fx.profileId, true);
      refreshMs.push(performance.now() - t0);
    }
    report('oauth_refresh_ms', median(refreshMs), 'ms');

    const svc = createSendService({
      db: t.db,
      clock,
      approvals: fx.approvals,
      audit: fx.audit,
      transportFactory: createTransportFactory({ password: async () => null, accessToken: (id, renew) => oauth.accessToken(id, renew) }),
    });
    const mails = fx.members.map((m) => {
      const built = buildMessage({ sender: SENDER, recipient: { email: m.email, name: m.name, fields: m.fields }, template: { subject: SUBJECT, body: BODY } });
      if (!built.ok) throw new Error('render failed');
      return composeMail({ from: SENDER.address, to: m.email }, { ...built.message, messageId: newMessageId(SENDER.address), date: new Date() });
    });

    const pipelineRates: number[] = [];
    const bareRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const campaignId = round === 0 ? fx.campaignId : await anotherCampaign(t, fx, round);
      svc.schedule(campaignId, 'bench');
      offset += svc.remaining(campaignId);
      const t0 = performance.now();
      svc.tick();
      await svc.settled(campaignId);
      pipelineRates.push(MEMBERS / ((performance.now() - t0) / 1000));
      const sent = countByStatus(t.db, campaignId).sent;
      if (sent !== MEMBERS || (await sink.received()) !== MEMBERS) throw new Error(`pipeline sent ${sent} of ${MEMBERS}`);

      // Bare nodemailer with OAuth2 auth and a token in hand (no refresh needed in either run).
      const accessToken = await oauth.accessToken(fx.profileId, false);
      const bare = nodemailer.createTransport({
        pool: true, host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true,
        maxConnections: CONNECTIONS, maxMessages: Infinity,
        auth: { type: 'OAuth2', user: MAILBOX, accessToken },
      });
      const t1 = performance.now();
      await Promise.all(mails.map((m) => bare.sendMail(m)));
      bareRates.push(MEMBERS / ((performance.now() - t1) / 1000));
      bare.close();
      if ((await sink.received()) !== MEMBERS) throw new Error('bare run lost messages');
    }
    await svc.dispose();
    oauth.close();
    report('send_oauth_msgs_per_s', median(pipelineRates), 'msg/s');
    report('nodemailer_bare_oauth_msgs_per_s', median(bareRates), 'msg/s');
    report('send_oauth_vs_bare', median(pipelineRates) / median(bareRates), 'ratio');
  } finally {
    sink.close();
    await issuer.close();
    t.cleanup();
  }
}
