// The check screen's per-click calls on a draft notice of 100,000 members (issue 15):
// `preview:render` (one recipient's exact message, by position and by member id) and
// `send:estimate`, through the same dispatch the UI uses. The list has exclusions, suppressions
// and identical rows to merge, so the recipients query does all its work. Figures: the median of
// several calls with nothing written between them (as the screen pages through the preview), the
// first call after a write (nothing kept), and the same calls once the recipients are frozen.
import { createTestApp } from '../helpers/app-harness';
import { median, type Report } from './report';

const MEMBERS = Number(process.env.RECIPIENTS_BENCH_ROWS ?? 100_000);
const CALLS = 9;

function csv(): Uint8Array {
  const lines = ['会員番号,氏名,メールアドレス,棟'];
  for (let i = 0; i < MEMBERS; i++) {
    // Every 500th row repeats the row before it (same address and name): merged into it.
    const j = i % 500 === 499 ? i - 1 : i;
    lines.push(`${i},会員 ${j},member${j}@example${j % 50}.jp,${'ABCD'[i % 4]}`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}


export async function run(report: Report): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const app = createTestApp(cleanups);
    const { call } = app;
    await call('settings:update', { actorId: null, organisationName: '管理組合', organisationAddress: 'office@example.jp' });
    const profile = await call('profiles:create', {
      actorId: null,
      profile: { name: 'p', host: '127.0.0.1', port: 2525, security: 'none', authUser: null, fromAddress: 'office@example.jp', fromName: '事務局', perMinute: 60, perHour: null, maxConnections: 1 },
    });
    const a = await call('users:create', { name: '相川', pin: '4826' });
    await call('users:create', { name: '別所', pin: '7391' });
    const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: csv(), keyColumn: '会員番号' });
    const db = app.core.context.services().db;
    // One member in 200 excluded in the app, one address in 300 suppressed.
    const exclude = db.prepare("INSERT INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, ?, 0)");
    const suppress = db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES (?, 'bounce', 0)");
    db.transaction(() => {
      for (let i = 0; i < MEMBERS; i += 200) exclude.run(imported.listId, `k:${i}`);
      for (let i = 1; i < MEMBERS; i += 300) suppress.run(`member${i}@example${i % 50}.jp`);
    })();
    const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
    const campaign = await call('campaigns:update', {
      actorId: a.id,
      id: draft.id,
      subjectTemplate: '{{氏名}} 様',
      bodyTemplate: '{{氏名}} 様（{{棟}}棟）',
      selection: { kind: 'conditions', match: 'any', conditions: [{ column: '棟', op: 'one-of', values: ['A', 'B', 'C'] }] },
    });
    const memberIds = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(imported.listId) as number[];

    const timed = async (f: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await f();
      const c = process.cpuUsage(c0);
      return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
    };
    const series = async (name: string, what: string, f: (k: number) => Promise<unknown>): Promise<void> => {
      const runs: { wall: number; cpu: number }[] = [];
      for (let k = 0; k < CALLS; k++) runs.push(await timed(() => f(k)));
      report(`${name}_ms`, median(runs.map((r) => r.wall)), `ms (${what}median of ${CALLS}; target a few tens of ms)`);
      report(`${name}_cpu_ms`, median(runs.map((r) => r.cpu)), 'ms CPU');
    };
    // Positions and members spread over the recipients (3 in 4 members are chosen; a row at index
    // 4q+2 is in 棟 C, never excluded (even index, none is 0 mod 200), suppressed (1 mod 300) or
    // merged (499 mod 500)), as a person paging and jumping would.
    const position = (k: number) => Math.floor(((k * 7919) % CALLS) * (MEMBERS * 0.6 / CALLS));
    const touch = () => call('campaigns:update', { actorId: a.id, id: campaign.id, name: `総会 ${Math.random()}` });

    const first = await timed(() => call('preview:render', { campaignId: campaign.id, position: 0 }));
    report('preview_render_100k_first_ms', first.wall, 'ms (first call after a write: nothing kept)');
    report('preview_render_100k_first_cpu_ms', first.cpu, 'ms CPU');
    await series('preview_render_100k', 'by position; ', (k) => call('preview:render', { campaignId: campaign.id, position: position(k) }));
    await series('preview_render_by_member_100k', 'by member id; ', (k) => call('preview:render', { campaignId: campaign.id, memberId: memberIds[(position(k) & ~3) + 2]! }));
    await series('send_estimate_100k', '', () => call('send:estimate', { campaignId: campaign.id }));
    await touch();
    const est = await timed(() => call('send:estimate', { campaignId: campaign.id }));
    report('send_estimate_100k_first_ms', est.wall, 'ms (first call after a write: nothing kept)');
    report('send_estimate_100k_first_cpu_ms', est.cpu, 'ms CPU');
    // The check screen's order of calls: the report, then the preview and the estimate.
    await touch();
    const check = await timed(() => call('checks:run', { campaignId: campaign.id }));
    const after = await timed(async () => {
      await call('preview:render', { campaignId: campaign.id, position: 0 });
      await call('send:estimate', { campaignId: campaign.id });
    });
    report('check_then_preview_estimate_100k_ms', after.wall, `ms (both, after checks:run took ${check.wall.toFixed(0)} ms)`);
    report('check_then_preview_estimate_100k_cpu_ms', after.cpu, 'ms CPU');

    // After the freeze: from the snapshot by position.
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: '4826' });
    await series('preview_render_frozen_100k', 'from the snapshot; ', (k) => call('preview:render', { campaignId: campaign.id, position: position(k) }));
    await series('send_estimate_frozen_100k', 'from the snapshot; ', () => call('send:estimate', { campaignId: campaign.id }));
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}
