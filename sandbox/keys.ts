/**
 * Keys the sandbox accepts. They are fake, valid only against the sandbox, and shared by the
 * tests, `npm start` (which creates n8n credentials with them) and the benchmark.
 */
export const SANDBOX_KEYS = {
	amigo: { apiKey: 'sandbox-amigo-key', useCaseId: '11111111-1111-4111-8111-111111111111' },
	clearline: { apiKey: 'sandbox-clearline-key' },
	clicksend: { username: 'sandbox-user', apiKey: 'sandbox-clicksend-key' },
	skycore: { apiKey: 'sandbox-skycore-key' },
	smscpr: { token: 'sandbox-smscpr-token', servicePlanId: '65f1c0de2b9a4e7d8c3f0a11' },
} as const;

/** Default port of `npm run sandbox` and `npm start` (n8n uses 5678, its task broker 5679). */
export const DEFAULT_SANDBOX_PORT = 5690;
