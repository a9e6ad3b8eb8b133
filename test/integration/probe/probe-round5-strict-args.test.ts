// Probe (round 5, item 2): every channel's top-level argument object is strict (dispatch.ts). As
// an attacker through the browser host's wire format (decodeWire, JSON.parse): prototype keys and
// invented keys are refused, not dropped; and the renderer's spread call sites still pass.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeWire } from '../../../shared/contract/wire';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('strict arguments, probed', () => {
  it('prototype keys in a JSON body are refused as unknown keys, and pollute nothing', async () => {
    const app = createTestApp(cleanups);
    const { a } = await setUpOffice(app);
    for (const body of [
      '{"__proto__": {"actorId": 1}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      `{"actorId": ${a.id}, "address": "x@y.example", "reason": "bounced", "__proto__": {"isAdmin": true}}`,
      `{"actorId": ${a.id}, "address": "x@y.example", "reason": "bounced", "toString": 1}`,
    ]) {
      const r = await app.core.dispatch('suppressions:add', decodeWire(body));
      expect(r.ok, body).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    // The same call without them goes through: the refusals were the keys, not the call.
    const ok = await app.core.dispatch('suppressions:add', decodeWire(`{"actorId": ${a.id}, "address": "x@y.example", "reason": "bounced"}`));
    expect(ok.ok).toBe(true);
  });

  it('the renderer\'s spread call sites (preview:render by target, import:preview/run with runId and expected) pass', async () => {
    const app = createTestApp(cleanups);
    const { a, profile } = await setUpOffice(app);
    const bytes = new TextEncoder().encode('email,name\na@x.example,A\nb@x.example,B\n');
    const list = await app.call('import:run', { actorId: a.id, listName: 'L', fileName: 'l.csv', bytes, emailColumn: 'email' } as never);
    const listId = (list as { listId: number }).listId;
    const fileArgs = { listId, fileName: 'l.csv', bytes, encoding: 'utf-8', delimiter: ',', emailColumn: 'email', nameColumn: 'name', keyColumn: null };
    const preview = (await app.call('import:preview', { ...fileArgs, runId: 'preview-0001' } as never)) as { sha256: string; previousImportId: number | null };
    const expected = { sha256: preview.sha256, previousImportId: preview.previousImportId };
    await app.call('import:run', { ...fileArgs, actorId: a.id, runId: 'run-00000001', expected } as never);
    const c = await app.call('campaigns:create', { actorId: a.id, listId, name: 'x', profileId: profile.id });
    await app.call('campaigns:update', { actorId: a.id, id: c.id, subjectTemplate: 's', bodyTemplate: '{{name}}' });
    for (const target of [{ position: 0 }, { memberId: (await app.call('members:page', { listId, offset: 0, limit: 1 })).members[0]!.id }]) {
      const r = await app.core.dispatch('preview:render', { campaignId: c.id, ...target });
      expect(r.ok).toBe(true);
    }
  });
});
