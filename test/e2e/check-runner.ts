/**
 * The check runner of the scripts that drive a real n8n (the e2e run, the queue-mode run): one
 * line per check, and a check whose prerequisites did not pass is skipped, not failed again.
 */
import { formatDuration } from '../../scripts/n8n/util';

export type CheckOutcome = 'passed' | 'failed' | 'skipped';

export interface CheckRunner {
	check(name: string, needs: string[], body: () => Promise<string | void>): Promise<void>;
	/** Counts a failure outside any check (the run itself). */
	fail(what: string, error: unknown): void;
	passed(): number;
	failed(): number;
	skipped(): number;
}

/** `label` goes in front of every name printed (the compat run: the n8n version the check ran on). */
export function createCheckRunner(label = ''): CheckRunner {
	const outcomes = new Map<string, CheckOutcome>();
	let passed = 0;
	let failed = 0;
	return {
		async check(name, needs, body) {
			const missing = needs.filter((need) => outcomes.get(need) !== 'passed');
			if (missing.length > 0) {
				outcomes.set(name, 'skipped');
				console.log(`skip  ${label}${name} (needs: ${missing.join('; ')})`);
				return;
			}
			const startedAt = Date.now();
			try {
				const detail = await body();
				outcomes.set(name, 'passed');
				passed++;
				console.log(`ok    ${label}${name}${detail ? ` – ${detail}` : ''} (${formatDuration(Date.now() - startedAt)})`);
			} catch (error) {
				outcomes.set(name, 'failed');
				failed++;
				console.log(`FAIL  ${label}${name} (${formatDuration(Date.now() - startedAt)})\n${indent(describeError(error))}`);
			}
		},
		fail(what, error) {
			failed++;
			console.log(`FAIL  ${label}${what}\n${indent(describeError(error))}`);
		},
		passed: () => passed,
		failed: () => failed,
		skipped: () => [...outcomes.values()].filter((outcome) => outcome === 'skipped').length,
	};
}

export function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

export function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');
}
