// Repository for test_addresses: the organisation's own addresses a test send may go to.
import type { Db } from '../connection';

export interface TestAddress {
  readonly address: string;
  readonly addedBy: string | null;
  readonly addedAt: number;
}

interface TestAddressRow {
  address: string;
  added_by: string | null;
  added_at: number;
}

const rowToTestAddress = (r: TestAddressRow): TestAddress => ({ address: r.address, addedBy: r.added_by, addedAt: r.added_at });

export function listTestAddresses(db: Db): TestAddress[] {
  return (db.prepare('SELECT * FROM test_addresses ORDER BY address').all() as TestAddressRow[]).map(rowToTestAddress);
}

/** Case-insensitive (the column's collation), as mail servers treat the domain part. */
export function isTestAddress(db: Db, address: string): boolean {
  return db.prepare('SELECT 1 FROM test_addresses WHERE address = ?').get(address) !== undefined;
}

/** Returns false when the address was already registered. */
export function insertTestAddress(db: Db, t: { address: string; addedBy: string | null }, now: number): boolean {
  return db.prepare('INSERT OR IGNORE INTO test_addresses (address, added_by, added_at) VALUES (?, ?, ?)').run(t.address, t.addedBy, now).changes > 0;
}

export function deleteTestAddress(db: Db, address: string): boolean {
  return db.prepare('DELETE FROM test_addresses WHERE address = ?').run(address).changes > 0;
}
