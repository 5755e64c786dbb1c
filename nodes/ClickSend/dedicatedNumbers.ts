import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import type { ProviderClient } from '../../lib/http';
import { parsePhoneNumber } from '../../lib/phone';
import { asNodeError, isListNotReadable, listAllPagesInParallel } from './transport';

/**
 * The account's dedicated numbers (numbers rented from ClickSend, which receive SMS), as ClickSend
 * lists them: the trigger's Dedicated Number dropdown and its check at activation, and the senders
 * of the From dropdown. Every page, since a number left out could be neither picked nor checked.
 */
export async function readDedicatedNumbers(client: ProviderClient): Promise<string[]> {
	const records = await listAllPagesInParallel(client, '/numbers', {}, 0);
	return records.map((record) => record.dedicated_number).filter((number): number is string => typeof number === 'string' && number !== '');
}

/** ClickSend's notation for an inbound rule on every number of the account. */
export const ALL_NUMBERS = '*';

/** How many of the account's numbers an error names before "and N more". */
const NUMBERS_NAMED = 5;

/**
 * The trigger's Dedicated Number, as the inbound rule's `dedicated_number`: E.164, or ALL_NUMBERS
 * when empty. ClickSend lists its dedicated numbers and reports the number an SMS was sent to in
 * E.164, and documents no other spelling for a rule: a rule that never matches starts nothing,
 * silently. Numbers are read only with + or 00: ClickSend lists them that way, and the trigger
 * cannot know the country of digits without one.
 */
export function readDedicatedNumberParameter(context: IHookFunctions): string {
	// extractValue gives the typed or chosen number, and a plain string (a workflow written by hand) as it is.
	const chosen = context.getNodeParameter('dedicatedNumber', '', { extractValue: true });
	const text = typeof chosen === 'string' ? chosen.trim() : chosen;
	if (text === '' || text === null || text === undefined || text === ALL_NUMBERS) return ALL_NUMBERS;
	const phone = parsePhoneNumber(text);
	if (phone.valid) return phone.e164;
	throw new NodeOperationError(context.getNode(), `The Dedicated Number ${phone.reason}`, {
		description: `${phone.lacksCountryCode ? countryCodeHint(text) : phone.hint}, or leave the field empty for all the account’s numbers`,
	});
}

function countryCodeHint(typed: unknown): string {
	const advice = 'Write it with + and its country code, as ClickSend lists your dedicated numbers';
	// Digits that already start with a country code most likely lack only the +.
	const withPlus = parsePhoneNumber(typed, { readNumbersWithoutPlusAsInternational: true });
	return withPlus.valid ? `${advice}: ${withPlus.e164} if that is the number` : `${advice}, e.g. +61 411 000 100`;
}

/**
 * Stops the activation when the account's list of dedicated numbers does not have `dedicatedNumber`
 * (E.164): a typo that is still a valid number would make a rule that never matches. An account
 * that may not read the list (403, 404: what a sub-account or an account without numbers most
 * likely gets; ClickSend's documentation does not say) is not blocked,
 * since the check is only a help; any other failure (a refused key, ClickSend down) stops the
 * activation as the rules' own requests would.
 */
export async function requireDedicatedNumberOnAccount(context: IHookFunctions, client: ProviderClient, dedicatedNumber: string): Promise<void> {
	if (dedicatedNumber === ALL_NUMBERS) return;
	let listed: string[];
	try {
		listed = await readDedicatedNumbers(client);
	} catch (error) {
		if (isListNotReadable(error)) return;
		throw asNodeError(context.getNode(), error);
	}
	if (listed.some((number) => sameAsListed(number, dedicatedNumber))) return;
	const description =
		listed.length === 0
			? 'Replies to it would never start this workflow, and the account has no dedicated numbers: choose Any of the Account’s Numbers From List (or empty the field By Number) to receive replies to any number'
			: `Replies to it would never start this workflow. The account’s dedicated numbers: ${namedNumbers(listed)}. Pick one from the list, or choose Any of the Account’s Numbers From List (or empty the field By Number) to receive replies to any number`;
	throw new NodeOperationError(context.getNode(), `The Dedicated Number ${dedicatedNumber} is not one of the account’s dedicated numbers`, { description });
}

function sameAsListed(listed: string, e164: string): boolean {
	const phone = parsePhoneNumber(listed);
	return (phone.valid ? phone.e164 : listed.trim()) === e164;
}

function namedNumbers(numbers: string[]): string {
	const named = numbers.slice(0, NUMBERS_NAMED).join(', ');
	const more = numbers.length - NUMBERS_NAMED;
	return more > 0 ? `${named} and ${more} more` : named;
}
