/**
 * Options › Replace Look-Alike Characters through n8n's engine against the sandbox, for every
 * provider: what arrives at the provider and what the output counts (lib/look-alike-characters.ts).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { countSegments } from '../../lib/segments';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { PROVIDERS, providerFixture, type ProviderFixture, type SandboxProviderName } from '../../scripts/n8n-fixtures';
import { runWaitingWorkflow, runWorkflow, type CredentialDataByType, type WaitingWorkflow, type WorkflowRunResult } from '../harness';
import { registeredNodeClasses } from '../harness/registered-providers';
import type { WorkflowJson } from '../harness/workflow-json';

const TRIGGER = "When clicking 'Execute workflow'";
const SEND = 'Send SMS';
/** Every action node the package registers: the e2e fixtures' Sends run in them. */
const NODE_TYPES = registeredNodeClasses('action');

/** Every message starts with it, so that the texts the provider got can be found in any request body. */
const MARK = 'Shop news:';
/** As pasted from a document: ’ – … “ ” and no-break spaces, which make it two SMS in UCS-2. */
const PASTED = `${MARK} We\u2019re open \u2013 see you at the shop\u2026 Bring the \u201Cblue\u201D voucher, 9\u00A0am to 5\u00A0pm.`;
const PLAIN = `${MARK} We're open - see you at the shop... Bring the "blue" voucher, 9 am to 5 pm.`;
const WITH_EMOJI = `${PASTED} \u{1F44B}`;

const credentials = (sandbox: Sandbox) =>
	Object.fromEntries(
		PROVIDERS.map((fixture) => [fixture.credentialType, fixture.credentialData(sandbox.providerUrl(fixture.sandboxName))]),
	) as CredentialDataByType;

