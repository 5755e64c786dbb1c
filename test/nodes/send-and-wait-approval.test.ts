/**
 * Send and Wait for Approval through n8n's engine, for every provider: the SMS ends with the signed
 * resume URL, the execution is saved as waiting, opening the link shows the page (and resumes
 * nothing), and the answer submitted from it resumes the execution with the answer and the number
 * it was sent to (test/harness/waiting.ts serves /webhook-waiting as n8n 2.8.4 does).
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { Amigo } from '../../nodes/Amigo/Amigo.node';
import { ClearLine } from '../../nodes/ClearLine/ClearLine.node';
import { ClickSend } from '../../nodes/ClickSend/ClickSend.node';
import { Skycore } from '../../nodes/Skycore/Skycore.node';
import { Smscpr } from '../../nodes/Smscpr/Smscpr.node';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { PROVIDERS, providerFixture, type ProviderFixture, type SandboxProviderName } from '../../scripts/n8n-fixtures';
import { countSegments } from '../../lib/segments';
import { runWaitingWorkflow, type CredentialDataByType, type WaitingWorkflow } from '../harness';
import { registeredNodeClasses } from '../harness/registered-providers';
import type { WorkflowJson } from '../harness/workflow-json';

const TRIGGER = "When clicking 'Execute workflow'";
const SEND = 'Ask for Approval';
const NEXT = 'Next Step';
const SEND_NODE_ID = '3b0c5d1e-8f2a-4b6c-9d7e-1a2b3c4d5e6f';
const QUESTION = 'Replace the compressor at 12 Elm St for $480?';

function workflowFor(provider: ProviderFixture, parameters: IDataObject = {}, items: IDataObject[] = [{ to: '+12025551234' }]): WorkflowJson {
	const { additionalFields: _sendOnly, ...sendParameters } = provider.sendParameters;
	return {
		name: 'Approval by SMS',
		nodes: [
			{ id: 'b1', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: SEND_NODE_ID,
				name: SEND,
				type: provider.nodeType,
				typeVersion: 1,
				position: [200, 0],
				parameters: { ...sendParameters, operation: 'sendAndWait', waitFor: 'approval', to: '={{ $json.to }}', message: QUESTION, ...parameters },
				credentials: { [provider.credentialType]: { id: '1', name: provider.title } },
			},
			{ id: 'b3', name: NEXT, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [400, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: SEND, type: 'main', index: 0 }]] } },
		pinData: { [TRIGGER]: items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

/** Every action node the package registers: the e2e fixtures' Sends run in them. */
const NODE_TYPES = registeredNodeClasses('action');

/** Every provider's credential, pointing at the sandbox. */
function sandboxCredentialData(sandbox: Sandbox): CredentialDataByType {
	return Object.fromEntries(
		PROVIDERS.map((fixture) => [fixture.credentialType, fixture.credentialData(sandbox.providerUrl(fixture.sandboxName))]),
	) as CredentialDataByType;
}

async function askForApproval(sandbox: Sandbox, provider: ProviderFixture, parameters: IDataObject = {}): Promise<WaitingWorkflow> {
	return await runWaitingWorkflow({ workflow: workflowFor(provider, parameters), nodeTypes: NODE_TYPES, credentials: sandboxCredentialData(sandbox) });
}

/** The text the provider got: the one string of the send request that holds the link. */
function sentText(sandbox: Sandbox, provider: SandboxProviderName): string {
	const texts: string[] = [];
	const collect = (value: unknown) => {
		if (typeof value === 'string' && value.includes('/webhook-waiting/')) texts.push(value);
		else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
	};
	for (const request of sandbox.requests({ provider, method: 'POST' })) collect(request.body);
	expect(texts).toHaveLength(1);
	return texts[0];
}

async function openPage(url: string) {
	const response = await fetch(url);
	return { status: response.status, body: await response.text(), csp: response.headers.get('content-security-policy') };
}

async function submit(url: string, fields: Record<string, string>) {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
	return { status: response.status, body: await response.text() };
}

