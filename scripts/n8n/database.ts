/**
 * Reading n8n's own database, `<userFolder>/.n8n/database.sqlite`, read-only: what n8n recorded
 * about workflows and executions. sqlite3 comes with n8n, so no dependency is needed for it; it
 * is loaded from the cached n8n install. An n8n line on another Node.js (lines.ts) has a sqlite3
 * built for that Node, which this process cannot load: the query then runs in a child process on
 * that runtime.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ensureN8n, n8nPackageDir } from './install';
import type { N8nLine } from './lines';
import { runOrThrow } from './util';

export type SqliteRow = Record<string, unknown>;

interface Sqlite3 {
	Database: new (file: string, mode: number, callback: (error: Error | null) => void) => SqliteDatabase;
	OPEN_READONLY: number;
	OPEN_READWRITE: number;
}

interface SqliteDatabase {
	all(sql: string, params: unknown[], callback: (error: Error | null, rows: SqliteRow[]) => void): void;
	exec(sql: string, callback: (error: Error | null) => void): void;
	close(callback: () => void): void;
}

/** An execution's data as n8n stores it (`execution_data.data`, written with `flatted`, which comes with n8n). */
export function parseStoredExecutionData(text: string): unknown {
	const flatted = createRequire(path.join(n8nPackageDir(), 'package.json'))('flatted') as { parse(text: string): unknown };
	return flatted.parse(text);
}

/** Runs one read-only query against `<userFolder>/.n8n/database.sqlite` of the given line's n8n (2.8 unless given). */
export async function queryN8nDatabase(userFolder: string, sql: string, params: unknown[] = [], line?: N8nLine): Promise<SqliteRow[]> {
	const installation = await ensureN8n(line);
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(file)) throw new Error(`n8n has no database yet at ${file}`);
	const packageJson = path.join(n8nPackageDir(installation.line), 'package.json');
	if (installation.runtime.nodeBin === process.execPath) {
		return await queryWith(createRequire(packageJson)('sqlite3') as Sqlite3, file, sql, params);
	}
	const query = JSON.stringify({ packageJson, file, sql, params });
	const { stdout } = await runOrThrow(installation.runtime.nodeBin, ['-e', QUERY_IN_CHILD_PROCESS, query], userFolder);
	return JSON.parse(stdout) as SqliteRow[];
}

/**
 * Holds the write lock of n8n 2.8's database (another writer's open transaction, as a backup tool
 * or a second process would), so that every write n8n tries fails at once: n8n sets no busy timeout
 * on SQLite. Reads go on (WAL). Returns the function that releases it.
 */
export async function lockN8nDatabaseForWriting(userFolder: string): Promise<() => Promise<void>> {
	const installation = await ensureN8n();
	const sqlite3 = createRequire(path.join(n8nPackageDir(installation.line), 'package.json'))('sqlite3') as Sqlite3;
	const db = await openDatabase(sqlite3, path.join(userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READWRITE);
	const exec = async (sql: string) => await new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
	await exec('BEGIN IMMEDIATE');
	return async () => {
		await exec('ROLLBACK');
		await closeDatabase(db);
	};
}

async function openDatabase(sqlite3: Sqlite3, file: string, mode: number): Promise<SqliteDatabase> {
	return await new Promise<SqliteDatabase>((resolve, reject) => {
		const opened: SqliteDatabase = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(opened)));
	});
}

async function closeDatabase(db: SqliteDatabase): Promise<void> {
	await new Promise<void>((resolve) => db.close(() => resolve()));
}

async function queryWith(sqlite3: Sqlite3, file: string, sql: string, params: unknown[]): Promise<SqliteRow[]> {
	const db = await openDatabase(sqlite3, file, sqlite3.OPEN_READONLY);
	try {
		return await new Promise<SqliteRow[]>((resolve, reject) => {
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
		});
	} finally {
		await closeDatabase(db);
	}
}

/** The same query as queryWith, as the source of `node -e` on the other runtime: the rows as JSON on stdout. */
const QUERY_IN_CHILD_PROCESS = `
const { packageJson, file, sql, params } = JSON.parse(process.argv[1]);
const sqlite3 = require('node:module').createRequire(packageJson)('sqlite3');
const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openError) => {
	if (openError) throw openError;
	db.all(sql, params, (error, rows) => {
		if (error) throw error;
		db.close(() => process.stdout.write(JSON.stringify(rows)));
	});
});
`;
