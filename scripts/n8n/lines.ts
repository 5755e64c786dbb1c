/**
 * The n8n release lines this package is proven on, and what each needs to install and run here
 * (measured in ../shared/N8N-NOTES.md). 2.8 is the line `npm start` and `npm test` use; the
 * others are for `npm run test:compat`.
 */

export type N8nLineName = '1.123' | '2.8' | '2.41';

export interface N8nLine {
	name: N8nLineName;
	/** The exact n8n version installed for this line. */
	version: string;
	/** The Node.js that runs it: the one running this script, or a pinned one from the npm registry. */
	node: 'current' | { version: string };
	/**
	 * 'all-scripts': a plain `npm install` whose install scripts build what they build.
	 * Otherwise `npm install --ignore-scripts`, then `npm rebuild` of exactly these packages: a
	 * native build that cannot work here (isolated-vm on Node 20, the Kafka client) fails the
	 * whole plain install although n8n does not need it.
	 */
	nativeBuilds: 'all-scripts' | string[];
	/** Environment every n8n command of this line needs on top of the loopback settings. */
	env: Record<string, string>;
	/** The CLI command that activates an imported workflow before `n8n start`. */
	activateArgs(workflowId: string): string[];
}

const publish = (workflowId: string) => ['publish:workflow', `--id=${workflowId}`];

export const N8N_LINES: Record<N8nLineName, N8nLine> = {
	'1.123': {
		name: '1.123',
		version: '1.123.81',
		node: 'current',
		nativeBuilds: ['sqlite3'],
		// Its default expression engine runs in isolated-vm, whose 6.x build needs Node 22.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		// 1.x has no publish:workflow: a workflow is simply active or not.
		activateArgs: (workflowId) => ['update:workflow', `--id=${workflowId}`, '--active=true'],
	},
	'2.8': {
		name: '2.8',
		version: '2.8.4',
		node: 'current',
		nativeBuilds: 'all-scripts',
		env: {},
		activateArgs: publish,
	},
	'2.41': {
		name: '2.41',
		// 2.41.3 does not install: one of its dependency versions is missing from the registry.
		version: '2.41.1',
		node: { version: '24.22.3' },
		nativeBuilds: ['sqlite3', 'isolated-vm', 'cpu-features', 'msgpackr-extract', 'ssh2', 'protobufjs'],
		// The MCP registry module calls out to the internet as n8n starts.
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
		activateArgs: publish,
	},
};

/** The line `npm start`, `npm test` and the benchmarks use. */
export const DEFAULT_N8N_LINE = N8N_LINES['2.8'];

export function n8nLine(name: string): N8nLine {
	const line = N8N_LINES[name as N8nLineName];
	if (!line) throw new Error(`Unknown n8n line "${name}": one of ${Object.keys(N8N_LINES).join(', ')}`);
	return line;
}
