import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { itemParameters } from '../../lib/parameters';
import { runWorkflow } from '../harness';

const READ = ['mapped', 'mappedObject', 'computed', 'constant', 'collection', 'collectionMapped', 'collectionComputed', 'nested', 'locator'];

/** Outputs, per item, what getNodeParameter and itemParameters each read. */
class ParameterProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Mapped', name: 'mapped', type: 'string', default: '' },
			{ displayName: 'Mapped Object', name: 'mappedObject', type: 'json', default: '' },
			{ displayName: 'Computed', name: 'computed', type: 'string', default: '' },
			{ displayName: 'Constant', name: 'constant', type: 'string', default: '' },
			{
				displayName: 'Collection',
				name: 'collection',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Inner', name: 'inner', type: 'string', default: '' }],
			},
			...['collectionMapped', 'collectionComputed'].map((name) => ({
				displayName: name,
				name,
				type: 'collection' as const,
				default: {},
				options: [
					{ displayName: 'Inner', name: 'inner', type: 'string' as const, default: '' },
					{ displayName: 'Fixed', name: 'fixed', type: 'string' as const, default: '' },
					{ displayName: 'When', name: 'when', type: 'dateTime' as const, default: '' },
				],
			})),
			{
				displayName: 'Nested',
				name: 'nested',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [{ displayName: 'Entry', name: 'entry', values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }] }],
			},
			{
				displayName: 'Locator',
				name: 'locator',
				type: 'resourceLocator',
				default: { mode: 'id', value: '' },
				modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const fast = itemParameters(this);
		return [
			this.getInputData().map((_, itemIndex) => {
				const json: IDataObject = {};
				for (const name of READ) {
					const options = name === 'locator' ? { extractValue: true } : undefined;
					json[name] = { n8n: this.getNodeParameter(name, itemIndex, '', options), fast: fast.get(name, itemIndex, '', options) } as IDataObject;
				}
				return { json };
			}),
		];
	}
}

it('reads what getNodeParameter reads, for every kind of value an item may hold', async () => {
	const values: unknown[] = ['+61411111111', '', '  spaced  ', 61411111111, 0, true, false, null, { nested: 1 }, [1, 2]];
	const items = [...values.map((value) => ({ value })), {}];
	const result = await runWorkflow({
		nodeTypes: [ParameterProbe],
		workflow: {
			nodes: [
				{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: '2',
					name: 'Probe',
					type: 'parameterProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						mapped: '={{ $json.value }}',
						mappedObject: '={{$json.value}}',
						computed: '={{ $json.value + "!" }}',
						constant: 'the same',
						collection: { inner: 'fixed' },
						collectionMapped: { inner: '={{ $json.value }}', fixed: 'fixed' },
						// A date from an expression: read whole, n8n turns it into ISO text.
						collectionComputed: { inner: '={{ $json.value + "!" }}', when: '={{ DateTime.fromMillis(0) }}' },
						nested: { entry: [{ value: '={{ $json.value }}' }, { value: 'fixed' }, { value: '={{ [$json.value] }}' }] },
						locator: { __rl: true, mode: 'id', value: 'abc' },
					},
				},
			],
			connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
			pinData: { Start: items.map((json) => ({ json })) },
		},
	});

	expect(result.error).toBeUndefined();
	const outputs = result.outputOf('Probe');
	expect(outputs).toHaveLength(items.length);
	for (const output of outputs) {
		for (const name of READ) {
			const { n8n, fast } = output.json[name] as { n8n: unknown; fast: unknown };
			expect({ name, value: fast }).toEqual({ name, value: n8n });
		}
	}
	expect((outputs[0].json.mapped as IDataObject).fast).toBe('+61411111111');
	expect((outputs[3].json.mapped as IDataObject).fast).toBe(61411111111);
	expect(((outputs[0].json.collectionComputed as IDataObject).fast as IDataObject).when).toEqual(expect.stringMatching(/^19(69|70)-\d\d-\d\dT/));
});
