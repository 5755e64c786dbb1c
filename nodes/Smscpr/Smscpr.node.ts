import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getManyMessages } from './actions/getManyMessages';
import { getMessageStatus } from './actions/getMessageStatus';
import { sendSms } from './actions/sendSms';
import { smsFields, smsOperations } from './descriptions/SmsDescription';

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
		credentials: [{ name: 'smscprApi', required: true }],
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
			...smsFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0);
		const operation = this.getNodeParameter('operation', 0);
		if (resource === 'sms' && operation === 'send') return [await sendSms(this)];
		if (resource === 'sms' && operation === 'getStatus') return [await getMessageStatus(this)];
		if (resource === 'sms' && operation === 'getAll') return [await getManyMessages(this)];
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
}
