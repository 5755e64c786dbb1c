import { failed, keyCheckWithoutSending, passed, unreadableAnswer } from '../../lib/credential-test';
import { readWebAddress } from '../../lib/inputs';
import { DEFAULT_BASE_URL, PROVIDER_NAME } from './transport';

/**
 * The Amigo API credential's test: the send with an empty body. Amigo checks the key before the
 * body (docs/providers/amigo.md), so a refused key gets 401 (403: the key may not send SMS), and an
 * accepted one gets 422 listing the missing fields: nothing can be sent.
 */
export const testAmigoKey = keyCheckWithoutSending({
	providerName: PROVIDER_NAME,
	request(credential) {
		const base = readWebAddress(String(credential.baseUrl ?? DEFAULT_BASE_URL));
		if (base === undefined) return { unusableField: 'Base URL' };
		return { url: `${base.replace(/\/+$/, '')}/v1/sms/`, headers: { Authorization: `Bearer ${String(credential.apiKey ?? '')}` }, body: {} };
	},
	readAnswer(answer) {
		if (answer.statusCode === 401) return failed('Amigo refused the API key (HTTP 401): use a current workspace API key for the Base URL of your region');
		if (answer.statusCode === 403) return failed('Amigo knows the key but does not allow it to send SMS (HTTP 403): use a key whose role may send');
		const detail = (answer.body as { detail?: unknown } | null)?.detail;
		if (answer.statusCode === 422 && Array.isArray(detail)) {
			return passed('Amigo accepted the key; nothing was sent (the test posts a message without a use case, recipient or text)');
		}
		return unreadableAnswer(PROVIDER_NAME, answer);
	},
});
