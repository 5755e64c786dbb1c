/**
 * Reading n8n's own database, `<userFolder>/.n8n/database.sqlite`, read-only: what n8n recorded
 * about workflows and executions. sqlite3 comes with n8n, so no dependency is needed for it; it
 * is loaded from the cached n8n install.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ensureN8n, n8nPackageDir } from './install';

export type SqliteRow = Record<string, unknown>;

/** Runs one read-only query against `<userFolder>/.n8n/database.sqlite`. */
export async function queryN8nDatabase(userFolder: string, sql: string, params: unknown[] = []): Promise<SqliteRow[]> {
	await ensureN8n();
	const requireFromN8n = createRequire(path.join(n8nPackageDir(), 'package.json'));
	const sqlite3 = requireFromN8n('sqlite3') as {
		Database: new (file: string, mode: number, callback: (error: Error | null) => void) => SqliteDatabase;
		OPEN_READONLY: number;
	};
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(file)) throw new Error(`n8n has no database yet at ${file}`);
	const db = await new Promise<SqliteDatabase>((resolve, reject) => {
		const opened: SqliteDatabase = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		return await new Promise<SqliteRow[]>((resolve, reject) => {
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
		});
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}

interface SqliteDatabase {
	all(sql: string, params: unknown[], callback: (error: Error | null, rows: SqliteRow[]) => void): void;
	close(callback: () => void): void;
}
