import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS } from '../../sandbox/keys';
import type { RequestLogEntry, Sandbox } from '../../sandbox/server';
import type { ProviderName } from '../../sandbox/types';
import type { WorkflowRunResult } from '../harness';
import { runAmigoSend, SEND as AMIGO_NODE, sentRequests as amigoRequests } from '../nodes/Amigo/amigo-fixtures';
import { runClearLineSend, SEND as CLEARLINE_NODE, sentRequests as clearLineRequests } from '../nodes/ClearLine/clearline-fixtures';
import { NODE as CLICKSEND_NODE, runClickSend, runClickSendSend } from '../nodes/ClickSend/clicksend-fixtures';
import { runSkycoreSend, SEND as SKYCORE_NODE, sentRequests as skycoreRequests } from '../nodes/Skycore/skycore-fixtures';
import {
	GET_MANY as SMSCPR_GET_MANY,
	GET_STATUS as SMSCPR_GET_STATUS,
	listRequests as smscprListRequests,
	runSmscprGetMany,
	runSmscprGetStatus,
	runSmscprSend,
	SEND as SMSCPR_NODE,
	sendRequests as smscprSendRequests,
} from '../nodes/Smscpr/smscpr-fixtures';

/**
 * The catalogue of bad inputs for test/reliability/bad-input.test.ts. Each item case runs the real
 * node in n8n's engine against the sandbox with two items: item 0 is good, item 1 holds the bad
 * input; `reached` is read from the sandbox's request log afterwards, so "nothing was sent" is what
 * the provider saw, not what the node says.
 */

export type { ProviderName } from '../../sandbox/types';

export interface CaseRun {
	result: WorkflowRunResult;
	/** The node under test. */
	node: string;
	/** What reached the provider from the node under test: one entry per message (sends) or request (reads). */
	reached: string[];
	/** The entries of the good item 0: `reached` must be exactly these with continue-on-fail, and empty without. */
	good: string[];
}

export interface BadItemCase {
	name: string;
	provider: ProviderName;
	/** The field as the node shows it; the message must name it in quotes with the item: `The field "To" of item 1 …`. */
	field: string;
	/** What the message must say is wrong. */
	reason: string;
	/** Also run without continue-on-fail: the node must stop before anything is sent. */
	alsoWithoutContinueOnFail?: boolean;
	run(sandbox: Sandbox, continueOnFail: boolean): Promise<CaseRun>;
}

/** A problem of the node's setup (credential, node-wide option) rather than of one item. */
export interface NodeLevelCase {
	name: string;
	provider: ProviderName;
	/** Texts the message must contain: the field and where it is. */
	mustSay: string[];
	/** Runs the node with two good items. */
	run(sandbox: Sandbox, continueOnFail: boolean): Promise<{ result: WorkflowRunResult; node: string }>;
}

type Body = Record<string, unknown>;
const bodyOf = (request: RequestLogEntry) => (request.body ?? {}) as Body;

/** Text of `length` characters that is otherwise a fine message. */
const longText = (length: number) => 'x'.repeat(length);

// ── Amigo ────────────────────────────────────────────────────────────────────────────────────

const AMIGO_GOOD = { use_case_id: SANDBOX_KEYS.amigo.useCaseId, to_phone_number: '+14155552671', message: 'Item 0 is fine' };
const AMIGO_BAD = { use_case_id: SANDBOX_KEYS.amigo.useCaseId, to_phone_number: '+14155552680', message: 'Item 1 must not be sent' };

function amigo(name: string, field: string, reason: string, bad: IDataObject, extra: { options?: IDataObject; stop?: boolean } = {}): BadItemCase {
	return {
		name: `Amigo › Send: ${name}`,
		provider: 'amigo',
		field,
		reason,
		alsoWithoutContinueOnFail: extra.stop,
		run: async (sandbox, continueOnFail) => {
			const result = await runAmigoSend(sandbox, { items: [AMIGO_GOOD, { ...AMIGO_BAD, ...bad }], continueOnFail, options: extra.options });
			const reached = amigoRequests(sandbox).map((request) => `${String(bodyOf(request).to_phone_number)} ${String(bodyOf(request).message)}`);
			return { result, node: AMIGO_NODE, reached, good: ['+14155552671 Item 0 is fine'] };
		},
	};
}

