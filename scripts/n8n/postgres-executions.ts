/**
 * What n8n recorded about executions, read from its PostgreSQL database: status and mode, and the
 * run data (which n8n stores in the `flatted` format; parsed with the copy n8n ships).
 */
import { parseStoredExecutionData } from './database';
import { queryPostgres, type PostgresConnection } from './services';
import { sleep } from './util';

export interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
	/** The stored run data as text; only when asked for. */
	data?: string;
}

const UNSETTLED = ['new', 'running', 'waiting'];

export async function executionsOf(connection: PostgresConnection, workflowId: string, options: { withData?: boolean } = {}): Promise<ExecutionRow[]> {
	const rows = await queryPostgres(
		connection,
		options.withData
			? `SELECT e.id, e.status, e.mode, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1 ORDER BY e.id`
			: `SELECT e.id, e.status, e.mode FROM execution_entity e WHERE e."workflowId" = $1 ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => ({ id: String(row.id), status: String(row.status), mode: String(row.mode), ...(options.withData ? { data: String(row.data ?? '') } : {}) }));
}

/** Waits until n8n has `expected` settled executions of the workflow (or the time is up), then a moment longer for any extra. */
export async function waitForExecutions(connection: PostgresConnection, workflowId: string, expected: number, timeoutMs: number, options: { withData?: boolean } = {}): Promise<ExecutionRow[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await executionsOf(connection, workflowId);
		const settled = rows.every((row) => !UNSETTLED.includes(row.status));
		if ((settled && rows.length >= expected) || Date.now() > deadline) {
			await sleep(2000);
			return await executionsOf(connection, workflowId, options);
		}
		await sleep(500);
	}
}

export interface RunData {
	resultData?: {
		runData?: Record<string, Array<{ executionTime?: number; executionStatus?: string; error?: { message?: string }; data?: { main?: Array<unknown[] | null> } }>>;
	};
}

/** One execution's stored run data, parsed; an empty object when n8n stored none. */
async function storedRunData(connection: PostgresConnection, executionId: string): Promise<RunData> {
	const [row] = await queryPostgres(connection, 'SELECT data FROM execution_data WHERE "executionId" = $1', [executionId]);
	return parseRunData(String(row?.data ?? ''));
}

/** n8n's stored run data (the `flatted` text of execution_data.data, in any database), parsed with the copy n8n ships. */
export function parseRunData(text: string): RunData {
	if (text === '') return {};
	return (parseStoredExecutionData(text) ?? {}) as RunData;
}

/** Each named node's executionTime (ms) in one execution's run data. */
export async function nodeRunTimes(connection: PostgresConnection, executionId: string, nodeNames: string[]): Promise<Record<string, number>> {
	return nodeTimesOf(await storedRunData(connection, executionId), executionId, nodeNames);
}

/** Each named node's executionTime (ms) in parsed run data. */
export function nodeTimesOf(data: RunData, executionId: string, nodeNames: string[]): Record<string, number> {
	const times: Record<string, number> = {};
	for (const name of nodeNames) {
		const time = data.resultData?.runData?.[name]?.[0]?.executionTime;
		if (typeof time !== 'number') throw new Error(`execution ${executionId} has no run of "${name}"`);
		times[name] = time;
	}
	return times;
}

export interface RecordedNodeRun {
	/** n8n's executionStatus of the run ('success', 'crashed', …). */
	status: string;
	/** Items on the node's first output. */
	outputItems: number;
	error?: string;
}

/** The last run n8n recorded of each node of an execution. */
export async function recordedNodeRuns(connection: PostgresConnection, executionId: string): Promise<Record<string, RecordedNodeRun>> {
	const runData = (await storedRunData(connection, executionId)).resultData?.runData ?? {};
	return Object.fromEntries(
		Object.entries(runData).map(([name, runs]) => {
			const run = runs[runs.length - 1] ?? {};
			const recorded: RecordedNodeRun = { status: String(run.executionStatus ?? 'unknown'), outputItems: run.data?.main?.[0]?.length ?? 0 };
			if (run.error?.message) recorded.error = run.error.message;
			return [name, recorded];
		}),
	);
}
