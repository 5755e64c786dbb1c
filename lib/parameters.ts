import type { IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';

/**
 * Reads a node's parameters item by item, as getNodeParameter does, for operations that take
 * thousands of items. n8n evaluates every expression in a fresh context, which for a batched send
 * costs more than the requests themselves (docs/benchmark.md, "Expressions per item").
 * Two shortcuts give getNodeParameter's own answer faster:
 * - a parameter with no expression anywhere in it is the same for every item: read once;
 * - a parameter that is exactly `{{ $json.field }}` holding text, a number or a boolean is that
 *   field of the item (n8n's `$json` is the item's json). Anything else, such as a missing
 *   field, an object, or any other expression, goes through n8n.
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

	return {
		node,
		get(name, itemIndex, fallback, options) {
			const raw = parameters[name];
			if (raw !== undefined && !containsExpression(raw)) {
				const key = `${name}\u0000${options?.extractValue === true}`;
				if (!sameForAll.has(key)) sameForAll.set(key, context.getNodeParameter(name, 0, fallback, options));
				return sameForAll.get(key);
			}
			const field = typeof raw === 'string' ? ITEM_FIELD.exec(raw)?.[1] : undefined;
			if (field !== undefined) {
				const value = items[itemIndex]?.json[field];
				if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
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