const amigoCases: BadItemCase[] = [
	amigo('an empty number', 'To', 'is empty', { to_phone_number: '' }),
	amigo('a number of spaces only', 'To', 'is empty', { to_phone_number: '   ' }),
	amigo('letters instead of a number', 'To', 'is not a phone number', { to_phone_number: 'call me' }, { stop: true }),
	amigo('a number that is too short', 'To', 'is too short', { to_phone_number: '+1 415 555' }),
	amigo('a number that is too long', 'To', 'is too long', { to_phone_number: '+1 415 555 2671 1234 5678' }),
	amigo('a number with + twice', 'To', 'has a + that is not at the start', { to_phone_number: '++14155552671' }),
	amigo('a number whose expression gives null', 'To', 'is empty', { to_phone_number: null }),
	amigo('a number whose expression gives an object', 'To', 'is an object, not text', { to_phone_number: { number: '+14155552672' } }),
	amigo('a number whose expression gives a list', 'To', 'is a list, not text', { to_phone_number: ['+14155552672', '+14155552673'] }),
	amigo('a number field missing from the item', 'To', 'is empty', { to_phone_number: undefined }),
	amigo('a US number read with Default Country GB (wrong country)', 'To', 'is not a valid number in GB', { to_phone_number: '415 555 2680' }, { options: { defaultCountry: 'GB' } }),
	amigo('a use case name instead of its UUID', 'Use Case ID', 'is not a UUID ("appointment-reminders")', { use_case_id: 'appointment-reminders' }, { stop: true }),
	amigo('a UUID cut one character short', 'Use Case ID', 'is not a UUID', { use_case_id: SANDBOX_KEYS.amigo.useCaseId.slice(0, -1) }),
	amigo('a UUID in braces', 'Use Case ID', 'is not a UUID', { use_case_id: `{${SANDBOX_KEYS.amigo.useCaseId}}` }),
	amigo('a UUID with a letter that is not hex', 'Use Case ID', 'is not a UUID', { use_case_id: '11111111-1111-4111-8111-11111111111g' }),
	amigo('an empty use case ID', 'Use Case ID', 'is empty', { use_case_id: '' }),
	amigo('a use case ID whose expression gives an object', 'Use Case ID', 'is an object, not text', { use_case_id: { id: SANDBOX_KEYS.amigo.useCaseId } }),
	amigo('an empty message', 'Message', 'is empty', { message: '' }),
	amigo('a message of 1,601 characters', 'Message', 'is 1601 characters long; the provider accepts at most 1600', { message: longText(1601) }, { stop: true }),
	amigo('a message with a lone surrogate (half an emoji)', 'Message', 'contains a broken character', { message: 'See you \uD83D' }),
	amigo('a message with a NUL character', 'Message', 'contains an invisible control character (U+0000)', { message: 'Item 1\u0000 must not be sent' }),
];

// ── ClearLine ────────────────────────────────────────────────────────────────────────────────

const CLEARLINE_GOOD = { phone: '+12025551234', message: 'Item 0 is fine' };
const CLEARLINE_BAD = { phone: '+12025551299', message: 'Item 1 must not be sent' };

function clearLine(name: string, field: string, reason: string, bad: IDataObject, stop?: boolean): BadItemCase {
	return {
		name: `ClearLine › Send: ${name}`,
		provider: 'clearline',
		field,
		reason,
		alsoWithoutContinueOnFail: stop,
		run: async (sandbox, continueOnFail) => {
			const result = await runClearLineSend(sandbox, { items: [CLEARLINE_GOOD, { ...CLEARLINE_BAD, ...bad }], continueOnFail });
			const reached = clearLineRequests(sandbox).map((request) => `${String(bodyOf(request).phone)} ${String(bodyOf(request).message)}`);
			return { result, node: CLEARLINE_NODE, reached, good: ['+12025551234 Item 0 is fine'] };
		},
	};
}