function sendWorkflow(provider: ProviderFixture, items: IDataObject[], parameters: IDataObject): WorkflowJson {
	return {
		name: 'Pasted text',
		nodes: [
			{ id: 'l1', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'l2',
				name: SEND,
				type: provider.nodeType,
				typeVersion: 1,
				position: [200, 0],
				parameters: { ...provider.sendParameters, to: '={{ $json.to }}', message: '={{ $json.text }}', options: {}, ...parameters },
				credentials: { [provider.credentialType]: { id: '1', name: provider.title } },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: SEND, type: 'main', index: 0 }]] } },
		pinData: { [TRIGGER]: items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

async function send(sandbox: Sandbox, name: SandboxProviderName, texts: string[], parameters: IDataObject = {}): Promise<WorkflowRunResult> {
	const items = texts.map((text) => ({ to: '+12025551234', text }));
	const result = await runWorkflow({ workflow: sendWorkflow(providerFixture(name), items, parameters), nodeTypes: NODE_TYPES, credentials: credentials(sandbox) });
	expect(result.error).toBeUndefined();
	return result;
}

/** The message texts the provider received, in the order of the requests and of a batch's messages. */
function receivedTexts(sandbox: Sandbox, provider: SandboxProviderName): string[] {
	const texts: string[] = [];
	const collect = (value: unknown) => {
		if (typeof value === 'string' && value.startsWith(MARK)) texts.push(value);
		else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
	};
	for (const request of sandbox.requests({ provider, method: 'POST' })) collect(request.body);
	return texts;
}

const counts = ({ encoding, segments, characters }: IDataObject) => ({ encoding, segments, characters });

describe('Replace Look-Alike Characters', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it.each(NODE_TYPES.map((type) => [new type().description.displayName, type] as const))(
		'%s: Send and Send and Wait offer the option, on by default',
		(_name, type) => {
			const sendOptions = new type().description.properties.find(
				(property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes('send'),
			);
			expect(sendOptions?.displayOptions?.show?.operation).toEqual(expect.arrayContaining(['send', 'sendAndWait']));
			const option = (sendOptions?.options as INodeProperties[]).find((candidate) => candidate.name === 'replaceLookAlikeCharacters');
			expect(option).toMatchObject({ displayName: 'Replace Look-Alike Characters', type: 'boolean', default: true });
		},
	);

	it('the pasted text costs two SMS as written and one once plain', () => {
		expect(countSegments(PASTED)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
		expect(countSegments(PLAIN)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
	});

	describe.each(PROVIDERS)('$title › Send', ({ sandboxName: name }) => {
		it('on by default: the pasted text arrives in plain characters, and the output counts one GSM-7 SMS', async () => {
			const result = await send(sandbox, name, [PASTED]);
			expect(receivedTexts(sandbox, name)).toEqual([PLAIN]);
			expect(counts(result.outputOf(SEND)[0].json)).toEqual({ encoding: 'GSM-7', segments: 1, characters: PLAIN.length });
		});

		it('with an emoji, which needs UCS-2 anyway, the text arrives as written', async () => {
			const result = await send(sandbox, name, [WITH_EMOJI]);
			expect(receivedTexts(sandbox, name)).toEqual([WITH_EMOJI]);
			expect(counts(result.outputOf(SEND)[0].json)).toEqual(countSegments(WITH_EMOJI));
		});

		it('off: the text arrives as written', async () => {
			const result = await send(sandbox, name, [PASTED], { options: { replaceLookAlikeCharacters: false } });
			expect(receivedTexts(sandbox, name)).toEqual([PASTED]);
			expect(counts(result.outputOf(SEND)[0].json)).toEqual({ encoding: 'UCS-2', segments: 2, characters: [...PASTED].length });
		});
	});

	describe.each(PROVIDERS)('$title › Send and Wait for Approval', (provider) => {
		let waiting: WaitingWorkflow | undefined;
		afterEach(async () => {
			await waiting?.close();
			waiting = undefined;
		});

		it('the question arrives in plain characters before the link, and the count is of what was sent', async () => {
			const { additionalFields: _sendOnly, ...sendParameters } = provider.sendParameters;
			const workflow = sendWorkflow({ ...provider, sendParameters }, [{ to: '+12025551234', text: PASTED }], { operation: 'sendAndWait', waitFor: 'approval' });
			waiting = await runWaitingWorkflow({ workflow, nodeTypes: NODE_TYPES, credentials: credentials(sandbox) });
			expect(waiting.first.status).toBe('waiting');

			const [sent] = receivedTexts(sandbox, provider.sandboxName);
			expect(sent.split('\n')[0]).toBe(PLAIN);
			expect(counts(waiting.first.outputOf(SEND)[0].json)).toEqual({ ...countSegments(sent), encoding: 'GSM-7' });
		});
	});

	describe('ClickSend', () => {
		it('a batch decides message by message: each is made plain only where that makes it GSM-7', async () => {
			const cyrillic = `${MARK} \u201C\u041F\u0440\u0438\u0432\u0435\u0442\u201D \u2013 \u0434\u043E \u0432\u0441\u0442\u0440\u0435\u0447\u0438`;
			const alreadyPlain = `${MARK} nothing to replace`;
			const result = await send(sandbox, 'clicksend', [PASTED, WITH_EMOJI, alreadyPlain, cyrillic]);

			expect(sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/send' })).toHaveLength(1);
			expect(receivedTexts(sandbox, 'clicksend')).toEqual([PLAIN, WITH_EMOJI, alreadyPlain, cyrillic]);
			const outputs = result.outputOf(SEND).map((item) => item.json);
			expect(outputs.map((json) => json.encoding)).toEqual(['GSM-7', 'UCS-2', 'GSM-7', 'UCS-2']);
			// ClickSend's answer echoes each message's body: the text that was sent.
			expect(outputs.map((json) => json.body)).toEqual([PLAIN, WITH_EMOJI, alreadyPlain, cyrillic]);
		});

		it('a template’s text follows the same rule: it is the body of the request', async () => {
			const { username, apiKey } = SANDBOX_KEYS.clicksend;
			const template = await fetch(`${sandbox.providerUrl('clicksend')}/sms/templates`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${username}:${apiKey}`).toString('base64')}` },
				body: JSON.stringify({ template_name: 'Opening hours', body: PASTED }),
			}).then(async (response) => (await response.json()) as { data: { template_id: number } });
			const templateId = { __rl: true, mode: 'list', value: String(template.data.template_id) };

			const templateSaved = receivedTexts(sandbox, 'clicksend').length;

			await send(sandbox, 'clicksend', [''], { messageSource: 'template', templateId });
			await send(sandbox, 'clicksend', [''], { messageSource: 'template', templateId, options: { replaceLookAlikeCharacters: false } });
			expect(receivedTexts(sandbox, 'clicksend').slice(templateSaved)).toEqual([PLAIN, PASTED]);
		});
	});
});
