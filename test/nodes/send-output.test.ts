import type { IDataObject } from 'n8n-workflow';

import { SEND_STATUSES } from '../../lib/sent-message';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { WorkflowRunResult } from '../harness';
import { registeredNodeClasses, requireEntryForEveryProvider } from '../harness/registered-providers';
import { runAmigoSend, SEND as AMIGO_SEND } from './Amigo/amigo-fixtures';
import { runClearLineSend, SEND as CLEARLINE_SEND } from './ClearLine/clearline-fixtures';
import { NODE as CLICKSEND_NODE, runClickSendSend } from './ClickSend/clicksend-fixtures';
import { runSkycoreSend, SEND as SKYCORE_SEND } from './Skycore/skycore-fixtures';
import { runSmscprSend, SEND as SMSCPR_SEND } from './Smscpr/smscpr-fixtures';

/** The same two messages for every provider: a plain one and one that needs UCS-2. */
const MESSAGES = [
	{ to: '+14155552671', text: 'Your order is ready for pickup.' },
	{ to: '+12025551234', text: 'Merci, garçon 👍' },
];

/** Each provider's Send, fed the two messages through its own fields. */
const PROVIDERS: Array<{ name: string; node: string; send: (sandbox: Sandbox) => Promise<WorkflowRunResult> }> = [
	{
		name: 'ClearLine',
		node: CLEARLINE_SEND,
		send: async (sandbox) => await runClearLineSend(sandbox, { items: MESSAGES.map(({ to, text }) => ({ phone: to, message: text })) }),
	},
	{
		name: 'SMSCPR',
		node: SMSCPR_SEND,
		send: async (sandbox) => await runSmscprSend(sandbox, { items: MESSAGES.map(({ to, text }) => ({ from: '12345', to, body: text })) }),
	},
	{
		name: 'Amigo',
		node: AMIGO_SEND,
		send: async (sandbox) =>
			await runAmigoSend(sandbox, {
				items: MESSAGES.map(({ to, text }) => ({ use_case_id: SANDBOX_KEYS.amigo.useCaseId, to_phone_number: to, message: text })),
			}),
	},
	{
		name: 'Skycore',
		node: SKYCORE_SEND,
		send: async (sandbox) => await runSkycoreSend(sandbox, { items: MESSAGES.map(({ to, text }) => ({ to, from: '00000', message: text })) }),
	},
	{
		name: 'ClickSend',
		node: CLICKSEND_NODE,
		send: async (sandbox) => await runClickSendSend(sandbox, MESSAGES.map(({ to, text }) => ({ to, body: text }))),
	},
];

requireEntryForEveryProvider(
	{ name: 'PROVIDERS', file: 'test/nodes/send-output.test.ts' },
	PROVIDERS.map(({ name }) => name),
	registeredNodeClasses('action').map((NodeType) => new NodeType().description.displayName),
);

/** The shared fields in their order, with the JSON types each may have (null: the provider did not say). */
const SHARED_FIELDS: Record<string, Array<'string' | 'number' | 'null'>> = {
	messageId: ['string'],
	status: ['string'],
	providerStatus: ['string', 'null'],
	to: ['string'],
	from: ['string', 'null'],
	encoding: ['string'],
	segments: ['number'],
	characters: ['number'],
	price: ['number', 'null'],
	currency: ['string', 'null'],
};

const jsonType = (value: unknown) => (value === null ? 'null' : typeof value);

describe('Send gives the same output shape with every provider, so a workflow can switch provider', () => {
	let sandbox: Sandbox;
	const outputs = new Map<string, IDataObject[]>();

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
		for (const provider of PROVIDERS) {
			const result = await provider.send(sandbox);
			expect(result.error).toBeUndefined();
			outputs.set(provider.name, result.outputOf(provider.node).map((item) => item.json));
		}
	});
	afterAll(async () => await sandbox.close());

	it.each(PROVIDERS.map(({ name }) => name))('%s: the shared fields come first, in one order, with their types', (name) => {
		const items = outputs.get(name)!;
		expect(items).toHaveLength(2);
		for (const json of items) {
			expect(Object.keys(json).slice(0, 10)).toEqual(Object.keys(SHARED_FIELDS));
			const types = Object.fromEntries(Object.keys(SHARED_FIELDS).map((field) => [field, jsonType(json[field])]));
			expect(types).toEqual(
				Object.fromEntries(Object.entries(SHARED_FIELDS).map(([field, allowed]) => [field, expect.stringMatching(new RegExp(`^(${allowed.join('|')})$`))])),
			);
			expect(SEND_STATUSES).toContain(json.status);
			expect(json.messageId).not.toBe('');
		}
	});

	it('the same messages give the same status, recipient and count with every provider', () => {
		const comparable = ({ status, to, encoding, segments, characters }: IDataObject) => ({ status, to, encoding, segments, characters });
		const expected = [
			{ status: 'accepted', to: '+14155552671', encoding: 'GSM-7', segments: 1, characters: 31 },
			{ status: 'accepted', to: '+12025551234', encoding: 'UCS-2', segments: 1, characters: 15 },
		];
		for (const provider of PROVIDERS) {
			expect({ provider: provider.name, items: outputs.get(provider.name)!.map(comparable) }).toEqual({ provider: provider.name, items: expected });
		}
	});
});
