import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { type ProviderErrorExplanation } from '../../lib/errors';
import { createProviderClient, type ProviderClient, type ProviderResponse, type RequestPace } from '../../lib/http';
import { requireBaseUrl, requireCredentialField } from '../../lib/inputs';

export const SMSCPR_CREDENTIAL = 'smscprApi';
export const PROVIDER_NAME = 'SMSCPR';
export const DEFAULT_BASE_URL = 'https://api-sms.smscpr.com/v1';
const CREDENTIAL_NAME = 'SMSCPR API';

const SERVICE_PLAN_ID = /^[a-fA-F0-9]{24}$/;

export interface SmscprClient {
	client: ProviderClient;
	/** Checked and trimmed: every request carries it (body of a send, query of a read). */
	servicePlanId: string;
}

export async function createSmscprClient(context: IExecuteFunctions, pace: RequestPace, timeoutMs?: number): Promise<SmscprClient> {
	const credentials = await context.getCredentials(SMSCPR_CREDENTIAL);
	requireCredentialField(context.getNode(), credentials.token, CREDENTIAL_NAME, 'Bearer Token');
	const servicePlanId = requireServicePlanId(context, credentials.servicePlanId);
	const client = createProviderClient(context, {
		credentialType: SMSCPR_CREDENTIAL,
		providerName: PROVIDER_NAME,
		baseUrl: requireBaseUrl(context.getNode(), String(credentials.baseUrl ?? DEFAULT_BASE_URL), CREDENTIAL_NAME),
		credentials,
		explainError: explainSmscprError,
		pace,
		timeoutMs,
	});
	return { client, servicePlanId };
}

/** Checked before the first request, so a pasted name or a cut ID never reaches SMSCPR. */
function requireServicePlanId(context: IExecuteFunctions, value: unknown): string {
	const servicePlanId = typeof value === 'string' ? value.trim() : '';
	if (!SERVICE_PLAN_ID.test(servicePlanId)) {
		const what = servicePlanId === '' ? 'is empty' : `is ${servicePlanId.length} characters long or not hexadecimal`;
		throw new NodeOperationError(context.getNode(), `The Service Plan ID in the ${CREDENTIAL_NAME} credential ${what}`, {
			description: `Open the ${CREDENTIAL_NAME} credential and paste the Service Plan ID SMSCPR gave you: exactly 24 characters, digits 0–9 and letters a–f (e.g. 222222222222222222222222). Nothing was sent.`,
		});
	}
	return servicePlanId;
}

/**
 * What to do about each error status the spec lists. SMSCPR's text (NestJS style:
 * `{ statusCode, message, error }`, `message` a string or a list) is shown after the explanation.
 */
export function explainSmscprError(response: ProviderResponse): ProviderErrorExplanation | undefined {
	const said = readMessage(response.body);
	const aboutPlan = said !== undefined && /service ?plan/i.test(said);
	const suffix = said ? `: ${said}` : '';
	switch (response.statusCode) {
		case 400:
			return {
				message: `SMSCPR refused the request as invalid${suffix}`,
				description: aboutPlan
					? `Check the Service Plan ID in the ${CREDENTIAL_NAME} credential; if it is right, ask SMSCPR support to complete the plan's configuration`
					: 'Fix the field named above for this item and run it again',
			};
		case 401:
			return aboutPlan
				? {
						message: `SMSCPR says the service plan is not active${suffix}`,
						description: `Ask SMSCPR support to activate the plan, or put the Service Plan ID of an active plan in the ${CREDENTIAL_NAME} credential`,
					}
				: {
						message: 'SMSCPR refused the Bearer token',
						description: `Check the Bearer Token in the ${CREDENTIAL_NAME} credential: paste the current API token without the word "Bearer", and check the Base URL`,
					};
		case 403:
			return {
				message: `SMSCPR does not allow this sender for the account${suffix}`,
				description: 'The token is valid but may not send from this From address with this service plan. Use a sender SMSCPR has authorised for the plan, or ask SMSCPR support to authorise it',
			};
		case 404:
			return explainNotFound(said, aboutPlan, suffix);
		case 409:
			return {
				message: `The sender is still waiting for SMSCPR's approval${suffix}`,
				description: 'Send from a sender that is already approved, or wait until SMSCPR approves this one and run the item again',
			};
		case 413:
			return {
				message: `SMSCPR refused the message as too large${suffix}`,
				description: 'Shorten the message (at most 1600 characters) or the Delivery Receipt URL and run the item again',
			};
		case 422:
			return {
				message: `SMSCPR does not recognise the approval status of this sender${suffix}`,
				description: 'The sender registration is in a state SMSCPR cannot use. Contact SMSCPR support about this sender, or send from another approved sender',
			};
		default:
			if (said && response.statusCode >= 400 && response.statusCode < 500 && response.statusCode !== 429) {
				return { message: `SMSCPR refused the request (HTTP ${response.statusCode})${suffix}`, description: 'The provider response is in the error details' };
			}
			return undefined;
	}
}

function explainNotFound(said: string | undefined, aboutPlan: boolean, suffix: string): ProviderErrorExplanation {
	if (aboutPlan) {
		return {
			message: `SMSCPR has no such service plan for this account${suffix}`,
			description: `Check the Service Plan ID in the ${CREDENTIAL_NAME} credential: it must be a plan provisioned for the account of the token`,
		};
	}
	if (said === undefined || /^Cannot [A-Z]+ /.test(said)) {
		// The framework's answer for a path it does not have: the base URL is wrong, not the message.
		return {
			message: 'SMSCPR does not know this address',
			description: `Check the Base URL in the ${CREDENTIAL_NAME} credential (usually ${DEFAULT_BASE_URL})`,
		};
	}
	return {
		message: 'Unknown message: SMSCPR has no message with this ID for this service plan',
		description: `Check the Message ID (the messageId that Send SMS outputs) and that the ${CREDENTIAL_NAME} credential has the Service Plan ID the message was sent with`,
	};
}

function readMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const { message } = body as { message?: unknown };
	if (typeof message === 'string' && message.trim() !== '') return message.trim();
	if (Array.isArray(message)) {
		const texts = message.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '');
		if (texts.length > 0) return texts.join('; ');
	}
	return undefined;
}
