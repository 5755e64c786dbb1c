import type { IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';

/**
 * Reads a node's parameters item by item, as getNodeParameter does, for operations that take
 * thousands of items. n8n evaluates every expression in a fresh context, which for a batched send
 * costs more than the requests themselves (docs/benchmark.md, "Expressions per item").
 * Three shortcuts give getNodeParameter's own answer faster:
 * - a parameter with no expression anywhere in it is the same for every item: read once;
 * - a parameter that is exactly `{{ $json.field }}` holding text, a number or a boolean is that
 *   field of the item (n8n's `$json` is the item's json). Anything else, such as a missing
 *   field, an object, or any other expression, goes through n8n;
 * - a collection (Additional Fields) is rebuilt field by field with the two shortcuts above, and
 *   n8n evaluates only the fields that need it, each alone: read whole, n8n would evaluate every
 *   field that holds an expression for every item, `{{ $json.field }}` ones included.
 * Values read once are shared between items: callers must not change them.
 */
export interface ItemParameters {
	/** The node, read once: getNode() copies it on every call. */
	readonly node: INode;
	get(name: string, itemIndex: number, fallback?: unknown, options?: IGetNodeParameterOptions): unknown;
}

const ITEM_FIELD = /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/;

export function itemParameters(context: IExecuteFunctions): ItemParameters {
	const node = context.getNode();
	const parameters = node.parameters;
	const items = context.getInputData();
	const sameForAll = new Map<string, unknown>();
	const fieldByField = new Map<string, boolean>();

	/** `{{ $json.field }}` as the item's value, when it holds one getNodeParameter gives unchanged. */
	const itemField = (expression: string, itemIndex: number): { value: unknown } | undefined => {
		const field = ITEM_FIELD.exec(expression)?.[1];
		if (field === undefined) return undefined;
		const value = items[itemIndex]?.json[field];
		return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { value } : undefined;
	};

	/** The collection at `path` with each expression resolved, the way getParameterValue walks it. */
	const resolveFields = (value: unknown, path: string, itemIndex: number): unknown => {
		if (typeof value === 'string') {
			if (!value.startsWith('=')) return value;
			const mapped = itemField(value, itemIndex);
			if (mapped) return mapped.value;
			// The whole collection's validation and clean-up only ever look inside the collection:
			// a field alone needs neither, except that n8n turns a date it gave into text.
			return asDateText(context.getNodeParameter(path, itemIndex, undefined, { skipValidation: true }));
		}
		if (Array.isArray(value)) return value.map((entry, index) => resolveFields(entry, `${path}[${index}]`, itemIndex));
		if (typeof value !== 'object' || value === null) return value;
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolveFields(entry, `${path}.${key}`, itemIndex)]));
	};

	return {
		node,
		get(name, itemIndex, fallback, options) {
			const raw = parameters[name];
			if (raw !== undefined && !containsExpression(raw)) {
				const key = `${name}\u0000${options?.extractValue === true}`;
				if (!sameForAll.has(key)) sameForAll.set(key, context.getNodeParameter(name, 0, fallback, options));
				return sameForAll.get(key);
			}
			if (typeof raw === 'string') {
				const mapped = itemField(raw, itemIndex);
				if (mapped) return mapped.value;
			} else if (typeof raw === 'object' && raw !== null && options === undefined) {
				let eligible = fieldByField.get(name);
				if (eligible === undefined) fieldByField.set(name, (eligible = canResolveFieldByField(raw)));
				if (eligible) {
					try {
						return resolveFields(raw, name, itemIndex);
					} catch {
						// n8n's own error for the collection, naming it as it does.
						return context.getNodeParameter(name, itemIndex, fallback, options);
					}
				}
			}
			return context.getNodeParameter(name, itemIndex, fallback, options);
		},
	};
}

/** n8n marks an expression with a leading "="; it may sit deep inside a collection. */
function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(containsExpression);
	return false;
}

/**
 * Field by field needs a path getNodeParameter can follow (no "." or "[" in a key), and no
 * expression that reads `$parameter`: its `&sibling` form sees the collection the field sits in.
 */
function canResolveFieldByField(value: unknown): boolean {
	if (typeof value === 'string') return !(value.startsWith('=') && value.includes('$parameter'));
	if (Array.isArray(value)) return value.every(canResolveFieldByField);
	if (typeof value !== 'object' || value === null) return true;
	return Object.entries(value).every(([key, entry]) => !/[.[\]]/.test(key) && canResolveFieldByField(entry));
}

/** What n8n's clean-up does to a Luxon date inside a collection: its ISO text (luxon is n8n's, not ours). */
function asDateText(value: unknown): unknown {
	const isDateTime = typeof value === 'object' && value !== null && (value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;
	return isDateTime ? String(value) : value;
}
