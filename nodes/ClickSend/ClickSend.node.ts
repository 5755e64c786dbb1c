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
import { deliveryReceiptHandlers } from './actions/deliveryReceipts';
import { inboundHandlers } from './actions/inbound';
import { searchSenders, searchTemplates } from './actions/listSearch';
import { sendMessageAndWait } from './actions/sendMessages';
import { smsHandlers } from './actions/sms';
import { templateHandlers } from './actions/templates';
import { deliveryReceiptFields, deliveryReceiptOperations } from './descriptions/DeliveryReceiptDescription';
import { inboundFields, inboundOperations } from './descriptions/InboundDescription';
import { CLICKSEND_WAITS } from './descriptions/sendFields';
import { smsFields, smsOperations } from './descriptions/SmsDescription';
import { templateFields, templateOperations } from './descriptions/TemplateDescription';
import { CLICKSEND_CREDENTIAL } from './transport';

export class ClickSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend',
		name: 'clickSend',
		icon: { light: 'file:../../icons/clicksend.svg', dark: 'file:../../icons/clicksend.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS in bulk, manage templates, and read delivery receipts and replies through ClickSend',
		defaults: { name: 'ClickSend' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Served only while an execution waits on this node (Send and Wait).
		webhooks: sendAndWaitResumeWebhooks(),
		credentials: [{ name: CLICKSEND_CREDENTIAL, required: true }],
		properties: [
			resourceProperty([
				{ name: 'SMS', value: 'sms' },
				{ name: 'Template', value: 'template' },
				{ name: 'Delivery Receipt', value: 'deliveryReceipt' },
				{ name: 'Inbound SMS', value: 'inbound' },
			]),
			...smsOperations,
			...smsFields,
			...templateOperations,
			...templateFields,
			...deliveryReceiptOperations,
			...deliveryReceiptFields,
			...inboundOperations,
			...inboundFields,
		],
	};

	methods = { listSearch: { searchSenders, searchTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			...smsHandlers,
			...templateHandlers,
			...deliveryReceiptHandlers,
			...inboundHandlers,
			[`sms:${SEND_AND_WAIT}`]: async (context) =>
				await sendAndWait(context, 'clicksend', CLICKSEND_WAITS, async (waiting) => await sendMessageAndWait(context, waiting)),
		});
	}

	/** The approval page and its answer, at the resume URL of an execution waiting on this node. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSendAndWaitCall(this, CLICKSEND_WAITS);
	}
}
