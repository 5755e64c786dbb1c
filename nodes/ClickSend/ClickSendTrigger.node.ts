import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ALL_EVENT_KINDS, type ProviderEventKind } from '../../lib/provider-events';
import { providerEventWebhook, triggerNodeBasics, triggerWebhook } from '../../lib/trigger';
import { showForAuthentication, webhookProtectionCredentialTests } from '../../lib/webhook-protection';
import { createAutomationRules, type AutomationRuleKind, type AutomationRules } from './automationRules';
import { readClickSendEvent } from './clickSendEvents';
import { readDedicatedNumberParameter, requireDedicatedNumberOnAccount } from './dedicatedNumbers';
import { searchDedicatedNumbers } from './actions/listSearch';
import { triggerFields } from './descriptions/TriggerDescription';
import { asNodeError, createClickSendClient } from './transport';

/** Where each rule's id is kept in the node's static data between activation and deactivation. */
const RULE_ID_KEYS: Record<AutomationRuleKind, string> = { receipt: 'receiptRuleId', inbound: 'inboundRuleId' };

const ALL_RULE_KINDS = Object.keys(RULE_ID_KEYS) as AutomationRuleKind[];

const RULE_KIND_OF_EVENT: Record<ProviderEventKind, AutomationRuleKind> = {
	deliveryReceipt: 'receipt',
	inboundMessage: 'inbound',
};

/** ClickSend's message_search_type for each Keyword Filter choice. */
const MESSAGE_SEARCH_TYPES: Record<string, number> = { any: 0, startsWith: 1, contains: 2, doesNotContain: 3 };

// One webhook for both events: ClickSend needs a receipt rule and an inbound rule, and both point
// at this one URL. The body says which event it is (only receipts have a status_code), so a second
// URL or a query parameter would tell the reader nothing new, and n8n runs the lifecycle methods
// of the 'default' webhook once, which creates and removes the two rules together.
export class ClickSendTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClickSend Trigger',
		name: 'clickSendTrigger',
		icon: { light: 'file:../../icons/clicksend.svg', dark: 'file:../../icons/clicksend.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Delivery receipts and inbound SMS',
		description: 'Starts the workflow when ClickSend reports a delivery status or someone texts your number',
		...triggerNodeBasics('ClickSend Trigger'),
		credentials: [
			{ name: 'clickSendApi', required: true },
			{ name: 'smsWebhookHeaderAuthApi', required: true, testedBy: 'testWebhookHeaderAuth', displayOptions: showForAuthentication('headerAuth') },
			{ name: 'smsWebhookBasicAuthApi', required: true, testedBy: 'testWebhookBasicAuth', displayOptions: showForAuthentication('basicAuth') },
		],
		webhooks: [providerEventWebhook('events')],
		properties: triggerFields,
	};

	methods = { credentialTest: webhookProtectionCredentialTests, listSearch: { searchDedicatedNumbers } };

	webhookMethods = {
		default: {
			/** True when every rule this node needs still exists on ClickSend and points here. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const webhookUrl = this.getNodeWebhookUrl('default');
				const wanted = wantedRuleKinds(this);
				// A rule kept for an event no longer selected: create removes it.
				const unwantedKept = ALL_RULE_KINDS.some((kind) => !wanted.includes(kind) && staticData[RULE_ID_KEYS[kind]] !== undefined);
				if (unwantedKept) return false;
				const rules = await createAutomationRules(this);
				for (const kind of wanted) {
					const ruleId = staticData[RULE_ID_KEYS[kind]];
					if (typeof ruleId !== 'string') return false;
					const rule = await rules.find(kind, ruleId);
					if (rule?.action_address !== webhookUrl) return false;
				}
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				// Read every field first: a bad parameter must fail before anything changes on ClickSend.
				const wanted = wantedRuleKinds(this).map((kind) => ({ kind, fields: ruleFields(this, kind) }));
				const client = await createClickSendClient(this);
				// Checked here and not in checkExists, which runs at every n8n start: a kept rule was
				// checked when it was made, and a failing check there would replace or stop a working rule.
				const inbound = wanted.find(({ kind }) => kind === 'inbound');
				if (inbound) await requireDedicatedNumberOnAccount(this, client, String(inbound.fields.dedicated_number));
				const rules = await createAutomationRules(this, client);
				// A rule kept from before (deleted by hand, or pointing at an old URL) would post twice.
				await removeStoredRules(rules, staticData);
				try {
					for (const { kind, fields } of wanted) {
						staticData[RULE_ID_KEYS[kind]] = await rules.create(kind, fields);
					}
				} catch (error) {
					// n8n does not save the static data of a failed activation, so a rule created
					// before the failure would be left on ClickSend with nobody to delete it.
					const failure = asNodeError(this.getNode(), error);
					await removeRulesAfterFailure(this, rules, staticData, failure);
					throw failure;
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				await removeStoredRules(await createAutomationRules(this), staticData);
				return true;
			},
		},
	};

	webhook = triggerWebhook(readClickSendEvent);
}

function wantedRuleKinds(context: IHookFunctions): AutomationRuleKind[] {
	const events = context.getNodeParameter('events', ALL_EVENT_KINDS) as ProviderEventKind[];
	return events.map((event) => RULE_KIND_OF_EVENT[event]);
}

/** Deletes every rule whose id is stored (a 404 counts as gone) and forgets the ids. */
async function removeStoredRules(rules: AutomationRules, staticData: IDataObject): Promise<void> {
	for (const kind of ALL_RULE_KINDS) {
		const ruleId = staticData[RULE_ID_KEYS[kind]];
		if (typeof ruleId !== 'string') continue;
		await rules.remove(kind, ruleId);
		delete staticData[RULE_ID_KEYS[kind]];
	}
}

async function removeRulesAfterFailure(
	context: IHookFunctions,
	rules: AutomationRules,
	staticData: IDataObject,
	failure: Error,
): Promise<void> {
	try {
		await removeStoredRules(rules, staticData);
	} catch (cleanupError) {
		throw new NodeOperationError(context.getNode(), failure, {
			description: `A rule created before this error could not be removed either (${(cleanupError as Error).message}): delete the rules named "${ruleName(context)}" under Automations in the ClickSend dashboard`,
		});
	}
}

/** Says which workflow owns the rule, so that a person looking at ClickSend's rules knows. */
function ruleName(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	return `n8n: ${(workflow.name ?? 'workflow').slice(0, 60)} (${workflow.id ?? 'no id'})`;
}

function ruleFields(context: IHookFunctions, kind: AutomationRuleKind): IDataObject {
	const common = { rule_name: ruleName(context), action: 'URL', action_address: context.getNodeWebhookUrl('default'), enabled: 1 };
	if (kind === 'receipt') return { ...common, match_type: 0 };

	const filter = context.getNodeParameter('keywordFilter', 'any') as string;
	const keyword = filter === 'any' ? '' : String(context.getNodeParameter('keyword', '')).trim();
	if (filter !== 'any' && keyword === '') {
		throw new NodeOperationError(context.getNode(), 'The Keyword is empty', {
			description: 'Type the keyword to filter inbound SMS on, or set Keyword Filter to Any Message',
		});
	}
	return {
		...common,
		dedicated_number: readDedicatedNumberParameter(context),
		message_search_type: MESSAGE_SEARCH_TYPES[filter] ?? 0,
		message_search_term: keyword,
		webhook_type: context.getNodeParameter('inboundFormat', 'post') as string,
	};
}
