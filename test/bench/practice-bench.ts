// Practice mode figures: opening a fresh practice workspace (seeding through the real services)
// and how fast the practice outbox takes and stores messages from a pooled SMTP client.
import { resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { systemClock } from '../../electron/services/clock';
import { openPracticeWorkspace } from '../../electron/services/practice/practice-mode';
import { tempDir } from '../helpers/tmp';
import type { Report } from './report';

const MESSAGES = 500;

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-bench-practice-');
  try {
    const t0 = performance.now();
    const ws = await openPracticeWorkspace({ dataDir: t.dir, sampleDir: resolve('resources/sample'), clock: systemClock });
    report('practice_open_first_ms', performance.now() - t0, 'ms');
    const tr = nodemailer.createTransport({ host: ws.outbox.host, port: ws.outbox.port, ignoreTLS: true, pool: true, maxConnections: 2 });
    try {
      const t1 = performance.now();
      await Promise.all(
        Array.from({ length: MESSAGES }, (_, i) =>
          tr.sendMail({
            from: { name: 'さくらハイツ管理組合', address: 'jimukyoku@sakura-heights.example' },
            to: { name: `会員 ${i}`, address: `member${i}@mail.example` },
            subject: `【さくらハイツ管理組合】定期総会のお知らせ（${i}号室）`,
            text: 'いつもお世話になっております。\n'.repeat(40),
          }),
        ),
      );
      report('practice_outbox_msgs_per_s', MESSAGES / ((performance.now() - t1) / 1000), 'msg/s');
      const t2 = performance.now();
      ws.outbox.list();
      report('practice_outbox_list_ms', performance.now() - t2, 'ms');
    } finally {
      tr.close();
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
}
