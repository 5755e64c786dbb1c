/**
 * Keys the sandbox accepts. They are fake, valid only against the sandbox, and shared by the
 * tests, `npm start` (which creates n8n credentials with them) and the benchmark.
 */
export const SANDBOX_KEYS = {
	clearline: { apiKey: 'sandbox-clearline-key' },
} as const;

/** Default port of `npm run sandbox` and `npm start` (n8n uses 5678, its task broker 5679). */
export const DEFAULT_SANDBOX_PORT = 5690;
