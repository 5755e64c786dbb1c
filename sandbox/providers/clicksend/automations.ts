/**
 * Automation rules, ClickSend's webhook registration: inbound rules (where replies go) and
 * receipt rules (where delivery receipts go). Full CRUD; PUT changes only the fields given.
 */
import type { ProviderRequest, ProviderResponse, ProviderRoute } from '../../provider';
import { badRequest, bodyObject, notFound, paginate, success, toInteger } from './envelope';
import type { ClickSendInboundRule, ClickSendReceiptRule, ClickSendState, WebhookType } from './state';

/** The actions ClickSend's rule model lists; only URL makes the sandbox post anything. */
const RULE_ACTIONS = new Set([
	'AUTO_REPLY',
	'EMAIL_USER',
	'EMAIL_FIXED',
	'URL',
	'SMS',
	'POLL',
	'GROUP_SMS',
	'MOVE_CONTACT',
	'CREATE_CONTACT',
	'CREATE_CONTACT_PLUS_EMAIL',
	'CREATE_CONTACT_PLUS_NAME_EMAIL',
	'CREATE_CONTACT_PLUS_NAME',
	'SMPP',
	'NONE',
]);
const WEBHOOK_TYPES: readonly WebhookType[] = ['post', 'get', 'json'];

type Fields = Record<string, unknown>;
type Reader<T> = (body: Fields, current: T | undefined) => Omit<T, 'inbound_rule_id' | 'receipt_rule_id'> | string;

interface RuleResource<T> {
	path: string;
	idName: string;
	noun: string;
	list(): T[];
	replace(rules: T[]): void;
	idOf(rule: T): number;
	create(fields: Omit<T, 'inbound_rule_id' | 'receipt_rule_id'>): T;
	read: Reader<T>;
}

export function automationRoutes(state: ClickSendState): ProviderRoute[] {
	return [
		...ruleRoutes<ClickSendInboundRule>({
			path: '/automations/sms/inbound',
			idName: 'inbound_rule_id',
			noun: 'inbound rule',
			list: () => state.inboundRules,
			replace: (rules) => (state.inboundRules = rules),
			idOf: (rule) => rule.inbound_rule_id,
			create: (fields) => ({ inbound_rule_id: state.nextIds.inboundRule++, ...(fields as Omit<ClickSendInboundRule, 'inbound_rule_id'>) }),
			read: readInboundRule,
		}),
		...ruleRoutes<ClickSendReceiptRule>({
			path: '/automations/sms/receipts',
			idName: 'receipt_rule_id',
			noun: 'receipt rule',
			list: () => state.receiptRules,
			replace: (rules) => (state.receiptRules = rules),
			idOf: (rule) => rule.receipt_rule_id,
			create: (fields) => ({ receipt_rule_id: state.nextIds.receiptRule++, ...(fields as Omit<ClickSendReceiptRule, 'receipt_rule_id'>) }),
			read: readReceiptRule,
		}),
	];
}

function ruleRoutes<T extends object>(resource: RuleResource<T>): ProviderRoute[] {
	const itemPath = `${resource.path}/:${resource.idName}`;
	const find = (request: ProviderRequest) => resource.list().find((rule) => String(resource.idOf(rule)) === request.params[resource.idName]);
	const missing = () => notFound(`Your ${resource.noun} was not found.`);
	const read = (request: ProviderRequest, current: T | undefined): { fields: Omit<T, 'inbound_rule_id' | 'receipt_rule_id'> } | { refusal: ProviderResponse } => {
		const fields = resource.read(bodyObject(request), current);
		return typeof fields === 'string' ? { refusal: badRequest(fields) } : { fields };
	};

	return [
		{ method: 'GET', path: resource.path, handle: (request) => success(`Your list of ${resource.noun}s.`, paginate(resource.list(), request)) },
		{
			method: 'POST',
			path: resource.path,
			handle: (request) => {
				const checked = read(request, undefined);
				if ('refusal' in checked) return checked.refusal;
				const rule = resource.create(checked.fields);
				resource.list().push(rule);
				return success(`Your new ${resource.noun} has been added.`, rule);
			},
		},
		{
			method: 'GET',
			path: itemPath,
			handle: (request) => {
				const rule = find(request);
				return rule ? success(`Your ${resource.noun}.`, rule) : missing();
			},
		},
		{
			method: 'PUT',
			path: itemPath,
			handle: (request) => {
				const rule = find(request);
				if (!rule) return missing();
				const checked = read(request, rule);
				if ('refusal' in checked) return checked.refusal;
				Object.assign(rule, checked.fields);
				return success(`Your ${resource.noun} has been updated.`, rule);
			},
		},
		{
			method: 'DELETE',
			path: itemPath,
			handle: (request) => {
				const rule = find(request);
				if (!rule) return missing();
				resource.replace(resource.list().filter((candidate) => candidate !== rule));
				return success(`Your ${resource.noun} has been deleted.`, null);
			},
		},
	];
}

