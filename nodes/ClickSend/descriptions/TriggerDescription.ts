import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties } from '../../../lib/fields';

const showForInbound = { show: { events: ['inboundMessage'] } };

export const triggerFields: INodeProperties[] = triggerProperties({
	setupNotice:
		'Nothing to paste into ClickSend: activating this workflow creates the automation rules (a receipt rule and/or an inbound rule named after this workflow) that send events to this node, and deactivating it deletes them.',
	events: {
		deliveryReceipt: 'ClickSend reports a sent message as sent, delivered, or failed',
		inboundMessage: 'Someone texted one of the account’s numbers (a reply or a keyword)',
	},
	fields: [
		{
			displayName: 'Dedicated Number',
			name: 'dedicatedNumber',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description:
				'The account’s dedicated number whose inbound SMS start the workflow; Any of the Account’s Numbers (or an empty value) for all of them. Activating the workflow checks that the account has this number.',
			displayOptions: showForInbound,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchDedicatedNumbers', searchable: true },
				},
				{
					displayName: 'By Number',
					name: 'number',
					type: 'string',
					placeholder: 'e.g. +61411000100',
					hint: 'With + and its country code, as ClickSend lists it',
				},
			],
		},
		{
			displayName: 'Keyword Filter',
			name: 'keywordFilter',
			type: 'options',
			options: [
				{ name: 'Any Message', value: 'any' },
				{ name: 'Starts With', value: 'startsWith' },
				{ name: 'Contains', value: 'contains' },
				{ name: 'Does Not Contain', value: 'doesNotContain' },
			],
			default: 'any',
			description: 'Which inbound SMS ClickSend sends here, compared by ClickSend without regard to case',
			displayOptions: showForInbound,
		},
		{
			displayName: 'Keyword',
			name: 'keyword',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. STOP',
			displayOptions: { show: { events: ['inboundMessage'], keywordFilter: ['startsWith', 'contains', 'doesNotContain'] } },
		},
		{
			displayName: 'Inbound Format',
			name: 'inboundFormat',
			type: 'options',
			options: [
				{ name: 'Form', value: 'post', description: 'Form-encoded POST, ClickSend’s default' },
				{ name: 'JSON', value: 'json', description: 'JSON POST' },
			],
			default: 'post',
			description: 'How ClickSend posts inbound SMS; the node reads both, so change it only for a proxy that needs one',
			displayOptions: showForInbound,
		},
	],
	afterAuthentication: [
		{
			displayName:
				'ClickSend posts to the rule\'s URL without any header or password, so with this protection its events are refused (401). Use it only behind a proxy that adds the header or the password; otherwise keep None and keep the URL private.',
			name: 'protectionNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['headerAuth', 'basicAuth'] } },
		},
	],
});
