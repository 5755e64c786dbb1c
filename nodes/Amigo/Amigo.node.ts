import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resourceProperty } from '../../lib/fields';
import { runChosenOperation } from '../../lib/operations';
import { sendSms } from './actions/sendSms';
import { smsOperations, smsSendFields } from './descriptions/SmsDescription';

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
		});
	}
}
