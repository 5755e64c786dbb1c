import { SANDBOX_KEYS } from '../../keys';
import type { ProviderRoute } from '../../provider';
import type { ProviderActionResult } from '../../types';
import { paginate, success } from './envelope';
import type { ClickSendState } from './state';

/** The one sandbox account: ids that appear in messages, receipts and inbound payloads. */
export const CLICKSEND_ACCOUNT = {
	userId: 100001,
	subaccountId: 100001,
	username: SANDBOX_KEYS.clicksend.username,
	email: 'sandbox@example.com',
	defaultCountry: 'AU',
	/** What a message without `from` is sent from: ClickSend's shared number pool. */
	sharedNumber: '+61447254068',
};

export const CLICKSEND_CURRENCY = {
	currency_name_short: 'AUD',
	currency_prefix_d: '$',
	currency_prefix_c: 'c',
	currency_name_long: 'Australian Dollars',
};

/** Sender choices for a dropdown; the first dedicated number is where simulated replies arrive by default. */
export const CLICKSEND_DEDICATED_NUMBERS = ['+61411000100', '+61411000200'];
export const CLICKSEND_OWN_NUMBERS = ['+61400111222'];
export const CLICKSEND_ALPHA_TAGS = ['SandboxCo'];

/** What /numbers, /own-numbers and /alpha-tags list: the constants above until the `senders` action replaces a list. */
export interface ClickSendSenders {
	dedicatedNumbers: string[];
	ownNumbers: string[];
	alphaTags: string[];
}

export function defaultSenders(): ClickSendSenders {
	return { dedicatedNumbers: [...CLICKSEND_DEDICATED_NUMBERS], ownNumbers: [...CLICKSEND_OWN_NUMBERS], alphaTags: [...CLICKSEND_ALPHA_TAGS] };
}

/**
 * `POST /_sandbox/clicksend/senders { dedicatedNumbers?, ownNumbers?, alphaTags? }`: replaces the
 * lists given (each an array of strings), e.g. an account with more senders than one page holds.
 */
export function setSenders(state: ClickSendState, payload: unknown): ProviderActionResult {
	const input = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
	const lists = ['dedicatedNumbers', 'ownNumbers', 'alphaTags'] as const;
	for (const name of lists) {
		const list = input[name];
		if (list !== undefined && !(Array.isArray(list) && list.every((entry) => typeof entry === 'string' && entry !== ''))) {
			return { status: 400, body: { error: `${name} must be an array of non-empty strings` } };
		}
	}
	for (const name of lists) if (input[name] !== undefined) state.senders[name] = [...(input[name] as string[])];
	return { status: 200, body: structuredClone(state.senders) };
}

export function accountRoutes(state: ClickSendState): ProviderRoute[] {
	return [
		{ method: 'GET', path: '/account', handle: () => success("Here's your account", accountDetails()) },
		{
			method: 'GET',
			path: '/numbers',
			handle: (request) => success('Here are your dedicated numbers.', paginate(state.senders.dedicatedNumbers.map(dedicatedNumber), request)),
		},
		{
			method: 'GET',
			path: '/own-numbers',
			handle: (request) => success('Here are your own numbers.', paginate(state.senders.ownNumbers.map(ownNumber), request)),
		},
		{
			method: 'GET',
			path: '/alpha-tags',
			handle: (request) => success('Here are your alpha tags.', paginate(state.senders.alphaTags.map(alphaTag), request)),
		},
	];
}

function accountDetails() {
	return {
		user_id: CLICKSEND_ACCOUNT.userId,
		subaccount_id: CLICKSEND_ACCOUNT.subaccountId,
		username: CLICKSEND_ACCOUNT.username,
		user_email: CLICKSEND_ACCOUNT.email,
		user_phone: '+61411111111',
		user_first_name: 'Sandbox',
		user_last_name: 'User',
		account_name: 'SMS Gateways Sandbox',
		active: 1,
		banned: 0,
		balance: '100.0000',
		country: CLICKSEND_ACCOUNT.defaultCountry,
		default_country_sms: CLICKSEND_ACCOUNT.defaultCountry,
		timezone: 'Australia/Melbourne',
		_currency: CLICKSEND_CURRENCY,
	};
}

function dedicatedNumber(number: string) {
	return { dedicated_number: number, country: 'AU', _country_name: 'Australia', price_total: '25.0000' };
}

function ownNumber(number: string, index: number) {
	return { own_number_id: index + 1, phone_number: number, country: 'AU', verified: 1 };
}

function alphaTag(tag: string, index: number) {
	return { alpha_tag_id: index + 1, user_id: CLICKSEND_ACCOUNT.userId, alpha_tag: tag, status: 'approved', reason: null };
}
