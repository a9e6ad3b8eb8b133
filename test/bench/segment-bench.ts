// Benchmark of the live recipient count (compose screen) over a 100,000-member list on a real
// SQLite file: a two-condition selection (棟 = A and 役職 contains 理事) with the domain breakdown.
import { countRecipients } from '../../electron/db/repos/recipients-query';
import { tempDb } from '../helpers/tmp';
import { seedCampaign } from '../integration/checks/seed';
import type { Report } from './report';

const N = 100_000;
const ROLES = ['', '', '', '', '理事', '理事長', '監事', '会計'];
const DOMAINS = ['gmail.com', 'docomo.ne.jp', 'yahoo.co.jp', 'ezweb.ne.jp', 'corp1.co.jp', 'corp2.co.jp'];

export async function run(report: Report): Promise<void> {
  const t = tempDb();
  try {
    const members = Array.from({ length: N }, (_, i) => ({
      email: `m${i}@${DOMAINS[i % DOMAINS.length]}`,
      name: `会員 ${i}`,
      fields: { 棟: 'ABCDE'[i % 5]!, 役職: ROLES[(i * 7) % ROLES.length]! },
    }));
    const { listId } = seedCampaign(t.db, { members, columns: ['email', 'name', '棟', '役職'] });
    const selection = {
      kind: 'conditions' as const,
      match: 'all' as const,
      conditions: [
        { column: '棟', op: 'equals' as const, values: ['A'] },
        { column: '役職', op: 'contains' as const, values: ['理事'] },
      ],
    };
    countRecipients(t.db, listId, selection); // warm the page cache, as a second keystroke would
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      count = countRecipients(t.db, listId, selection).count;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    report('segment_count_100k_ms', times[2]!, 'ms');
    report('segment_count_100k_members', count, 'members');
    const all = performance.now();
    countRecipients(t.db, listId, { kind: 'all' });
    report('segment_count_whole_100k_ms', performance.now() - all, 'ms');
  } finally {
    t.cleanup();
  }
}
