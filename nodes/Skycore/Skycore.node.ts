import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { resourceProperty } from '../../lib/fields';
import { runChosenOperation } from '../../lib/operations';
import { receiveSendAndWaitCall, SEND_AND_WAIT, sendAndWait, sendAndWaitResumeWebhooks } from '../../lib/send-and-wait';
import { sendSms } from './actions/sendSms';
import { SKYCORE_WAITS, smsOperations, smsSendFields } from './descriptions/SmsDescription';

export class Skycore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Skycore',
		name: 'skycore',
		icon: { light: 'file:../../icons/skycore.svg', dark: 'file:../../icons/skycore.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS through Skycore',
		defaults: { name: 'Skycore' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Served only while an execution waits on this node (Send and Wait).
		webhooks: sendAndWaitResumeWebhooks(),
		credentials: [{ name: 'skycoreApi', required: true }],
		properties: [
			resourceProperty([{ name: 'SMS', value: 'sms' }]),
			...smsOperations,
			...smsSendFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			'sms:send': sendSms,
			[`sms:${SEND_AND_WAIT}`]: async (context) => await sendAndWait(context, 'skycore', SKYCORE_WAITS, async (waiting) => await sendSms(context, waiting)),
		});
	}

	/** The approval page and its answer, at the resume URL of an execution waiting on this node. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSendAndWaitCall(this, SKYCORE_WAITS);
	}
}
