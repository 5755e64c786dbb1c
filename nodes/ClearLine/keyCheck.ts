import { failed, keyCheckWithoutSending, passed, unreadableAnswer } from '../../lib/credential-test';
import { readWebAddress } from '../../lib/inputs';
import { clearLineBaseUrl, PROVIDER_NAME } from './transport';

/**
 * The ClearLine API credential's test: the send with an empty body. ClearLine checks the key before
 * the body (docs/providers/clearline.md), so a refused key gets 401 or 403, and an accepted one gets
 * 400 for the missing phone number and message: nothing can be sent.
 */
export const testClearLineKey = keyCheckWithoutSending({
	providerName: PROVIDER_NAME,
	request(credential) {
		const base = readWebAddress(clearLineBaseUrl(credential));
		if (base === undefined) return { unusableField: 'Base URL' };
		return { url: `${base.replace(/\/+$/, '')}/MessageSender/sms`, headers: { ApiKey: String(credential.apiKey ?? '') }, body: {} };
	},
	readAnswer(answer) {
		if (answer.statusCode === 401 || answer.statusCode === 403) {
			return failed(`ClearLine refused the API key (HTTP ${answer.statusCode}): check the key, and that it belongs to the chosen environment`);
		}
		if (answer.statusCode === 400) return passed('ClearLine accepted the key; nothing was sent (the test posts a message without a phone number)');
		return unreadableAnswer(PROVIDER_NAME, answer);
	},
});