const clearLineCases: BadItemCase[] = [
	clearLine('letters instead of a number', 'To', 'is not a phone number', { phone: 'n/a' }),
	clearLine('a national number without country code', 'To', 'has no country code', { phone: '020 7946 0958' }, true),
	clearLine('a number with an extension', 'To', 'has an extension (5)', { phone: '+1 202 555 1299 ext. 5' }),
	clearLine('a spreadsheet number too short for any country', 'To', 'has no country code', { phone: 12345 }),
	clearLine('two numbers in one field (+ twice)', 'To', 'has a + that is not at the start', { phone: '+1 202 555 1299 +1 202 555 1298' }),
	clearLine('a number with a NUL inside', 'To', 'is not a phone number', { phone: '+1202\u00005551299' }),
	clearLine('a number with an unknown country code', 'To', 'starts with an unknown country code', { phone: '+999 123 4567' }),
	clearLine('a message whose expression gives null', 'Message', 'is empty', { message: null }),
	clearLine('a message of line breaks and spaces only', 'Message', 'is empty', { message: '\n\t  \n' }),
	clearLine('a message with a BEL control character', 'Message', 'contains an invisible control character (U+0007)', { message: 'Ding\u0007' }, true),
	clearLine('a message with a C1 control character', 'Message', 'contains an invisible control character (U+0085)', { message: 'Next\u0085line' }),
	clearLine('a message whose expression gives a list', 'Message', 'is a list, not text', { message: ['Item 1', 'must not be sent'] }),
	clearLine('a message with a lone low surrogate', 'Message', 'contains a broken character', { message: '\uDE00 Item 1' }),
	clearLine('a Delivery Receipt URL that is not a URL', 'Delivery Receipt URL', 'is not a URL', { callbackUrl: 'my n8n webhook' }, true),
	clearLine('a Delivery Receipt URL with ftp:', 'Delivery Receipt URL', 'uses ftp: instead of https:', { callbackUrl: 'ftp://n8n.example.com/receipts' }),
	clearLine('a Delivery Receipt URL whose expression gives an object', 'Delivery Receipt URL', 'is an object, not text', { callbackUrl: { url: 'https://n8n.example.com/x' } }),
];

// ── ClickSend ────────────────────────────────────────────────────────────────────────────────

const CLICKSEND_GOOD = { to: '+61411111111', body: 'Item 0 is fine' };
const CLICKSEND_BAD = { to: '+61422222222', body: 'Item 1 must not be sent' };
/** Every per-item field of a message mapped from the item, so that each case changes only its item. */
const CLICKSEND_MESSAGE_PARAMETERS: IDataObject = {
	from: { __rl: true, mode: 'value', value: '={{ $json.from }}' },
	additionalFields: { country: '={{ $json.country }}', schedule: '={{ $json.schedule }}' },
};

function clickSendMessages(sandbox: Sandbox, path: '/sms/send' | '/sms/price'): string[] {
	return sandbox
		.requests({ provider: 'clicksend', method: 'POST', path })
		.flatMap((request) => (bodyOf(request).messages as Body[] | undefined) ?? [])
		.map((message) => `${String(message.to)} ${String(message.body)}`);
}

function clickSend(name: string, field: string, reason: string, bad: IDataObject, extra: { operation?: 'send' | 'calculatePrice'; stop?: boolean } = {}): BadItemCase {
	const operation = extra.operation ?? 'send';
	return {
		name: `ClickSend › ${operation === 'send' ? 'Send' : 'Calculate Price'}: ${name}`,
		provider: 'clicksend',
		field,
		reason,
		alsoWithoutContinueOnFail: extra.stop,
		run: async (sandbox, continueOnFail) => {
			const result = await runClickSendSend(sandbox, [CLICKSEND_GOOD, { ...CLICKSEND_BAD, ...bad }], {
				continueOnFail,
				operation,
				parameters: CLICKSEND_MESSAGE_PARAMETERS,
			});
			const reached = clickSendMessages(sandbox, operation === 'send' ? '/sms/send' : '/sms/price');
			return { result, node: CLICKSEND_NODE, reached, good: ['+61411111111 Item 0 is fine'] };
		},
	};
}

/** A message ClickSend holds, for the operations that read or cancel one: sent before the run under test. */
async function seedClickSendMessage(sandbox: Sandbox, schedule?: string): Promise<string> {
	const seeded = await runClickSendSend(sandbox, [{ ...CLICKSEND_GOOD, schedule }], { parameters: CLICKSEND_MESSAGE_PARAMETERS });
	return String(seeded.outputOf(CLICKSEND_NODE)[0].json.messageId);
}

