/**
 * The five Send nodes behind one shape, so reliability suites can run the same case against
 * each: items built from a list of recipients, the node's output, and the sandbox's record of
 * which recipient each request carried.
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS } from '../../sandbox/keys';
import type { Sandbox } from '../../sandbox/server';
import type { ProviderName, RequestLogEntry } from '../../sandbox/types';
import type { NodeSettings, WorkflowRunResult } from '../harness';
import { runAmigoSend } from '../nodes/Amigo/amigo-fixtures';
import { runClearLineSend } from '../nodes/ClearLine/clearline-fixtures';
import { runClickSendSend } from '../nodes/ClickSend/clicksend-fixtures';
import { runSkycoreSend } from '../nodes/Skycore/skycore-fixtures';
import { runSmscprSend } from '../nodes/Smscpr/smscpr-fixtures';

export interface SendCase {
	recipients: string[];
	continueOnFail?: boolean;
	/** On Error and Retry On Fail of the Send node; wins over continueOnFail. */
	nodeSettings?: NodeSettings;
	options?: IDataObject;
}

export interface ProviderSender {
	provider: ProviderName;
	/** The node's name in its test workflow. */
	node: string;
	/** How the path of its send route ends in the request log (which includes the provider's mount). */
	sendPath: string;
	/** The send route as the sandbox's faults match it (without the mount); undefined: any POST. */
	faultPath?: string;
	/** Messages per request: 1, or the batch size (ClickSend). */
	batched: boolean;
	/** Distinct valid recipients that the sandbox delivers normally. */
	recipients(count: number): string[];
	send(sandbox: Sandbox, run: SendCase): Promise<WorkflowRunResult>;
}

const usNumbers = (count: number) => Array.from({ length: count }, (_, index) => `+1202555${String(1301 + index)}`);
const message = (index: number) => `Reliability message ${index}`;

export const PROVIDER_SENDERS: ProviderSender[] = [
	{
		provider: 'amigo',
		node: 'Send SMS',
		sendPath: '/v1/sms/',
		faultPath: '/v1/sms/',
		batched: false,
		recipients: usNumbers,
		send: async (sandbox, run) =>
			await runAmigoSend(sandbox, {
				items: run.recipients.map((to, index) => ({ use_case_id: SANDBOX_KEYS.amigo.useCaseId, to_phone_number: to, message: message(index) })),
				continueOnFail: run.continueOnFail,
				nodeSettings: run.nodeSettings,
				options: run.options,
			}),
	},
	{
		provider: 'clearline',
		node: 'Send SMS',
		sendPath: '/MessageSender/sms',
		faultPath: '/MessageSender/sms',
		batched: false,
		recipients: usNumbers,
		send: async (sandbox, run) =>
			await runClearLineSend(sandbox, {
				items: run.recipients.map((phone, index) => ({ phone, message: message(index) })),
				continueOnFail: run.continueOnFail,
				nodeSettings: run.nodeSettings,
				options: run.options,
			}),
	},
	{
		provider: 'clicksend',
		node: 'ClickSend',
		sendPath: '/sms/send',
		faultPath: '/sms/send',
		batched: true,
		recipients: (count) => Array.from({ length: count }, (_, index) => `+614112${String(34_101 + index)}`),
		send: async (sandbox, run) =>
			await runClickSendSend(
				sandbox,
				run.recipients.map((to, index) => ({ to, body: message(index) })),
				{ continueOnFail: run.continueOnFail, nodeSettings: run.nodeSettings, parameters: { options: run.options ?? {} } },
			),
	},
	{
		provider: 'skycore',
		node: 'Send SMS',
		sendPath: '/skycore',
		batched: false,
		recipients: usNumbers,
		send: async (sandbox, run) =>
			await runSkycoreSend(sandbox, {
				items: run.recipients.map((to, index) => ({ to, from: '00000', message: message(index) })),
				continueOnFail: run.continueOnFail,
				nodeSettings: run.nodeSettings,
				options: run.options,
			}),
	},
	{
		provider: 'smscpr',
		node: 'Send SMS',
		sendPath: '/sendsms',
		faultPath: '/sendsms',
		batched: false,
		recipients: usNumbers,
		send: async (sandbox, run) =>
			await runSmscprSend(sandbox, {
				items: run.recipients.map((to, index) => ({ from: '+12025550199', to, body: message(index) })),
				continueOnFail: run.continueOnFail,
				nodeSettings: run.nodeSettings,
				parameters: { options: run.options ?? {} },
			}),
	},
];

/** The requests the sandbox got at the provider's send route. */
export function sendRequestsOf(sandbox: Sandbox, sender: ProviderSender): RequestLogEntry[] {
	return sandbox.requests({ provider: sender.provider, method: 'POST' }).filter((entry) => entry.path.endsWith(sender.sendPath));
}

/** The national digits identify a recipient in any body shape (E.164, digits, nested lists). */
const digitsOf = (phone: string) => phone.replace(/\D/g, '').slice(-9);

/**
 * For each recipient, how many requests carried it to the sandbox: `processed` (the provider
 * answered) and `faulted` (a fault answered, hung or reset instead; the provider never saw it).
 */
export function deliveriesByRecipient(sandbox: Sandbox, sender: ProviderSender, recipients: string[]) {
	const requests = sendRequestsOf(sandbox, sender);
	return recipients.map((recipient) => {
		const carrying = requests.filter((entry) => JSON.stringify(entry.body).includes(digitsOf(recipient)));
		return {
			recipient,
			processed: carrying.filter((entry) => entry.fault === undefined).length,
			faulted: carrying.filter((entry) => entry.fault !== undefined).length,
		};
	});
}
