import { failed, keyCheckWithoutSending, passed, unreadableAnswer } from '../../lib/credential-test';
import { readWebAddress } from '../../lib/inputs';
import { explainSkycoreFailure, readSkycoreFailure } from './errors';
import { PROVIDER_NAME } from './transport';

/** Codes for the fields the test leaves out (receiver, sender, text): Skycore read the request past the key. */
const MISSING_FIELD_CODES = new Set(['E110', 'E111', 'E201', 'E712']);

/**
 * The Skycore API credential's test: `sendsms` without a receiver, sender or text. Skycore checks the
 * key before the message (docs/providers/skycore.md), so a refused key gets E100–E109, and an
 * accepted one a code for a missing field: nothing can be sent.
 */
export const testSkycoreKey = keyCheckWithoutSending({
	providerName: PROVIDER_NAME,
	request(credential) {
		// Posted to the endpoint URL exactly as typed, like every Skycore request (transport.ts).
		const endpoint = readWebAddress(String(credential.endpointUrl ?? ''));
		if (endpoint === undefined) return { unusableField: 'API Endpoint URL' };
		return { url: endpoint, headers: { 'x-api-key': String(credential.apiKey ?? '') }, body: { action: 'sendsms' } };
	},
	readAnswer(answer) {
		const failure = readSkycoreFailure(answer.body);
		if (!failure) return unreadableAnswer(PROVIDER_NAME, answer);
		if (MISSING_FIELD_CODES.has(failure.code)) {
			return passed(`Skycore accepted the key; nothing was sent (the test asks to send without a receiver, and Skycore answered ${failure.code})`);
		}
		const explained = explainSkycoreFailure(failure);
		return failed(`${explained.message}: ${explained.description}`);
	},
});
