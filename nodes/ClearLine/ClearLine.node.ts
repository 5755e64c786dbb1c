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
import { readClearLineReceipt } from './receipt';
import { CLEARLINE_WAITS, smsOperations, smsSendFields } from './descriptions/SmsDescription';

export class ClearLine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClearLine',
		name: 'clearLine',
		icon: { light: 'file:../../icons/clearline.svg', dark: 'file:../../icons/clearline.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS through ClearLine',
		defaults: { name: 'ClearLine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Served only while an execution waits on this node (Send and Wait).
		webhooks: sendAndWaitResumeWebhooks(),
		credentials: [{ name: 'clearLineApi', required: true }],
		properties: [
			resourceProperty([{ name: 'SMS', value: 'sms' }]),
			...smsOperations,
			...smsSendFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			'sms:send': sendSms,
			[`sms:${SEND_AND_WAIT}`]: async (context) =>
				await sendAndWait(context, 'clearline', CLEARLINE_WAITS, async (waiting) => await sendSms(context, waiting)),
		});
	}

	/** The delivery receipt, or the approval page and its answer, at the resume URL of an execution waiting on this node. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSendAndWaitCall(this, CLEARLINE_WAITS, readClearLineReceipt);
	}
}
