import type { ProviderContext } from '../../provider';
import { defaultSenders, type ClickSendSenders } from './account';

/** A message as /sms/history lists it (the spec's history example, field for field). */
export interface ClickSendHistoryMessage {
	direction: 'out';
	date: number;
	to: string;
	body: string;
	status: ClickSendHistoryStatus;
	from: string;
	schedule: string;
	status_code: string | null;
	status_text: string | null;
	message_id: string;
	message_parts: number;
	message_price: string;
	from_email: string | null;
	list_id: number | null;
	custom_string: string | null;
	contact_id: number | null;
	user_id: number;
	subaccount_id: number;
	country: string;
	carrier: string;
	first_name: string | null;
	last_name: string | null;
	_api_username: string;
}

export type ClickSendHistoryStatus = 'Queued' | 'Scheduled' | 'Sent' | 'Failed' | 'Cancelled';

/** A delivery receipt as /sms/receipts lists it. */
export interface ClickSendReceipt {
	timestamp_send: number;
	timestamp: number;
	message_id: string;
	status_code: string;
	status_text: string;
	error_code: string | null;
	error_text: string | null;
	custom_string: string | null;
	subaccount_id: number;
	message_type: 'sms';
	digits: null;
}

/** An inbound SMS as /sms/inbound lists it. The spec's examples name the time `timestamp_send` in the list and `timestamp` for one message: both are given. */
export interface ClickSendInbound {
	timestamp_send: number;
	timestamp: number;
	from: string;
	body: string;
	original_body: string;
	original_message_id: string;
	to: string;
	custom_string: string;
	message_id: string;
	_keyword: string;
}

export interface ClickSendTemplate {
	template_id: number;
	template_name: string;
	body: string;
}

export type WebhookType = 'post' | 'get' | 'json';

export interface ClickSendInboundRule {
	inbound_rule_id: number;
	dedicated_number: string;
	rule_name: string;
	message_search_type: number;
	message_search_term: string;
	action: string;
	action_address: string;
	enabled: number;
	webhook_type: WebhookType;
}

export interface ClickSendReceiptRule {
	receipt_rule_id: number;
	rule_name: string;
	match_type: number;
	action: string;
	action_address: string;
	enabled: number;
}

/** Read flags live beside the records so that the records stay exactly what the API shows. */
export interface Readable<T> {
	record: T;
	read: boolean;
}

export interface ClickSendState {
	context: ProviderContext;
	messages: ClickSendHistoryMessage[];
	receipts: Array<Readable<ClickSendReceipt>>;
	inbound: Array<Readable<ClickSendInbound>>;
	templates: ClickSendTemplate[];
	inboundRules: ClickSendInboundRule[];
	receiptRules: ClickSendReceiptRule[];
	/** History exports by id, served as CSV at GET /exports/:id (no auth, like a pre-signed link). */
	exports: Map<string, { filename: string; csv: string }>;
	nextIds: { template: number; inboundRule: number; receiptRule: number };
	senders: ClickSendSenders;
}

export function createState(context: ProviderContext): ClickSendState {
	return {
		context,
		messages: [],
		receipts: [],
		inbound: [],
		templates: [],
		inboundRules: [],
		receiptRules: [],
		exports: new Map(),
		nextIds: { template: 589242, inboundRule: 1, receiptRule: 1 },
		senders: defaultSenders(),
	};
}
