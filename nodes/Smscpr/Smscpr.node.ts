import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resourceProperty } from '../../lib/fields';
import { runChosenOperation } from '../../lib/operations';
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
			resourceProperty([{ name: 'SMS', value: 'sms' }]),
			...smsOperations,
			...smsFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, {
			'sms:send': sendSms,
			'sms:getStatus': getMessageStatus,
			'sms:getAll': getManyMessages,
		});
	}
}
