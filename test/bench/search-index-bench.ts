// What the member search index costs the import: the same files imported through the real
// service into a database with the index's triggers (migration 0013) and into one without them,
// alternating, a first import (new list) and a re-import of an indexed list (whose replaced
// rows fire the delete trigger). Both databases hold the same complete index before the
// re-import, so only the triggers differ. The index itself is built off the import's path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/connection';
import { systemClock } from '../../electron/services/clock';
import { createImportService } from '../../electron/services/import';
import { createSearchIndexService } from '../../electron/services/search-index/search-index-service';
import { tempDir } from '../helpers/tmp';
import type { Report } from './report';

const ROWS = Number(process.env.SEARCH_BENCH_ROWS ?? 200_000);
const ROUNDS = 3;
const TRIGGERS = ['members_delete_voids_search', 'members_move_voids_search', 'members_edit_marks_search'];

function writeCsv(path: string, seed: number): void {
  const lines = ['会員番号,氏名,メールアドレス,住所,備考'];
  for (let i = 0; i < ROWS; i++) {
    const k = i + seed;
    lines.push(`${100000 + i},山田 太郎${k % 50},member${k}@example.jp,東京都千代田区丸の内${k % 9}丁目${k % 100}番,メール配信希望`);
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
}

const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

async function timed(work: () => Promise<unknown>): Promise<number> {
  const c0 = cpu();
  await work();
  return cpu() - c0;
}

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-bench-search-');
  try {
    const first = join(t.dir, 'a.csv');
    const second = join(t.dir, 'b.csv');
    writeCsv(first, 0);
    writeCsv(second, 7);
    const sums = { with: { first: 0, again: 0 }, without: { first: 0, again: 0 } };
    // An untimed import first, so that neither side pays for compiling the import's code.
    const warm = openDatabase(join(t.dir, 'warm.db'));
    await createImportService({ db: warm, clock: systemClock }).importFile({ filePath: first, listName: 'warm' });
    warm.close();
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so neither side always finds the machine fresher.
      const order = round % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const kind of order) {
        const db: Db = openDatabase(join(t.dir, `${kind}-${round}.db`));
        if (kind === 'without') for (const name of TRIGGERS) db.exec(`DROP TRIGGER ${name}`);
        const imports = createImportService({ db, clock: systemClock });
        let listId = 0;
        sums[kind].first += await timed(async () => ({ listId } = await imports.importFile({ filePath: first, listName: 'bench' })));
        // Both lists get a complete index (so the files are alike) before the re-import, whose
        // replaced rows then fire the delete trigger where it exists; the WAL starts empty.
        createSearchIndexService({ db }).runUntilIdle();
        db.pragma('wal_checkpoint(TRUNCATE)');
        sums[kind].again += await timed(() => imports.importFile({ filePath: second, listId }));
        db.close();
      }
    }
    const per = (s: number) => Math.round((ROWS * ROUNDS) / s);
    report('import_cpu_rows_per_s_with_search_triggers', per(sums.with.first), `rows/s of CPU (first import, ${ROWS} rows)`);
    report('import_cpu_rows_per_s_without_search_triggers', per(sums.without.first), 'rows/s of CPU (same, triggers dropped)');
    report('import_search_triggers_ratio', sums.without.first / sums.with.first, 'CPU without / with (1 = no cost)');
    report('reimport_cpu_rows_per_s_with_search_triggers', per(sums.with.again), 'rows/s of CPU (re-import of an indexed list)');
    report('reimport_cpu_rows_per_s_without_search_triggers', per(sums.without.again), 'rows/s of CPU (same, triggers dropped)');
    report('reimport_search_triggers_ratio', sums.without.again / sums.with.again, 'CPU without / with (1 = no cost)');
  } finally {
    t.cleanup();
  }
}
