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
import { AMIGO_WAITS, smsOperations, smsSendFields } from './descriptions/SmsDescription';

export class Amigo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amigo',
		name: 'amigo',
		icon: { light: 'file:../../icons/amigo.svg', dark: 'file:../../icons/amigo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS through an Amigo SMS use case',
		defaults: { name: 'Amigo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Served only while an execution waits on this node (Send and Wait).
		webhooks: sendAndWaitResumeWebhooks(),
		credentials: [{ name: 'amigoApi', required: true }],
		properties: [
			resourceProperty([{ name: 'SMS', value: 'sms' }]),
			...smsOperations,
			...smsSendFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			'sms:send': sendSms,
			[`sms:${SEND_AND_WAIT}`]: async (context) => await sendAndWait(context, 'amigo', AMIGO_WAITS, async (waiting) => await sendSms(context, waiting)),
		});
	}

	/** The approval page and its answer, at the resume URL of an execution waiting on this node. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSendAndWaitCall(this, AMIGO_WAITS);
	}
}