function readInboundRule(body: Fields, current: ClickSendInboundRule | undefined): Omit<ClickSendInboundRule, 'inbound_rule_id'> | string {
	const common = readCommon(body, current);
	if (typeof common === 'string') return common;
	const dedicatedNumber = pick(body, current, 'dedicated_number');
	if (typeof dedicatedNumber !== 'string' || dedicatedNumber.trim() === '') return 'The dedicated number field is required.';
	const searchType = toInteger(pick(body, current, 'message_search_type'));
	if (searchType === undefined || searchType < 0 || searchType > 3) return 'The message search type must be 0, 1, 2 or 3.';
	const searchTerm = pick(body, current, 'message_search_term') ?? '';
	if (typeof searchTerm !== 'string') return 'The message search term must be a string.';
	if (searchType !== 0 && searchTerm === '') return 'The message search term field is required.';
	const webhookType = pick(body, current, 'webhook_type') ?? 'post';
	if (!WEBHOOK_TYPES.includes(webhookType as WebhookType)) return 'The webhook type must be post, get or json.';
	return {
		dedicated_number: dedicatedNumber,
		rule_name: common.rule_name,
		message_search_type: searchType,
		message_search_term: searchTerm,
		action: common.action,
		action_address: common.action_address,
		enabled: common.enabled,
		webhook_type: webhookType as WebhookType,
	};
}

function readReceiptRule(body: Fields, current: ClickSendReceiptRule | undefined): Omit<ClickSendReceiptRule, 'receipt_rule_id'> | string {
	const common = readCommon(body, current);
	if (typeof common === 'string') return common;
	const matchType = toInteger(pick(body, current, 'match_type'));
	if (matchType === undefined || matchType < 0) return 'The match type field is required (0 = all reports).';
	return { rule_name: common.rule_name, match_type: matchType, action: common.action, action_address: common.action_address, enabled: common.enabled };
}

interface CommonRuleFields {
	rule_name: string;
	action: string;
	action_address: string;
	enabled: number;
}

function readCommon(body: Fields, current: object | undefined): CommonRuleFields | string {
	const ruleName = pick(body, current, 'rule_name');
	if (typeof ruleName !== 'string' || ruleName.trim() === '') return 'The rule name field is required.';
	const action = pick(body, current, 'action');
	if (typeof action !== 'string' || !RULE_ACTIONS.has(action)) return `The action must be one of ${[...RULE_ACTIONS].join(', ')}.`;
	const address = pick(body, current, 'action_address');
	if (typeof address !== 'string' || (address.trim() === '' && action !== 'POLL' && action !== 'NONE')) return 'The action address field is required.';
	if (action === 'URL' && !/^https?:\/\/\S+$/i.test(address)) return 'The action address must be a valid http or https URL.';
	const enabled = toInteger(pick(body, current, 'enabled'));
	if (enabled !== 0 && enabled !== 1) return 'The enabled field must be 0 or 1.';
	return { rule_name: ruleName, action, action_address: address, enabled };
}

/** The field from the body, else (on update) the rule's current value. */
function pick(body: Fields, current: object | undefined, name: string): unknown {
	if (body[name] !== undefined) return body[name];
	return current ? (current as Fields)[name] : undefined;
}
