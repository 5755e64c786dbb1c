import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Duplicate memory of the triggers: which provider events a trigger has already started a
 * workflow for, so that a provider's retry of the same event starts nothing.
 *
 * n8n gives webhook nodes one store that survives a restart, the workflow's static data, and it
 * is a poor fit: every request works on the copy that was loaded when it arrived, and n8n writes
 * the whole copy back after the node answers, so concurrent requests overwrite each other's
 * additions (see docs/triggers.md). The memory therefore lives in two places:
 * - in this process, per trigger and per kind of URL (test or production): the authority, checked
 *   and updated synchronously, so two deliveries at the same moment cannot both pass;
 * - in the node's static data, the latest PERSISTED_EVENTS fingerprints as one short string. Its
 *   value serializes the process's memory at the moment n8n writes it, so whichever write lands
 *   last holds every event this process had accepted by then, not just its own request's.
 * After a restart the process memory starts from the saved fingerprints.
 */

/** Events remembered per trigger in this process. */
export const REMEMBERED_EVENTS = 5000;

/**
 * Events kept in the workflow's static data. n8n rewrites the whole static data after each
 * accepted event, so this bounds what one event costs the database (about 3 KB).
 */
export const PERSISTED_EVENTS = 400;

/** Triggers (workflow × node × test/production) with a memory in this process at once. */
const MAX_SCOPES = 64;

/**
 * Characters of an event key's fingerprint: 48 bits of SHA-256, so two different keys among a
 * trigger's remembered events share one with a chance of about one in ten million.
 */
const FINGERPRINT_LENGTH = 8;

/** Where the fingerprints live in the node's static data. */
const STATIC_DATA_FIELD = 'recentEventFingerprints';
/** What earlier versions kept (the keys themselves, up to 5,000): read once, then dropped. */
const LEGACY_STATIC_DATA_FIELD = 'recentEvents';

export function eventFingerprint(eventKey: string): string {
	return createHash('sha256').update(eventKey).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

function addBounded(set: Set<string>, value: string): void {
	set.add(value);
	if (set.size > REMEMBERED_EVENTS) set.delete(set.values().next().value as string);
}

/** One trigger's memory in this process: fingerprints in the order they were first seen. */
class RecentEvents {
	private readonly seen = new Set<string>();
	/**
	 * Events taken back because n8n did not run them. A save made while such an event was still
	 * pending may hold it, so reading saved fingerprints must not bring it back.
	 */
	private readonly withdrawn = new Set<string>();

	has(fingerprint: string): boolean {
		return this.seen.has(fingerprint);
	}

	add(fingerprint: string): void {
		if (this.seen.has(fingerprint)) return;
		this.withdrawn.delete(fingerprint);
		addBounded(this.seen, fingerprint);
	}

	/** What another save holds: known unless this process took it back. */
	addSaved(fingerprint: string): void {
		if (!this.withdrawn.has(fingerprint)) this.add(fingerprint);
	}

	withdraw(fingerprint: string): void {
		this.seen.delete(fingerprint);
		addBounded(this.withdrawn, fingerprint);
	}

	/** The newest `count` fingerprints, oldest first, as one string. */
	latest(count: number): string {
		const all = [...this.seen];
		return all.slice(Math.max(0, all.length - count)).join('');
	}
}

const scopes = new Map<string, RecentEvents>();

function memoryOf(scope: string): RecentEvents {
	let memory = scopes.get(scope);
	if (memory) {
		// Most recently used last, so that the scope evicted below is the one idle longest.
		scopes.delete(scope);
	} else {
		memory = new RecentEvents();
		if (scopes.size >= MAX_SCOPES) scopes.delete(scopes.keys().next().value as string);
	}
	scopes.set(scope, memory);
	return memory;
}

/** Test URLs (the editor's "Listen for test event") and production URLs never share a memory. */
function isTestWebhook(context: IWebhookFunctions): boolean {
	return context.getMode() === 'manual';
}

function scopeOf(context: IWebhookFunctions): string {
	const node = context.getNode();
	const kind = isTestWebhook(context) ? 'test' : 'production';
	return `${context.getWorkflow().id ?? ''}:${node.id ?? node.name}:${kind}`;
}

/** Fingerprints saved by this process or another one, including before a restart. */
function savedFingerprints(staticData: IDataObject): string[] {
	const fingerprints: string[] = [];
	const saved = staticData[STATIC_DATA_FIELD];
	if (typeof saved === 'string') {
		for (let start = 0; start + FINGERPRINT_LENGTH <= saved.length; start += FINGERPRINT_LENGTH) {
			fingerprints.push(saved.slice(start, start + FINGERPRINT_LENGTH));
		}
	}
	const legacy = staticData[LEGACY_STATIC_DATA_FIELD];
	if (Array.isArray(legacy)) {
		for (const key of legacy.slice(-PERSISTED_EVENTS)) if (typeof key === 'string') fingerprints.push(eventFingerprint(key));
	}
	return fingerprints;
}

/**
 * True when this trigger has already accepted an event with this key (e.g. message ID + status);
 * remembers the key otherwise. The same key at a test URL and at a production URL counts once at
 * each, and a test URL's memory is never saved.
 */
export function isDuplicateEvent(context: IWebhookFunctions, eventKey: string): boolean {
	const memory = memoryOf(scopeOf(context));
	const staticData = isTestWebhook(context) ? undefined : context.getWorkflowStaticData('node');
	if (staticData) for (const fingerprint of savedFingerprints(staticData)) memory.addSaved(fingerprint);

	const fingerprint = eventFingerprint(eventKey);
	if (memory.has(fingerprint)) return true;
	memory.add(fingerprint);

	if (staticData) {
		delete staticData[LEGACY_STATIC_DATA_FIELD];
		// Assigning (rather than changing in place) marks the static data as changed, so n8n saves
		// it; toJSON makes that save carry the memory as it is when the save happens.
		staticData[STATIC_DATA_FIELD] = { toJSON: () => memory.latest(PERSISTED_EVENTS) } as unknown as IDataObject;
	}
	return false;
}

/**
 * Takes back an event `isDuplicateEvent` accepted once n8n answers the request with a server
 * error: n8n could not start its execution (e.g. its database or queue was down), and the
 * provider's retry of the event must run. A dropped connection does not count: the execution
 * may exist, and running the retry could run the event twice.
 */
export function forgetEventIfNotStarted(context: IWebhookFunctions, eventKey: string): void {
	const response = context.getResponseObject();
	const scope = scopeOf(context);
	response.once('finish', () => {
		if (response.statusCode >= 500) memoryOf(scope).withdraw(eventFingerprint(eventKey));
	});
}
