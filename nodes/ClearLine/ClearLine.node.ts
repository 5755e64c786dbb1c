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
import { deliveryReceiptResumeWebhooks, receiveDeliveryReceipt, SEND_AND_WAIT, sendAndWaitForDelivery } from '../../lib/send-and-wait';
import { sendSms } from './actions/sendSms';
import { readClearLineReceipt } from './receipt';
import { smsOperations, smsSendFields } from './descriptions/SmsDescription';

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
		// Served only while an execution waits on this node (Send and Wait for Delivery).
		webhooks: deliveryReceiptResumeWebhooks(),
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
				await sendAndWaitForDelivery(context, 'clearline', async (receiptUrl) => await sendSms(context, receiptUrl)),
		});
	}

	/** The delivery receipt posted to the resume URL of an execution waiting on this node. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDeliveryReceipt(this, readClearLineReceipt);
	}
}
