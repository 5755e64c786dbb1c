/**
 * Issue #13: a placeholder or an example in a description only shows a value the node accepts.
 * Every property of every node (nested collections, fixed collections and resource locator modes
 * included) with an example is looked up in FIELD_CHECKS, and each example goes through the check
 * the node itself runs on that field. A field with an example that is not in the table fails the
 * test, so a new field cannot be skipped silently.
 */
import type { IExecuteFunctions, INode, INodeProperties, INodeType } from 'n8n-workflow';

import { isKnownCountry, parsePhoneNumber } from '../../lib/phone';
import { optionalHttpUrl, requireMessageText, requirePhoneNumber } from '../../lib/inputs';
import { requireSender } from '../../lib/sender';
import { requireUuid } from '../../lib/uuid';
import { requireId, requireTestUrl } from '../../nodes/ClickSend/actions/inputs';
import { readFromMask, readSender } from '../../nodes/Skycore/sender';
import { MCCMNC } from '../../nodes/Smscpr/actions/getManyMessages';
import { requireMessageId } from '../../nodes/Smscpr/actions/getMessageStatus';
import { optionalCallbackUrl } from '../../nodes/Smscpr/callbackUrl';
import { registeredNodeClasses } from '../harness/registered-providers';

/** Every node the package registers. */
const NODES: INodeType[] = registeredNodeClasses().map((NodeType) => new NodeType());

const NODE: INode = { id: 'examples', name: 'Examples', type: 'examples', typeVersion: 1, position: [0, 0], parameters: {} };

/** What n8n gives a check that reads the parameter itself: the example as the field's value. */
function contextWithValue(value: string): IExecuteFunctions {
	return { getNode: () => NODE, getNodeParameter: () => value } as unknown as IExecuteFunctions;
}

type Check = (example: string) => void;

const phoneNumber: Check = (example) => void requirePhoneNumber(NODE, 0, 'To', example);
const country: Check = (example) => expect(isKnownCountry(example)).toBe(true);
const messageText: Check = (example) => void requireMessageText(NODE, 0, 'Message', example);
/** A field the node sends as typed (a name, a search, a reference): any text. */
const text: Check = (example) => expect(example.trim()).not.toBe('');

/**
 * `node name › property path` → the check its node runs on it. For the options that say how a
 * number is read, the check takes the example numbers of the description with that option set.
 */
const FIELD_CHECKS: Record<string, Check> = {
	'clearLine › to': phoneNumber,
	'clearLine › message': messageText,
	'clearLine › additionalFields › callbackUrl': (example) => void optionalHttpUrl(NODE, 0, 'Delivery Receipt URL', example),
	'clearLine › options › defaultCountry': country,

	'clickSend › to': phoneNumber,
	'clickSend › from': (example) => void requireSender(NODE, 0, 'From', example, {}, 'ClickSend'),
	'clickSend › message': messageText,
	'clickSend › templateId': (example) => void requireId(contextWithValue(example), 0, 'templateId', 'Template', ''),
	'clickSend › additionalFields › country': country,
	'clickSend › additionalFields › customString': text,
	'clickSend › options › defaultCountry': country,
	'clickSend › messageId': (example) => void requireId(contextWithValue(example), 0, 'messageId', 'Message ID', ''),
	'clickSend › customString': text,
	'clickSend › filters › q': text,
	'clickSend › templateName': text,
	'clickSend › templateBody': messageText,
	'clickSend › url': (example) => void requireTestUrl(contextWithValue(example), 0),
	'clickSend › originalMessageId': (example) => void requireId(contextWithValue(example), 0, 'originalMessageId', 'Original Message ID', ''),
	'clickSend › inboundMessageId': (example) => void requireId(contextWithValue(example), 0, 'inboundMessageId', 'Inbound Message ID', ''),
	// The trigger reads the dedicated number with + or 00 only (it has no Default Country): the example has its country code.
	'clickSendTrigger › dedicatedNumber': (example) => expect(parsePhoneNumber(example)).toMatchObject({ valid: true, e164: example }),
	'clickSendTrigger › keyword': text,

	'smscpr › from': (example) => void requireSender(NODE, 0, 'From', example, {}, 'SMSCPR'),
	'smscpr › to': phoneNumber,
	'smscpr › message': messageText,
	'smscpr › additionalFields › callbackUrl': (example) => void optionalCallbackUrl(NODE, 0, 'Delivery Receipt URL', example),
	'smscpr › options › defaultCountry': country,
	'smscpr › messageId': (example) => void requireMessageId(contextWithValue(example), 0),
	'smscpr › filters › country': country,
	'smscpr › filters › from': (example) => void requireSender(NODE, 0, 'Filters › From', example, {}, 'SMSCPR'),
	'smscpr › filters › mccmnc': (example) => expect(example).toMatch(MCCMNC),
	'smscpr › filters › to': (example) => void requirePhoneNumber(NODE, 0, 'Filters › To', example),

	'amigo › useCaseId': (example) => void requireUuid(NODE, 0, 'Use Case ID', example),
	'amigo › to': phoneNumber,
	'amigo › message': messageText,
	'amigo › options › defaultCountry': country,

	'skycore › to': phoneNumber,
	'skycore › from': (example) => void readSender(NODE, 0, example),
	'skycore › message': messageText,
	'skycore › additionalFields › campaignRef': text,
	'skycore › options › defaultCountry': country,
	'skycore › additionalFields › fromMask': (example) => expect(readFromMask(NODE, 0, example)).toBe(example),
};

