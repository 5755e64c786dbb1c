import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { sendSms } from './actions/sendSms';
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
		credentials: [{ name: 'clearLineApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'SMS', value: 'sms' }],
				default: 'sms',
			},
			...smsOperations,
			...smsSendFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0);
		const operation = this.getNodeParameter('operation', 0);
		if (resource === 'sms' && operation === 'send') return [await sendSms(this)];
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
}