function clickSendHistory(name: string, field: string, reason: string, bad: IDataObject, stop?: boolean): BadItemCase {
	return {
		name: `ClickSend › Get History: ${name}`,
		provider: 'clicksend',
		field,
		reason,
		alsoWithoutContinueOnFail: stop,
		run: async (sandbox, continueOnFail) => {
			await seedClickSendMessage(sandbox);
			const result = await runClickSend(sandbox, {
				operation: 'getHistory',
				items: [{ q: 'to:61411111111', limit: 1 }, { q: 'to:61422222222', limit: 1, ...bad }],
				continueOnFail,
				parameters: { returnAll: false, limit: '={{ $json.limit }}', filters: { q: '={{ $json.q }}', dateFrom: '={{ $json.dateFrom }}' } },
			});
			const reached = sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' }).map((request) => String(request.query.q));
			return { result, node: CLICKSEND_NODE, reached, good: ['to:61411111111'] };
		},
	};
}

function clickSendCancel(name: string, reason: string, bad: IDataObject[string]): BadItemCase {
	return {
		name: `ClickSend › Cancel: ${name}`,
		provider: 'clicksend',
		field: 'Message ID',
		reason,
		run: async (sandbox, continueOnFail) => {
			const messageId = await seedClickSendMessage(sandbox, new Date(Date.now() + 86_400_000).toISOString());
			const result = await runClickSend(sandbox, {
				operation: 'cancel',
				items: [{ id: messageId }, { id: bad }],
				continueOnFail,
				parameters: { messageId: '={{ $json.id }}' },
			});
			const reached = sandbox.requests({ provider: 'clicksend', method: 'PUT' }).map((request) => request.path);
			return { result, node: CLICKSEND_NODE, reached, good: [`/clicksend/sms/${messageId}/cancel`] };
		},
	};
}

function clickSendTemplate(name: string, field: string, reason: string, bad: IDataObject): BadItemCase {
	return {
		name: `ClickSend › Template › Create: ${name}`,
		provider: 'clicksend',
		field,
		reason,
		run: async (sandbox, continueOnFail) => {
			const result = await runClickSend(sandbox, {
				resource: 'template',
				operation: 'create',
				items: [{ name: 'Reminder', text: 'Item 0 is fine' }, { name: 'Item 1', text: 'Item 1 must not be saved', ...bad }],
				continueOnFail,
				parameters: { templateName: '={{ $json.name }}', templateBody: '={{ $json.text }}' },
			});
			const reached = sandbox
				.requests({ provider: 'clicksend', method: 'POST', path: '/sms/templates' })
				.map((request) => `${String(bodyOf(request).template_name)} ${String(bodyOf(request).body)}`);
			return { result, node: CLICKSEND_NODE, reached, good: ['Reminder Item 0 is fine'] };
		},
	};
}

const clickSendCases: BadItemCase[] = [
	clickSend('an empty number', 'To', 'is empty', { to: '' }),
	clickSend('a number that is too short', 'To', 'is too short', { to: '+61 4' }),
	clickSend('a number with + twice', 'To', 'has a + that is not at the start', { to: '++61422222222' }, { stop: true }),
	clickSend('a number whose expression gives an object', 'To', 'is an object, not text', { to: { mobile: '+61422222222' } }),
	clickSend('a number whose expression gives a list', 'To', 'is a list, not text', { to: ['+61422222222'] }),
	clickSend('an Australian number with Country US (wrong country)', 'To', 'is not a valid number in US', { to: '0422 222 222', country: 'US' }),
	clickSend('an empty message', 'Message', 'is empty', { body: '' }),
	clickSend('a message of 1,601 characters', 'Message', 'is 1601 characters long; the provider accepts at most 1224', { body: longText(1601) }),
	clickSend('a message with a lone high surrogate', 'Message', 'contains a broken character', { body: 'Thanks \uD83D' }),
	clickSend('a message with a NUL character', 'Message', 'contains an invisible control character (U+0000)', { body: '\u0000Item 1' }),
	clickSend('a message with an ANSI escape', 'Message', 'contains an invisible control character (U+001B)', { body: '\u001B[31mItem 1' }),
	clickSend('a sender ID of 12 characters', 'From', 'is a sender ID of 12 characters', { from: 'ABCDEFGHIJKL' }, { stop: true }),
	clickSend('a sender ID with punctuation', 'From', 'is a sender ID with characters other than letters and digits', { from: 'My Shop!' }),
	clickSend('a sender of two digits', 'From', 'is too short for a short code', { from: '12' }),
	clickSend('a country code that does not exist', 'Additional Fields › Country', '("ZZ") is not a known country code', { country: 'ZZ' }),
	clickSend('a country whose expression gives a list', 'Additional Fields › Country', 'is a list, not text', { country: ['AU', 'NZ'] }),
	clickSend('a schedule in the past', 'Additional Fields › Schedule', '(2020-01-01T00:00:00.000Z) is in the past', { schedule: '2020-01-01T00:00:00Z' }, { stop: true }),
	clickSend('a schedule that is not a date', 'Additional Fields › Schedule', '("next Tuesday") is not a date', { schedule: 'next Tuesday' }),
	clickSend('letters instead of a number', 'To', 'is not a phone number', { to: 'call me' }, { operation: 'calculatePrice' }),
	clickSendHistory('a limit that is not a number', 'Limit', 'is "abc"', { limit: 'abc' }, true),
	clickSendHistory('a limit of 0', 'Limit', 'is 0', { limit: 0 }),
	clickSendHistory('a Sent After that is not a date', 'Filters › Sent After', '("last week-ish") is not a date', { dateFrom: 'last week-ish' }),
	clickSendCancel('an empty message ID', 'is empty', ''),
	clickSendCancel('a message ID whose expression gives an object', 'is not text', { message_id: 'x' }),
	clickSendTemplate('an empty name', 'Name', 'is empty', { name: '  ' }),
	clickSendTemplate('a text with a NUL character', 'Text', 'contains an invisible control character (U+0000)', { text: 'a\u0000b' }),
];

