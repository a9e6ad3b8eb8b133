// The practice workspace: its own SQLite file under <dataDir>/practice, the built-in outbox and
// the sample data, so a rehearsal never touches the real lists, accounts or mail server.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/repos/settings-repo';
import type { Clock } from '../clock';
import { startPracticeOutbox, type PracticeOutbox } from './outbox-server';
import { realSeedServices } from './practice-services';
import { seedPractice, type PracticeSeed, type PracticeSeedServices } from './practice-seed';
import { deletePracticeSecrets } from './practice-secrets';
import type { SecretStore } from '../secrets/secret-store';

export { PRACTICE_USERS } from './practice-seed';

interface PracticePaths {
  /** <dataDir>/practice: everything practice mode writes, and nothing else. */
  readonly dir: string;
  readonly dbFile: string;
  readonly outboxDir: string;
}

function practicePaths(dataDir: string): PracticePaths {
  const dir = join(resolve(dataDir), 'practice');
  return { dir, dbFile: join(dir, 'tayori-practice.db'), outboxDir: join(dir, 'outbox') };
}

export interface PracticeWorkspace {
  readonly paths: PracticePaths;
  /** The practice database; never the real one. */
  readonly db: Db;
  readonly outbox: PracticeOutbox;
  readonly seed: PracticeSeed;
  close(): Promise<void>;
}

export interface OpenPracticeOptions {
  readonly dataDir: string;
  /** Folder holding members.csv and notice.json (resources/sample, or the packaged copy). */
  readonly sampleDir: string;
  readonly clock: Clock;
  /** Outbox port; by default the one used last time if free, else any free port. */
  readonly outboxPort?: number;
  /** The real database file, when known: refused if it is the practice file (belt and braces). */
  readonly realDbFile?: string;
  /** The services seeding goes through; the app's real ones by default. */
  readonly services?: (db: Db, clock: Clock) => PracticeSeedServices;
}

/** Practice folders with a workspace open in this process; deleting one of them is refused. */
const openDirs = new Set<string>();
const PORT_KEY = 'practice.outboxPort';

async function startOutbox(db: Db, outboxDir: string, clock: Clock, port?: number): Promise<PracticeOutbox> {
  if (port !== undefined) return startPracticeOutbox({ dir: outboxDir, port, clock });
  const last = readSetting(db, PORT_KEY);
  // A stable port keeps the practice profile (part of an approval's digest) unchanged between runs.
  if (last) {
    try {
      return await startPracticeOutbox({ dir: outboxDir, port: Number(last), clock });
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict')) throw e;
    }
  }
  const outbox = await startPracticeOutbox({ dir: outboxDir, port: 0, clock });
  writeSetting(db, PORT_KEY, String(outbox.port));
  return outbox;
}

export async function openPracticeWorkspace(options: OpenPracticeOptions): Promise<PracticeWorkspace> {
  const paths = practicePaths(options.dataDir);
  if (options.realDbFile !== undefined && resolve(options.realDbFile) === paths.dbFile) {
    throw new AppError('practice-only', 'The practice database must not be the real database.');
  }
  if (openDirs.has(paths.dir)) throw new AppError('conflict', 'Practice mode is already open.');
  openDirs.add(paths.dir);
  let db: Db | undefined;
  let outbox: PracticeOutbox | undefined;
  try {
    mkdirSync(paths.dir, { recursive: true });
    db = openDatabase(paths.dbFile);
    outbox = await startOutbox(db, paths.outboxDir, options.clock, options.outboxPort);
    const services = (options.services ?? realSeedServices)(db, options.clock);
    const seed = await seedPractice({ db, clock: options.clock, sampleDir: options.sampleDir, outbox, services });
    const [theDb, theOutbox] = [db, outbox];
    let closing: Promise<void> | undefined;
    return {
      paths,
      db: theDb,
      outbox: theOutbox,
      seed,
      close() {
        closing ??= theOutbox.close().finally(() => {
          theDb.close();
          openDirs.delete(paths.dir);
        });
        return closing;
      },
    };
  } catch (e) {
    await outbox?.close();
    db?.close();
    openDirs.delete(paths.dir);
    throw e;
  }
}

/** Whether there is practice data on disk (for "delete practice data"). */
export function hasPracticeData(dataDir: string): boolean {
  return existsSync(practicePaths(dataDir).dir);
}

/**
 * Removes <dataDir>/practice entirely: database, WAL files and the outbox, and (given the real
 * secret store) every secret practice kept in it. Pass the open workspace to have it closed
 * first; deleting under an open workspace is refused.
 */
export async function deletePracticeData(dataDir: string, workspace?: PracticeWorkspace, secrets?: SecretStore): Promise<void> {
  const paths = practicePaths(dataDir);
  if (workspace) {
    if (workspace.paths.dir !== paths.dir) throw new AppError('validation', 'That workspace belongs to another folder.');
    await workspace.close();
  }
  if (openDirs.has(paths.dir)) throw new AppError('conflict', 'Leave practice mode before deleting its data.');
  if (secrets) await deletePracticeSecrets(secrets, paths.dbFile);
  rmSync(paths.dir, { recursive: true, force: true });
}
