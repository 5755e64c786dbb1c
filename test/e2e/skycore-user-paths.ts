/**
 * Two things a user meets first in a real n8n, checked there with Skycore (the provider no other
 * e2e check sends through after its own send check):
 * - text pasted from a document (curly apostrophe, en dash, ellipsis) goes out as plain GSM-7
 *   text, one SMS instead of two, while a text with an emoji goes out as written;
 * - a reply workflow, Skycore Trigger → Skycore Send to `{{ $json.from }}`, answers the person who
 *   texted in: the trigger gives the sender in E.164, though Skycore posts bare digits.
 */
import { isDeepStrictEqual } from 'node:util';

import { executeWorkflow } from '../../scripts/n8n/cli';
import { parseStoredExecutionData } from '../../scripts/n8n/database';
import { sleep } from '../../scripts/n8n/util';
import {
	MANUAL_TRIGGER_NAME,
	mainChain,
	manualTriggerNode,
	NODE_TYPES,
	providerFixture,
	sendNode,
	triggerWorkflow,
	workflowShell,
	type ImportableWorkflow,
} from '../../scripts/n8n-fixtures';
import { assert } from './check-runner';
import { publishWorkflow, type N8nSession } from './n8n-rest';
import { outputOf, storedRunData } from './send-and-wait';
import {
	assertReceiptAnswered,
	cliOptions,
	executionError,
	firstOutputItem,
	lastLines,
	relevantLogLines,
	waitForExecutions,
	type Context,
	type Sandbox,
} from './support';

const SKYCORE = providerFixture('skycore');

export const SKYCORE_USER_PATH_CHECKS = {
	pastedText:
		'a Skycore send of pasted text with curly quotes, a long dash and an ellipsis reaches Skycore as plain text in 1 SMS (GSM-7, where UCS-2 would take 2); a text with an emoji is sent as written (UCS-2)',
	replyToSender:
		'a published Skycore Trigger → Skycore Send to {{ $json.from }} workflow answers an inbound SMS from 17743199144: the trigger gives the sender as +17743199144 and the reply reaches Skycore for 17743199144',
};

// ---------------------------------------------------------------------------------------------
// Pasted text

/** The README's example: longer than one UCS-2 SMS, short enough for one GSM-7 SMS. */
const PASTED = {
	typed: 'We’re open – see you at the shop… Bring the “blue” voucher, 9 am to 5 pm.',
	sent: 'We\'re open - see you at the shop... Bring the "blue" voucher, 9 am to 5 pm.',
};
const WITH_EMOJI = 'We’re open 🙂';

const PASTED_TEXT_NODES = { pasted: 'Send Pasted Text', emoji: 'Send Text With an Emoji' } as const;

export const PASTED_TEXT_WORKFLOW_ID = 'e2eSkycorePasted';

/** Manual Trigger → Skycore Send of the pasted text → Skycore Send of the emoji text; Replace Look-Alike Characters left at its default. */
export function pastedTextWorkflow(): ImportableWorkflow {
	return workflowShell(
		{ id: PASTED_TEXT_WORKFLOW_ID, name: 'e2e: Skycore send of pasted text and of a text with an emoji' },
		[
			manualTriggerNode(),
			sendNode(SKYCORE, { id: 'd1a6f4c3-8e0b-4f94-8d88-5c3a9f4b3e01', name: PASTED_TEXT_NODES.pasted, position: [240, 0] }, { message: PASTED.typed }),
			sendNode(SKYCORE, { id: 'd1a6f4c3-8e0b-4f94-8d88-5c3a9f4b3e02', name: PASTED_TEXT_NODES.emoji, position: [480, 0] }, { message: WITH_EMOJI }),
		],
		mainChain(MANUAL_TRIGGER_NAME, PASTED_TEXT_NODES.pasted, PASTED_TEXT_NODES.emoji),
	);
}