// ── Skycore ──────────────────────────────────────────────────────────────────────────────────

const SKYCORE_GOOD = { to: '+1 (774) 319-9144', from: '00000', message: 'Item 0 is fine' };
const SKYCORE_BAD = { to: '+1 (774) 319-9145', from: '00000', message: 'Item 1 must not be sent' };

function skycore(name: string, field: string, reason: string, bad: IDataObject, stop?: boolean): BadItemCase {
	return {
		name: `Skycore › Send: ${name}`,
		provider: 'skycore',
		field,
		reason,
		alsoWithoutContinueOnFail: stop,
		run: async (sandbox, continueOnFail) => {
			const result = await runSkycoreSend(sandbox, {
				items: [SKYCORE_GOOD, { ...SKYCORE_BAD, ...bad }],
				continueOnFail,
				additionalFields: { fromMask: '={{ $json.fromMask }}' },
			});
			const reached = skycoreRequests(sandbox).map((request) => `${String(bodyOf(request).to)} ${String(bodyOf(request)['message-text'])}`);
			return { result, node: SKYCORE_NODE, reached, good: ['17743199144 Item 0 is fine'] };
		},
	};
}

const skycoreCases: BadItemCase[] = [
	skycore('an empty number', 'To', 'is empty', { to: '' }),
	skycore('a number in words', 'To', 'is not a phone number', { to: 'seven seven four' }),
	skycore('a number that is too short', 'To', 'is too short', { to: '+1 774' }),
	skycore('a number whose expression gives a list', 'To', 'is a list, not text', { to: ['+17743199145'] }),
	skycore('a fictional +1 555 number', 'To', 'is not a valid number for country code +1', { to: '+1 555 000 1111' }),
	skycore('an empty sender', 'From', 'is empty', { from: '' }),
	skycore('a sender name in From', 'From', 'is a name, not a short code or number', { from: 'Dunder' }, true),
	skycore('a sender of two digits', 'From', 'is not a short code (3 to 8 digits), and as a phone number it', { from: '12' }),
	skycore('a sender whose expression gives an object', 'From', 'is an object, not text', { from: { code: '00000' } }),
	skycore('a From Mask of 14 characters', 'From Mask', 'is 14 characters long; Skycore keeps at most 11', { fromMask: 'Dunder Mifflin' }, true),
	skycore('a From Mask with a NUL character', 'From Mask', 'contains an invisible control character (U+0000)', { fromMask: 'Dun\u0000der' }),
	skycore('a From Mask with a line break', 'From Mask', 'contains an invisible control character (U+000A)', { fromMask: 'Dunder\nCo' }),
	skycore('a From Mask whose expression gives a list', 'From Mask', 'is a list, not text', { fromMask: ['Dunder'] }),
	skycore('an empty message', 'Message', 'is empty', { message: '' }),
	skycore('a message with a lone surrogate', 'Message', 'contains a broken character', { message: 'Hi \uDC4B' }),
	skycore('a message with a unit separator', 'Message', 'contains an invisible control character (U+001F)', { message: 'a\u001Fb' }),
];