/**
 * Examples in a description, with the reading its field gives them: the numbers Default Country
 * mentions are read in that country, the one of Read Numbers Without + as International with it on.
 */
const DESCRIPTION_CHECKS: Record<string, Check> = {
	'defaultCountry': (example) => void requirePhoneNumber(NODE, 0, 'To', example, { defaultCountry: 'GB' }),
	'readNumbersWithoutPlusAsInternational': (example) =>
		void requirePhoneNumber(NODE, 0, 'To', example, { readNumbersWithoutPlusAsInternational: true }),
};

interface Example {
	field: string;
	/** The property's own name, the key of DESCRIPTION_CHECKS. */
	name: string;
	example: string;
	from: 'placeholder' | 'description';
}

/** A placeholder's example: "e.g. X" or "e.g. X or Y". A collection's placeholder is its button label. */
function placeholderExamples(placeholder: string): string[] {
	if (!placeholder.startsWith('e.g. ')) return [];
	return placeholder.slice('e.g. '.length).split(' or ');
}

// Phone numbers (+ or 00 and digits, a trunk zero and spaced digits, nine digits and more), web
// addresses and UUIDs in prose.
const DESCRIBED_VALUES = [
	/(?:\+|\b00)\d[\d ().-]*\d/g,
	/(?<![+\d])\b0[1-9][\d ]{6,}\d\b/g,
	/\b\d{9,}\b/g,
	/\bhttps?:\/\/[^\s)]+/g,
	/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
];

function descriptionExamples(description: string): string[] {
	return DESCRIBED_VALUES.flatMap((pattern) => description.match(pattern) ?? []).map((value) => value.replace(/[.,;:]$/, ''));
}

function collectExamples(nodeName: string, properties: unknown[], path: string[] = []): Example[] {
	const examples: Example[] = [];
	for (const property of properties as Array<Partial<INodeProperties> & { values?: unknown[]; modes?: unknown[] }>) {
		if (typeof property !== 'object' || property === null || typeof property.name !== 'string') continue;
		const fieldPath = [...path, property.name];
		const field = `${nodeName} › ${fieldPath.join(' › ')}`;
		const isCollection = property.type === 'collection' || property.type === 'fixedCollection';
		if (!isCollection && typeof property.placeholder === 'string') {
			for (const example of placeholderExamples(property.placeholder)) examples.push({ field, name: property.name, example, from: 'placeholder' });
		}
		for (const prose of [property.description, property.hint]) {
			if (typeof prose !== 'string') continue;
			for (const example of descriptionExamples(prose)) examples.push({ field, name: property.name, example, from: 'description' });
		}
		// A resource locator's modes are the same field typed different ways.
		for (const mode of (property.modes ?? []) as Array<{ placeholder?: string }>) {
			for (const example of placeholderExamples(mode.placeholder ?? '')) examples.push({ field, name: property.name, example, from: 'placeholder' });
		}
		// A collection's options, a fixed collection's groups and their values, an options list's choices.
		const nested = [...(Array.isArray(property.options) ? property.options : []), ...(property.values ?? [])];
		examples.push(...collectExamples(nodeName, nested, fieldPath));
	}
	return examples;
}

const EXAMPLES = NODES.flatMap((node) => collectExamples(node.description.name, node.description.properties));

describe('every placeholder and example in the node descriptions is a value the node accepts', () => {
	it('finds the examples of every node, nested fields included', () => {
		const fields = new Set(EXAMPLES.map((example) => example.field));
		expect(fields).toContain('smscpr › from');
		expect(fields).toContain('smscpr › filters › to');
		expect(fields).toContain('clickSend › templateId');
		expect(fields).toContain('clearLine › options › readNumbersWithoutPlusAsInternational');
	});

	it('knows the check of every field that shows an example', () => {
		const unknown = EXAMPLES.filter(({ field, name, from }) => (from === 'placeholder' ? !FIELD_CHECKS[field] : !FIELD_CHECKS[field] && !DESCRIPTION_CHECKS[name]));
		expect(unknown.map(({ field, example }) => `${field}: ${example} (no check in FIELD_CHECKS of test/nodes/field-examples.test.ts)`)).toEqual([]);
	});

	it.each(EXAMPLES.map((example) => [`${example.field} (${example.from})`, example.example, example] as const))('%s: %s', (_field, _value, example) => {
		const check = example.from === 'description' ? (DESCRIPTION_CHECKS[example.name] ?? FIELD_CHECKS[example.field]) : FIELD_CHECKS[example.field];
		expect(() => check?.(example.example)).not.toThrow();
	});
});
