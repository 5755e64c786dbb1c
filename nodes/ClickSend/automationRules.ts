import { NodeApiError, type IDataObject, type IHookFunctions, type INode } from 'n8n-workflow';

import type { ProviderClient } from '../../lib/http';
import { asNodeError, createClickSendClient, envelopeData, PROVIDER_NAME } from './transport';

/**
 * ClickSend's automation rules, its API for registering webhooks: a receipt rule sends delivery
 * receipts to a URL, an inbound rule sends replies. The trigger creates and removes them.
 */

export type AutomationRuleKind = 'receipt' | 'inbound';

const RULE_PATHS: Record<AutomationRuleKind, string> = {
	receipt: '/automations/sms/receipts',
	inbound: '/automations/sms/inbound',
};

const RULE_ID_FIELDS: Record<AutomationRuleKind, string> = {
	receipt: 'receipt_rule_id',
	inbound: 'inbound_rule_id',
};

export interface AutomationRules {
	/** The rule, or undefined when ClickSend no longer has it (404). */
	find(kind: AutomationRuleKind, ruleId: string): Promise<IDataObject | undefined>;
	/** Creates the rule and returns its id. */
	create(kind: AutomationRuleKind, fields: IDataObject): Promise<string>;
	/** Deletes the rule; false when it was already gone (404). Any other failure is thrown. */
	remove(kind: AutomationRuleKind, ruleId: string): Promise<boolean>;
}

/** `existingClient`: the one the caller already made for the same activation, if any. */
export async function createAutomationRules(context: IHookFunctions, existingClient?: ProviderClient): Promise<AutomationRules> {
	const client = existingClient ?? (await createClickSendClient(context));
	const rulePath = (kind: AutomationRuleKind, ruleId: string) => `${RULE_PATHS[kind]}/${encodeURIComponent(ruleId)}`;

	return {
		async find(kind, ruleId) {
			const response = await unlessNotFound(client, context.getNode(), { method: 'GET', path: rulePath(kind, ruleId) });
			return response === undefined ? undefined : envelopeData(response);
		},
		async create(kind, fields) {
			// Creating twice makes two rules, and ClickSend would post every event twice: no retry.
			const response = await client.request(
				{ method: 'POST', path: RULE_PATHS[kind], body: fields },
				{ kind: 'send', retryOnServerError: false },
			);
			const ruleId = envelopeData(response.body)[RULE_ID_FIELDS[kind]];
			if (typeof ruleId !== 'number' && typeof ruleId !== 'string') {
				throw new NodeApiError(context.getNode(), { message: 'no rule id' }, {
					message: `${PROVIDER_NAME} created the ${kind} rule but did not return its ${RULE_ID_FIELDS[kind]}`,
					description: `Look for a rule named "${String(fields.rule_name)}" under Automations in the ClickSend dashboard and delete it by hand`,
				});
			}
			return String(ruleId);
		},
		async remove(kind, ruleId) {
			const response = await unlessNotFound(client, context.getNode(), { method: 'DELETE', path: rulePath(kind, ruleId) });
			return response !== undefined;
		},
	};
}

/**
 * The answer's body, or undefined for a 404: e.g. a rule is gone, which the caller expects to
 * happen (someone deleted it in the dashboard). GET and DELETE of one record can be repeated
 * safely, so they are retried like reads.
 */
async function unlessNotFound(
	client: ProviderClient,
	node: INode,
	call: { method: 'GET' | 'DELETE'; path: string },
): Promise<unknown> {
	try {
		const response = await client.request(call, { kind: 'read' });
		return response.body ?? {};
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw asNodeError(node, error);
	}
}