describe('Send and Wait for Approval', () => {
	let sandbox: Sandbox;
	let waiting: WaitingWorkflow | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	afterEach(async () => {
		sandbox.reset();
		await waiting?.close();
		waiting = undefined;
	});

	it.each(PROVIDERS)(
		'$title: the SMS ends with the signed link, opening it shows the page and resumes nothing, Approve resumes the execution',
		async (provider) => {
			const name = provider.sandboxName;
			waiting = await askForApproval(sandbox, provider);
			expect(waiting.first.status).toBe('waiting');

			const text = sentText(sandbox, name);
			const [question, link, ...rest] = text.split('\n');
			expect(question).toBe(QUESTION);
			expect(rest).toEqual([]);
			const url = new URL(link);
			expect(`${url.origin}${url.pathname}`).toBe(`${waiting.waitingBaseUrl}/${waiting.executionId}/${SEND_NODE_ID}`);
			expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
			// The counts are the SMS with its link; the link itself stays out of what the node shows.
			const [shown] = waiting.first.outputOf(SEND);
			expect(shown.json).toMatchObject({ messageId: expect.any(String), to: '+12025551234', ...countSegments(text) });
			expect(JSON.stringify(waiting.first.runData)).not.toContain('signature=');

			const page = await openPage(link);
			expect(page.status).toBe(200);
			expect(page.body).toContain('Replace the compressor at 12 Elm St for $480?');
			expect(page.body).toContain('value="approve">Approve</button>');
			expect(page.body).toContain('value="decline">Decline</button>');
			expect(page.csp).toContain('sandbox allow-forms');
			expect(waiting.state()).toBe('waiting');

			const answered = await submit(link, { decision: 'approve' });
			expect(answered.status).toBe(200);
			expect(answered.body).toContain('Got it, thanks');
			const resumed = await waiting.resumed;
			expect(resumed.status).toBe('success');
			expect(resumed.outputOf(SEND)).toEqual([
				{
					json: {
						event: 'approvalAnswer',
						provider: name,
						messageId: shown.json.messageId,
						to: '+12025551234',
						status: 'approved',
						approved: true,
						answer: null,
						answeredBy: '+12025551234',
						answeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
						message: QUESTION,
					},
					pairedItem: { item: 0 },
				},
			]);
		},
	);

	it('Decline, with the labels and title of the options; a post without a known button resumes nothing', async () => {
		waiting = await askForApproval(sandbox, providerFixture('clearline'), {
			approvalOptions: { approveLabel: 'Yes, go ahead', declineLabel: 'No <thanks>', pageTitle: 'Compressor repair' },
		});
		const link = sentText(sandbox, 'clearline').split('\n')[1];
		const page = await openPage(link);
		expect(page.body).toContain('<h1>Compressor repair</h1>');
		expect(page.body).toContain('value="approve">Yes, go ahead</button>');
		expect(page.body).toContain('value="decline">No &#60;thanks&#62;</button>');

		const wrong = await submit(link, { decision: 'maybe' });
		expect(wrong.status).toBe(400);
		expect(wrong.body).toContain('Please choose one of the buttons.');
		expect(waiting.state()).toBe('waiting');

		await submit(link, { decision: 'decline' });
		const resumed = await waiting.resumed;
		expect(resumed.outputOf(SEND)[0].json).toMatchObject({ status: 'declined', approved: false, answer: null });
	});

	it('Approve only: Decline is neither offered nor taken', async () => {
		waiting = await askForApproval(sandbox, providerFixture('amigo'), { approvalOptions: { offerDecline: false } });
		const link = sentText(sandbox, 'amigo').split('\n')[1];
		expect((await openPage(link)).body).not.toContain('value="decline"');
		expect((await submit(link, { decision: 'decline' })).status).toBe(400);
		expect(waiting.state()).toBe('waiting');
	});

	it('Free Text: the page has one field, an empty answer is refused, the answer resumes it', async () => {
		waiting = await askForApproval(sandbox, providerFixture('skycore'), { responseType: 'freeText', approvalOptions: { submitLabel: 'Send answer' } });
		const link = sentText(sandbox, 'skycore').split('\n')[1];
		const page = await openPage(link);
		expect(page.body).toContain('<textarea name="answer"');
		expect(page.body).toContain('>Send answer</button>');
		const empty = await submit(link, { answer: '   ' });
		expect(empty.status).toBe(400);
		expect(waiting.state()).toBe('waiting');

		await submit(link, { answer: ' Tomorrow after 3 pm, please ' });
		const resumed = await waiting.resumed;
		expect(resumed.outputOf(SEND)[0].json).toMatchObject({ status: 'answered', approved: false, answer: 'Tomorrow after 3 pm, please', answeredBy: '+12025551234' });
	});

	it('a forged or missing signature gets 401 for the page and the answer; the limit resumes it with status timedOut', async () => {
		waiting = await askForApproval(sandbox, providerFixture('clicksend'), { resumeAmount: 30, resumeUnit: 'minutes' });
		const link = new URL(sentText(sandbox, 'clicksend').split('\n')[1]);
		const forged = new URL(link);
		forged.searchParams.set('signature', '0'.repeat(64));
		const unsigned = new URL(link);
		unsigned.searchParams.delete('signature');
		for (const url of [forged, unsigned]) {
			expect((await openPage(String(url))).status).toBe(401);
			expect((await submit(String(url), { decision: 'approve' })).status).toBe(401);
		}
		expect(waiting.state()).toBe('waiting');
		expect(waiting.waitTill()!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

		const timedOut = await waiting.resumeAfterLimit();
		expect(timedOut.outputOf(SEND)).toEqual([
			{
				json: {
					event: 'approvalWaitTimedOut',
					provider: 'clicksend',
					messageId: expect.any(String),
					to: '+12025551234',
					status: 'timedOut',
					approved: false,
					answer: null,
					answeredBy: null,
					answeredAt: null,
					message: QUESTION,
					waitedUntil: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		// The link after the limit: n8n's page for a finished send-and-wait, nothing runs.
		expect((await submit(String(link), { decision: 'approve' })).status).toBe(200);
		expect(waiting.state()).toBe('finished');
	});

	it('after the limit, until n8n resumes the execution, the link says it has expired (410) and an answer resumes nothing', async () => {
		waiting = await askForApproval(sandbox, providerFixture('amigo'), { resumeAmount: 0.01, resumeUnit: 'minutes' });
		const link = sentText(sandbox, 'amigo').split('\n')[1];
		const waitTill = waiting.waitTill()!.getTime();
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitTill - Date.now()) + 50));

		const page = await openPage(link);
		expect(page.status).toBe(410);
		expect(page.body).toContain('This link has expired');
		expect(page.body).not.toContain('<form');
		expect(page.csp).toContain('sandbox');
		const answered = await submit(link, { decision: 'approve' });
		expect(answered.status).toBe(410);
		expect(answered.body).toContain('your answer was not recorded');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(waiting.state()).toBe('waiting');

		const timedOut = await waiting.resumeAfterLimit();
		expect(timedOut.outputOf(SEND)[0].json).toMatchObject({ status: 'timedOut', approved: false, answer: null, answeredBy: null });
	});

	it('the link counts toward the provider\'s length limit: a text that fits alone but not with the link is refused before sending', async () => {
		waiting = await askForApproval(sandbox, providerFixture('amigo'), { message: 'x'.repeat(1590) });
		expect(waiting.first.status).toBe('error');
		expect(waiting.first.error?.message).toContain('Message');
		expect(sandbox.requests({ provider: 'amigo', method: 'POST' })).toHaveLength(0);
	});

	it('in an n8n without setSignatureValidationRequired (2.41 checks every Send and Wait link itself), the SMS goes out and the execution waits', async () => {
		let owner: object | null = ExecuteContext.prototype;
		while (owner && !Object.prototype.hasOwnProperty.call(owner, 'setSignatureValidationRequired')) owner = Object.getPrototypeOf(owner);
		expect(owner).not.toBeNull();
		const method = Object.getOwnPropertyDescriptor(owner!, 'setSignatureValidationRequired')!;
		delete (owner as Record<string, unknown>).setSignatureValidationRequired;
		try {
			waiting = await askForApproval(sandbox, providerFixture('clearline'));
		} finally {
			Object.defineProperty(owner!, 'setSignatureValidationRequired', method);
		}
		expect(waiting.first.error?.message).toBeUndefined();
		expect(waiting.first.status).toBe('waiting');
		expect(sentText(sandbox, 'clearline')).toContain('signature=');
	});

	it('Approval is every provider\'s default Wait For; ClearLine and SMSCPR also offer Delivery', () => {
		for (const node of ACTION_NODES) expect(waitForOf(node)).toMatchObject({ default: 'approval' });
		expect(waitForOf(new ClearLine())!.options).toHaveLength(2);
		expect(waitForOf(new Smscpr())!.options).toHaveLength(2);
		for (const node of [new Amigo(), new Skycore(), new ClickSend()]) {
			expect(waitForOf(node)!.options).toEqual([expect.objectContaining({ value: 'approval' })]);
		}
	});

	/**
	 * n8n 2.x makes a `<node>HitlTool` of every node with a Send and Wait operation: an AI Agent's human
	 * review step (n8n 2.8.4 tool-generation/hitl-tools.js). That type keeps the node's properties but
	 * replaces the one named `message` with its own Message and hides Operation and Response Type, and
	 * the agent runs the tool it asked for only when the node's output says `approved: true`.
	 */
	describe('Send and Wait as an AI Agent\'s human review step', () => {
		it('every node names its text field `message`, so n8n\'s review step puts its own Message there', () => {
			for (const node of ACTION_NODES) {
				const shownForWait = node.description.properties.filter(
					(property) => property.name === 'message' && (property.displayOptions?.show?.operation ?? []).includes('sendAndWait'),
				);
				expect({ node: node.description.name, fields: shownForWait.length }).toEqual({ node: node.description.name, fields: 1 });
			}
		});

		it.each(PROVIDERS)(
			'$title: with Wait For left as it is, the review question goes out with the approval link and Approve resumes with approved: true',
			async (provider) => {
				const name = provider.sandboxName;
				waiting = await askForReview(sandbox, provider);
				expect(waiting.first.status).toBe('waiting');
				const [question, link] = sentText(sandbox, name).split('\n');
				expect(question).toBe(REVIEW_QUESTION);

				expect((await submit(link, { decision: 'approve' })).status).toBe(200);
				const resumed = await waiting.resumed;
				expect(resumed.status).toBe('success');
				expect(resumed.outputOf(SEND)[0].json).toMatchObject({ event: 'approvalAnswer', approved: true, message: REVIEW_QUESTION });
			},
		);

		it('Wait For Delivery is refused before sending: a receipt carries no answer, so the agent would hear "declined" every time', async () => {
			waiting = await askForReview(sandbox, providerFixture('clearline'), { waitFor: 'delivery' });
			expect(waiting.first.status).toBe('error');
			expect(waiting.first.error?.message).toBe('As an AI Agent\'s human review step, Wait For must be Approval');
			expect(sandbox.requests({ provider: 'clearline', method: 'POST' })).toHaveLength(0);
		});
	});
});

const ACTION_NODES = NODE_TYPES.map((NodeType) => new NodeType());

const REVIEW_QUESTION = 'The agent wants to call Send Refund';

function waitForOf(node: { description: { properties: Array<{ name: string; default?: unknown; options?: unknown[] }> } }) {
	return node.description.properties.find((property) => property.name === 'waitFor');
}

/** The node as n8n registers its human review type: the same node under `<name>HitlTool`. */
function asHumanReviewType<T extends { description: { name: string } }>(node: T): T {
	node.description = { ...node.description, name: `${node.description.name}HitlTool` };
	return node;
}

/**
 * The review step as n8n runs it: the type's hidden Operation and Response Type as n8n fills them,
 * the review Message, the approver's number, and no Wait For unless given.
 */
async function askForReview(sandbox: Sandbox, provider: ProviderFixture, parameters: IDataObject = {}): Promise<WaitingWorkflow> {
	const { additionalFields: _sendOnly, ...sendParameters } = provider.sendParameters;
	const workflow = workflowFor(provider);
	const send = workflow.nodes.find((node) => node.name === SEND)!;
	send.type = `${provider.nodeType}HitlTool`;
	send.parameters = { ...sendParameters, operation: 'sendAndWait', responseType: 'approval', to: '={{ $json.to }}', message: REVIEW_QUESTION, ...parameters };
	return await runWaitingWorkflow({
		workflow,
		nodeTypes: NODE_TYPES.map((NodeType) => asHumanReviewType(new NodeType())),
		credentials: sandboxCredentialData(sandbox),
	});
}