export async function checkPastedText(context: Context): Promise<string> {
	const result = await executeWorkflow(PASTED_TEXT_WORKFLOW_ID, cliOptions(context));
	const failure = executionError(result.output);
	assert(result.exitCode === 0 && !failure, `n8n execute exited ${result.exitCode ?? `on ${result.raw.signal}`}: ${failure ?? lastLines(result.raw.stdout + result.raw.stderr, 15)}`);
	const messages = await skycoreMessages(context.sandbox!);
	const sent = (node: string) => {
		const output = firstOutputItem(result.output, node);
		const message = messages.find((candidate) => candidate.trackingId === output?.messageId);
		assert(output && message, `${node}: no message in the sandbox for the output ${JSON.stringify(output)}`);
		return { output, text: message.messageText };
	};

	const pasted = sent(PASTED_TEXT_NODES.pasted);
	assert(pasted.text === PASTED.sent, `Skycore received ${JSON.stringify(pasted.text)}, not ${JSON.stringify(PASTED.sent)}`);
	assertCounted(PASTED_TEXT_NODES.pasted, pasted.output, { encoding: 'GSM-7', segments: 1, characters: [...PASTED.sent].length });

	const emoji = sent(PASTED_TEXT_NODES.emoji);
	assert(emoji.text === WITH_EMOJI, `Skycore received ${JSON.stringify(emoji.text)}, not the text as written ${JSON.stringify(WITH_EMOJI)}`);
	assertCounted(PASTED_TEXT_NODES.emoji, emoji.output, { encoding: 'UCS-2', segments: 1, characters: [...WITH_EMOJI].length });

	return `sent ${JSON.stringify(pasted.text)} (GSM-7, 1 SMS) and ${JSON.stringify(emoji.text)} (UCS-2, 1 SMS)`;
}

/** The Send's output counts the text that went out. */
function assertCounted(node: string, output: Record<string, unknown>, expected: { encoding: string; segments: number; characters: number }): void {
	const counted = { encoding: output.encoding, segments: output.segments, characters: output.characters };
	assert(isDeepStrictEqual(counted, expected), `${node} output ${JSON.stringify(counted)}, not ${JSON.stringify(expected)}`);
}

// ---------------------------------------------------------------------------------------------
// A reply to an inbound SMS

/** Skycore writes numbers as international digits without `+`. */
const SENDER_DIGITS = '17743199144';
const SENDER_E164 = `+${SENDER_DIGITS}`;
const REPLY_TEXT = 'Thanks, we got your message and will call you back today.';

const REPLY_NODES = { trigger: 'Skycore Trigger', reply: 'Reply to the Sender' } as const;

export const REPLY_WORKFLOW = { id: 'e2eSkycoreReply0', webhookId: '7f2b5e4d-9a1c-4e05-9e99-6d4b0a5c4f01', path: 'postback' } as const;

/** Skycore Trigger (inbound SMS only, so the reply's own delivery postbacks start nothing) → Skycore Send to `{{ $json.from }}`. */
export function replyWorkflow(): ImportableWorkflow {
	const workflow = triggerWorkflow({
		id: REPLY_WORKFLOW.id,
		name: 'e2e: Skycore Trigger → reply to the sender',
		webhookId: REPLY_WORKFLOW.webhookId,
		nodeType: NODE_TYPES.skycoreTrigger,
		nodeName: REPLY_NODES.trigger,
		parameters: { events: ['inboundMessage'], authentication: 'none', options: {} },
	});
	return {
		...workflow,
		nodes: [
			...workflow.nodes,
			sendNode(SKYCORE, { id: '7f2b5e4d-9a1c-4e05-9e99-6d4b0a5c4f02', name: REPLY_NODES.reply, position: [240, 0] }, { to: '={{ $json.from }}', message: REPLY_TEXT }),
		],
		connections: mainChain(REPLY_NODES.trigger, REPLY_NODES.reply),
	};
}

