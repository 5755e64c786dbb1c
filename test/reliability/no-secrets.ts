import { SANDBOX_KEYS } from '../../sandbox/keys';

/** A field of SANDBOX_KEYS that holds a secret, told by its name. */
const SECRET_FIELD = /key|token|secret|password/i;

/**
 * Every secret the sandbox credentials hold (API keys, tokens), for every provider in SANDBOX_KEYS.
 * Usernames, IDs and plan IDs are not secrets and may appear in outputs.
 */
export const SANDBOX_SECRETS: readonly string[] = [
	...Object.values(SANDBOX_KEYS).flatMap((keys) =>
		Object.entries(keys)
			.filter(([field]) => SECRET_FIELD.test(field))
			.map(([, value]) => value),
	),
	// HTTP Basic sends username:apiKey in base64; an echoed Authorization header would carry this.
	Buffer.from(`${SANDBOX_KEYS.clicksend.username}:${SANDBOX_KEYS.clicksend.apiKey}`).toString('base64'),
];

/** Everything a test saw (outputs, error messages, descriptions, details), flattened to one text. */
export function textOf(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (inner instanceof Error) {
			return { ...inner, message: inner.message, description: (inner as { description?: unknown }).description, stack: inner.stack };
		}
		if (typeof inner === 'object' && inner !== null) {
			if (seen.has(inner)) return '[seen]';
			seen.add(inner);
		}
		return inner;
	}) ?? '';
}

/** The secrets that appear in the value; a test expects this to be empty. */
export function secretsIn(value: unknown): string[] {
	const text = textOf(value);
	return SANDBOX_SECRETS.filter((secret) => text.includes(secret));
}