// ── SMSCPR ───────────────────────────────────────────────────────────────────────────────────

const SMSCPR_GOOD = { from: 'SMSCPR', to: '+12025551234', body: 'Item 0 is fine' };
const SMSCPR_BAD = { from: 'SMSCPR', to: '+12025551299', body: 'Item 1 must not be sent' };

function smscpr(name: string, field: string, reason: string, bad: IDataObject, stop?: boolean): BadItemCase {
	return {
		name: `SMSCPR › Send: ${name}`,
		provider: 'smscpr',
		field,
		reason,
		alsoWithoutContinueOnFail: stop,
		run: async (sandbox, continueOnFail) => {
			const result = await runSmscprSend(sandbox, { items: [SMSCPR_GOOD, { ...SMSCPR_BAD, ...bad }], continueOnFail });
			const reached = smscprSendRequests(sandbox).map((request) => `${String(bodyOf(request).to)} ${String(bodyOf(request).body)}`);
			return { result, node: SMSCPR_NODE, reached, good: ['+12025551234 Item 0 is fine'] };
		},
	};
}

/** A message SMSCPR holds, for Get Status and Get Many: sent before the run under test. */
async function seedSmscprMessage(sandbox: Sandbox): Promise<string> {
	const seeded = await runSmscprSend(sandbox, { items: [SMSCPR_GOOD] });
	return String(seeded.outputOf(SMSCPR_NODE)[0].json.messageId);
}

function smscprStatus(name: string, reason: string, bad: IDataObject[string], stop?: boolean): BadItemCase {
	return {
		name: `SMSCPR › Get Status: ${name}`,
		provider: 'smscpr',
		field: 'Message ID',
		reason,
		alsoWithoutContinueOnFail: stop,
		run: async (sandbox, continueOnFail) => {
			const messageId = await seedSmscprMessage(sandbox);
			const result = await runSmscprGetStatus(sandbox, { items: [{ messageId }, { messageId: bad }], continueOnFail });
			const reached = sandbox
				.requests({ provider: 'smscpr', method: 'GET' })
				.filter((request) => request.path.startsWith('/smscpr/messages/sms/'))
				.map((request) => request.path);
			return { result, node: SMSCPR_GET_STATUS, reached, good: [`/smscpr/messages/sms/${messageId}`] };
		},
	};
}

function smscprList(name: string, field: string, reason: string, bad: IDataObject, stop?: boolean): BadItemCase {
	return {
		name: `SMSCPR › Get Many: ${name}`,
		provider: 'smscpr',
		field,
		reason,
		alsoWithoutContinueOnFail: stop,
		run: async (sandbox, continueOnFail) => {
			await seedSmscprMessage(sandbox);
			const result = await runSmscprGetMany(sandbox, {
				items: [{ to: '+12025551234', limit: 1 }, { to: '+12025551299', limit: 1, ...bad }],
				continueOnFail,
				parameters: {
					returnAll: false,
					limit: '={{ $json.limit }}',
					filters: { to: '={{ $json.to }}', country: '={{ $json.country }}', fromDate: '={{ $json.fromDate }}' },
				},
			});
			const reached = smscprListRequests(sandbox).map((request) => String(request.query.to));
			return { result, node: SMSCPR_GET_MANY, reached, good: ['+12025551234'] };
		},
	};
}

