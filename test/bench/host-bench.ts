// The browser host's overhead: a CSV upload through HTTP (bytes as base64 JSON) into a real
// import, and the round trip of a small call (members:page, 100 rows) through token/Origin
// checks, schema parsing, the handler and JSON encoding.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeWire, decodeWire } from '../../shared/contract/wire';
import { startBrowserHost } from '../../electron/browser-host/browser-host';
import { tempDir } from '../helpers/tmp';
import type { Report } from './report';

const ROWS = 20_000;
const CALLS = 300;

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-bench-');
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head></html>');
  const host = await startBrowserHost({ dataDir: join(t.dir, 'data'), rendererDir, log: () => undefined });
  const origin = host.url.replace(/\/$/, '');
  const invoke = async (channel: string, args: unknown) => {
    const res = await fetch(`${origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-tayori-token': host.token },
      body: encodeWire(args),
    });
    const r = decodeWire(await res.text()) as { ok: boolean; value: unknown; error?: unknown };
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  try {
    const user = (await invoke('users:create', { actorId: null, name: 'bench', pin: '482619' })) as { id: number };
    const lines = ['id,name,email'];
    for (let i = 0; i < ROWS; i++) lines.push(`${i},Member ${i},member${i}@example${i % 97}.jp`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    let t0 = performance.now();
    const result = (await invoke('import:run', { actorId: user.id, listName: 'bench', fileName: 'b.csv', bytes })) as { listId: number };
    report('host.import_20k_rows_over_http', performance.now() - t0, 'ms');
    report('host.upload_bytes', bytes.length, 'bytes');

    t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await invoke('members:page', { listId: result.listId, offset: (i * 100) % ROWS, limit: 100 });
    report('host.members_page_100_roundtrip', (performance.now() - t0) / CALLS, 'ms/call');
  } finally {
    await host.close();
    t.cleanup();
  }
}
