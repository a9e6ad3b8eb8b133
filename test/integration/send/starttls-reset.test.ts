// A server that offers STARTTLS and resets the socket during the TLS handshake is a TLS problem
// (smtp-tls), not "check host and port" (smtp-connect): for a send, which pauses at once with
// nothing counted, and for "test connection" alike. Real sockets on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { countAttempted, listSends } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';
import { startStartTlsResetServer, type StartTlsResetServer } from '../../helpers/starttls-reset-server';

let h: Harness | undefined;
let server: StartTlsResetServer | undefined;
afterEach(async () => {
  await h?.cleanup();
  await server?.close();
  h = undefined;
  server = undefined;
});

describe('TLS reset during STARTTLS', () => {
  it('pauses the send with smtp-tls; members stay queued with no attempt counted', async () => {
    server = await startStartTlsResetServer();
    h = await sendHarness({ members: 3, port: server.port, security: 'starttls' });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const st = h.svc.status(h.fx.campaignId);
    expect(server.upgrades()).toBeGreaterThanOrEqual(1);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-tls');
    expect(st.counts).toMatchObject({ queued: 3, failed: 0 });
    expect(listSends(h.db, h.fx.campaignId).map((r) => r.attempts)).toEqual([0, 0, 0]);
    expect(countAttempted(h.db, h.fx.campaignId)).toBe(0);
    const paused = h.fx.audit.list({ campaignId: h.fx.campaignId, action: 'send.paused' });
    expect(paused.map((e) => e.details['code'])).toEqual(['smtp-tls']);
  });

  it('"test connection" says smtp-tls too', async () => {
    server = await startStartTlsResetServer();
    h = await sendHarness({ members: 1, port: server.port, security: 'starttls' });
    await expect(h.profiles.testConnection(h.fx.profileId)).rejects.toMatchObject({ code: 'smtp-tls' });
    expect(server.upgrades()).toBe(1);
  });
});