const smscprCases: BadItemCase[] = [
	smscpr('a sender ID of 12 characters', 'From', 'is a sender ID of 12 characters', { from: 'ABCDEFGHIJKL' }, true),
	smscpr('a sender ID with a space', 'From', 'is a sender ID with characters other than letters and digits', { from: 'My Shop' }),
	smscpr('an empty sender', 'From', 'is empty', { from: '' }),
	// The message shows the sender escaped, so an invisible character is visible in it.
	smscpr('a sender ID with a NUL character', 'From', '("Shop\\u0000X") is a sender ID with characters other than letters and digits', { from: 'Shop\u0000X' }),
	smscpr('a sender whose expression gives a list', 'From', 'is not text', { from: ['SMSCPR'] }),
	smscpr('a fictional +1 555 number', 'To', 'is not a valid number for country code +1', { to: '+1 555 000 2222' }),
	smscpr('a number with an unknown country code', 'To', 'starts with an unknown country code', { to: '+999 1234 5678' }),
	smscpr('a number whose expression gives an object', 'To', 'is an object, not text', { to: { e164: '+12025551299' } }),
	smscpr('a message of 1,601 characters', 'Message', 'is 1601 characters long; the provider accepts at most 1600', { body: longText(1601) }, true),
	smscpr('a message with a NUL character', 'Message', 'contains an invisible control character (U+0000)', { body: 'code\u0000123456' }),
	smscpr('a message cut in the middle of an emoji', 'Message', 'contains a broken character', { body: 'Welcome 👋'.slice(0, -1) }),
	smscpr('a Delivery Receipt URL with plain http', 'Delivery Receipt URL', 'uses http: instead of https:', { callbackUrl: 'http://n8n.example.com/webhook/x' }),
	smscpr('a Delivery Receipt URL with an underscore in the host', 'Delivery Receipt URL', 'has an underscore in the host name', {
		callbackUrl: 'https://my_n8n.example.com/webhook/x',
	}),
	smscprStatus('an empty message ID', 'is empty', '', true),
	smscprStatus('a message ID whose expression gives an object', 'is not text', { msgId: 'x' }),
	smscprStatus('a message ID whose expression gives null', 'is empty', null),
	smscprList('a limit that is not a number', 'Limit', 'is "abc"', { limit: 'abc' }, true),
	smscprList('a limit of 0', 'Limit', 'is 0', { limit: 0 }),
	smscprList('a limit with a fraction', 'Limit', 'is "2.5"', { limit: '2.5' }),
	smscprList('a recipient filter that is not a number', 'Filters › To', 'is not a phone number', { to: 'abc' }),
	smscprList('a country filter of three letters', 'Filters › Country', '("USA") is not a known country code', { country: 'USA' }),
	smscprList('a From Date that is not a date', 'Filters › From Date', '("someday") is not a date', { fromDate: 'someday' }),
];

export const BAD_ITEM_CASES: BadItemCase[] = [...amigoCases, ...clearLineCases, ...clickSendCases, ...skycoreCases, ...smscprCases];

// ── Node-level: credentials and node-wide options ────────────────────────────────────────────

