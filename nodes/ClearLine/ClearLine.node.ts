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