/**
 * Publishes the reply workflow as the editor's Publish button does, points the sandbox's Skycore
 * postback URL at it, and has the sandbox post an inbound SMS (origin SMS_MO, code N211) there.
 */
export async function checkReplyToSender(context: Context, session: N8nSession): Promise<string> {
	const sandbox = context.sandbox!;
	const n8n = context.n8n!;
	await publishWorkflow(session, REPLY_WORKFLOW.id);
	const url = `${n8n.url}/webhook/${REPLY_WORKFLOW.webhookId}/${REPLY_WORKFLOW.path}`;
	await sandboxAction(sandbox, 'postback-url', { url });
	try {
		const { postback } = (await sandboxAction(sandbox, 'inbound', { from: SENDER_DIGITS, text: 'Are you open on Saturday?' })) as { postback: Record<string, string> };
		assertReceiptAnswered([await postbackAnswer(sandbox, postback['tracking-id'])], n8n);

		const executions = await waitForExecutions(context, REPLY_WORKFLOW.id, 1, 20_000);
		assert(executions.length === 1, `expected 1 execution of the reply workflow, n8n has ${executions.length}\n${relevantLogLines(n8n)}`);
		const [execution] = executions;
		const runData = storedRunData(execution.data);
		const [event] = outputOf(runData, REPLY_NODES.trigger);
		const ended = `the execution ended "${execution.status}"${execution.status === 'success' ? '' : `: ${executionError({ data: parseStoredExecutionData(String(execution.data)) })}`}`;
		assert(event?.from === SENDER_E164, `the trigger gave from ${JSON.stringify(event?.from)}, not ${SENDER_E164}; ${ended}`);
		assert(execution.status === 'success', ended);

		const replies = (await skycoreMessages(sandbox)).filter((message) => message.to === SENDER_DIGITS);
		assert(replies.length === 1 && replies[0].messageText === REPLY_TEXT, `Skycore received ${replies.length} messages for ${SENDER_DIGITS}: ${JSON.stringify(replies.map((reply) => reply.messageText))}`);
		const [reply] = outputOf(runData, REPLY_NODES.reply);
		return `from ${event.from}, reply ${String(reply?.messageId)} to ${String(reply?.to)} (Skycore: to ${replies[0].to}), execution ${execution.id}`;
	} finally {
		await sandboxAction(sandbox, 'postback-url', { url: null });
	}
}

// ---------------------------------------------------------------------------------------------
// The sandbox's Skycore

interface SkycoreMessage {
	trackingId: string;
	to: string;
	messageText: string;
}

async function skycoreMessages(sandbox: Sandbox): Promise<SkycoreMessage[]> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/skycore/messages`);
	assert(response.ok, `GET /_sandbox/skycore/messages answered ${response.status}`);
	return (await response.json()) as SkycoreMessage[];
}

async function sandboxAction(sandbox: Sandbox, action: string, body: unknown): Promise<unknown> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/skycore/${action}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	assert(response.ok, `POST /_sandbox/skycore/${action} answered ${response.status}: ${text}`);
	return JSON.parse(text) as unknown;
}

interface CallbackEntry {
	body: Record<string, unknown>;
	status: number | null;
	responseBody: string;
	error: string | null;
}

/** n8n's answer to the sandbox's postback with this tracking-id, once the sandbox has posted it. */
async function postbackAnswer(sandbox: Sandbox, trackingId: string): Promise<CallbackEntry> {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const response = await fetch(`${sandbox.baseUrl}/_sandbox/callbacks`);
		assert(response.ok, `GET /_sandbox/callbacks answered ${response.status}`);
		const entry = ((await response.json()) as CallbackEntry[]).find((candidate) => candidate.body?.['tracking-id'] === trackingId);
		if (entry) return entry;
		assert(Date.now() < deadline, `the sandbox did not post the inbound SMS ${trackingId} within 15 s`);
		await sleep(250);
	}
}