export const NODE_LEVEL_CASES: NodeLevelCase[] = [
	{
		name: 'Amigo: credential without API key',
		provider: 'amigo',
		mustSay: ['API Key', 'Amigo API credential', 'is empty'],
		run: async (sandbox, continueOnFail) => ({
			result: await runAmigoSend(sandbox, { items: [AMIGO_GOOD, AMIGO_GOOD], apiKey: '', continueOnFail }),
			node: AMIGO_NODE,
		}),
	},
	{
		name: 'Amigo: Base URL that is not a URL',
		provider: 'amigo',
		mustSay: ['Base URL', 'Amigo API credential', 'is not a web address'],
		run: async (sandbox, continueOnFail) => ({
			result: await runAmigoSend(sandbox, { items: [AMIGO_GOOD, AMIGO_GOOD], baseUrl: 'api.platform.amigo.ai', continueOnFail }),
			node: AMIGO_NODE,
		}),
	},
	{
		name: 'Amigo: Concurrency that is not a number',
		provider: 'amigo',
		mustSay: ['"Concurrency"', 'is abc'],
		run: async (sandbox, continueOnFail) => ({
			result: await runAmigoSend(sandbox, { items: [AMIGO_GOOD, AMIGO_GOOD], options: { concurrency: 'abc' }, continueOnFail }),
			node: AMIGO_NODE,
		}),
	},
	{
		name: 'ClearLine: credential with an API key of spaces',
		provider: 'clearline',
		mustSay: ['API Key', 'ClearLine API credential', 'is empty'],
		run: async (sandbox, continueOnFail) => ({
			result: await runClearLineSend(sandbox, { items: [CLEARLINE_GOOD, CLEARLINE_GOOD], apiKey: '   ', continueOnFail }),
			node: CLEARLINE_NODE,
		}),
	},
	{
		name: 'ClearLine: custom environment without Base URL',
		provider: 'clearline',
		mustSay: ['Base URL', 'ClearLine API credential', 'is not a web address'],
		run: async (sandbox, continueOnFail) => ({
			result: await runClearLineSend(sandbox, { items: [CLEARLINE_GOOD, CLEARLINE_GOOD], baseUrl: '', continueOnFail }),
			node: CLEARLINE_NODE,
		}),
	},
	{
		name: 'ClearLine: Default Country that is no country',
		provider: 'clearline',
		mustSay: ['"Default Country"', '("XX") is not a known country code'],
		run: async (sandbox, continueOnFail) => ({
			result: await runClearLineSend(sandbox, { items: [CLEARLINE_GOOD, CLEARLINE_GOOD], options: { defaultCountry: 'XX' }, continueOnFail }),
			node: CLEARLINE_NODE,
		}),
	},
	...(
		[
			['without Username', { username: '' }, ['Username', 'ClickSend API credential', 'is empty']],
			['without API key', { apiKey: '' }, ['API Key', 'ClickSend API credential', 'is empty']],
			['with a Base URL without https://', { baseUrl: 'rest.clicksend.com/v3' }, ['Base URL', 'ClickSend API credential', 'is not a web address']],
		] as Array<[string, IDataObject, string[]]>
	).map(
		([what, credentials, mustSay]): NodeLevelCase => ({
			name: `ClickSend: credential ${what}`,
			provider: 'clicksend',
			mustSay,
			run: async (sandbox, continueOnFail) => ({
				result: await runClickSend(sandbox, {
					operation: 'send',
					items: [CLICKSEND_GOOD, CLICKSEND_GOOD],
					continueOnFail,
					credentials,
					parameters: { to: '={{ $json.to }}', messageSource: 'text', message: '={{ $json.body }}', additionalFields: {}, options: {} },
				}),
				node: CLICKSEND_NODE,
			}),
		}),
	),
	{
		name: 'Skycore: credential without API key',
		provider: 'skycore',
		mustSay: ['API Key', 'Skycore API credential', 'is empty'],
		run: async (sandbox, continueOnFail) => ({
			result: await runSkycoreSend(sandbox, { items: [SKYCORE_GOOD, SKYCORE_GOOD], apiKey: '', continueOnFail }),
			node: SKYCORE_NODE,
		}),
	},
	{
		name: 'Skycore: credential without API Endpoint URL',
		provider: 'skycore',
		mustSay: ['API Endpoint URL', 'Skycore API credential', 'is not a web address'],
		run: async (sandbox, continueOnFail) => ({
			result: await runSkycoreSend(sandbox, { items: [SKYCORE_GOOD, SKYCORE_GOOD], endpointUrl: '', continueOnFail }),
			node: SKYCORE_NODE,
		}),
	},
	{
		name: 'SMSCPR: credential without Bearer Token',
		provider: 'smscpr',
		mustSay: ['Bearer Token', 'SMSCPR API credential', 'is empty'],
		run: async (sandbox, continueOnFail) => ({
			result: await runSmscprSend(sandbox, { items: [SMSCPR_GOOD, SMSCPR_GOOD], token: '', continueOnFail }),
			node: SMSCPR_NODE,
		}),
	},
	{
		name: 'SMSCPR: credential without Service Plan ID',
		provider: 'smscpr',
		mustSay: ['Service Plan ID', 'SMSCPR API credential', 'is empty'],
		run: async (sandbox, continueOnFail) => ({
			result: await runSmscprSend(sandbox, { items: [SMSCPR_GOOD, SMSCPR_GOOD], servicePlanId: '', continueOnFail }),
			node: SMSCPR_NODE,
		}),
	},
	{
		name: 'SMSCPR: Base URL that is not a URL (Get Status)',
		provider: 'smscpr',
		mustSay: ['Base URL', 'SMSCPR API credential', 'is not a web address'],
		run: async (sandbox, continueOnFail) => ({
			result: await runSmscprGetStatus(sandbox, { items: [{ messageId: 'a' }, { messageId: 'b' }], baseUrl: 'api-sms.smscpr.com/v1', continueOnFail }),
			node: SMSCPR_GET_STATUS,
		}),
	},
	{
		name: 'SMSCPR: Concurrency of 0',
		provider: 'smscpr',
		mustSay: ['"Concurrency"', 'is 0'],
		run: async (sandbox, continueOnFail) => ({
			result: await runSmscprSend(sandbox, { items: [SMSCPR_GOOD, SMSCPR_GOOD], parameters: { options: { concurrency: 0 } }, continueOnFail }),
			node: SMSCPR_NODE,
		}),
	},
];
