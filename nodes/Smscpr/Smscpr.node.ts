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
import { getManyMessages } from './actions/getManyMessages';
import { getMessageStatus } from './actions/getMessageStatus';
import { sendSms } from './actions/sendSms';
import { readSmscprEvent } from './receipt';
import { SMSCPR_WAITS, smsFields, smsOperations } from './descriptions/SmsDescription';

export class Smscpr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCPR',
		name: 'smscpr',
		icon: { light: 'file:../../icons/smscpr.svg', dark: 'file:../../icons/smscpr.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS and read delivery status through SMSCPR (Strategic Mobile)',
		defaults: { name: 'SMSCPR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Served only while an execution waits on this node (Send and Wait).
		webhooks: sendAndWaitResumeWebhooks(),
		credentials: [{ name: 'smscprApi', required: true }],
		properties: [
			resourceProperty([{ name: 'SMS', value: 'sms' }]),
			...smsOperations,
			...smsFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			'sms:send': sendSms,
			[`sms:${SEND_AND_WAIT}`]: async (context) =>
				await sendAndWait(context, 'smscpr', SMSCPR_WAITS, async (waiting) => await sendSms(context, waiting)),
			'sms:getStatus': getMessageStatus,
			'sms:getAll': getManyMessages,
		});
	}

	/** The delivery receipt, or the approval page and its answer, at the resume URL of an execution waiting on this node. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSendAndWaitCall(this, SMSCPR_WAITS, readSmscprEvent);
	}
}
