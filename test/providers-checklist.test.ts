/**
 * Issue #18: every provider the package registers has every piece that docs/adding-a-provider.md
 * lists. The providers are read from package.json's n8n block (one folder of nodes/ each) and must
 * be the providers of the one list of provider names, SANDBOX_KEYS (sandbox/keys.ts), which types
 * the sandbox and the reliability catalogues. A missing piece fails the test naming the provider,
 * the piece and where it goes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { NODE_TYPES, PROVIDERS as E2E_FIXTURES } from '../scripts/n8n-fixtures';
import { SANDBOX_KEYS } from '../sandbox/keys';
import { BURST_TRIGGERS } from './e2e/receipt-burst';
import { exportedClass, registeredProviders, type RegisteredProvider } from './harness/registered-providers';
import { PROVIDERS as SANDBOX_PROVIDERS } from '../sandbox/providers';
import type { ProviderName } from '../sandbox/types';
import { BAD_ITEM_CASES, NODE_LEVEL_CASES } from './reliability/bad-input-cases';
import { PROVIDER_SENDERS } from './reliability/provider-senders';
import { TRIGGERS } from './reliability/webhook-abuse-cases';

const ROOT = resolve(__dirname, '..');
/** The credential tests run as n8n runs them: the key checks (step 1). */
const CREDENTIAL_TESTS = 'test/nodes/credential-tests.test.ts';
const PACKAGE_NAME = 'n8n-nodes-sms-gateways';

/** The sections every docs/providers/<provider>.md has (docs/adding-a-provider.md, step 14). */
const CONTRACT_SECTIONS = [
	'## Endpoints',
	'## What we send',
	'## What we read',
	'## Statuses',
	'## Errors and what the node tells the user',
	'## Where the documentation is silent',
];

function readText(file: string): string {
	return readFileSync(join(ROOT, file), 'utf8');
}

const PROVIDERS = registeredProviders();

/** The class a module exports, instantiated (a node or a credential file exports exactly one). */
function instanceOf<T>(modulePath: string): T {
	return new (exportedClass<T>(modulePath))();
}

/** `file:../../icons/x.svg` → whether that file exists, seen from the folder of the file that names it. */
function iconProblems(icon: unknown, from: string, owner: string): string[] {
	const paths = typeof icon === 'string' ? [icon] : typeof icon === 'object' && icon !== null ? Object.values(icon) : [];
	if (paths.length === 0) return [`${owner} has no icon (icons/<provider>.svg and .dark.svg)`];
	return paths
		.map((path) => String(path).replace(/^file:/, ''))
		.filter((path) => !existsSync(join(ROOT, from, path)))
		.map((path) => `${owner} names the icon ${path}, which does not exist in ${from}`);
}

/** GitHub's (and npm's) anchor of a Markdown heading. */
function anchorOf(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.trim()
		.replace(/\s/g, '-');
}

/** The rows of README's first table (provider | action node | trigger | credential | state). */
function readmeProviderRows(readme: string): string[] {
	const lines = readme.split('\n');
	const start = lines.findIndex((line) => line.startsWith('| provider |'));
	const rows: string[] = [];
	for (let index = start + 2; start >= 0 && index < lines.length && lines[index].startsWith('|'); index++) rows.push(lines[index]);
	return rows;
}

function filesIn(folder: string): string[] {
	return existsSync(join(ROOT, folder)) ? readdirSync(join(ROOT, folder)) : [];
}

/** Every piece the provider lacks, each naming what is missing and where it goes. */
function missingPieces(provider: RegisteredProvider): string[] {
	const { id, folder } = provider;
	const missing: string[] = [];
	const readme = readText('README.md');

	// Nodes: codex files and icons (steps 2–6).
	const nodes = new Map<string, INodeType>();
	for (const file of provider.nodeFiles) {
		const source = `nodes/${folder}/${file}.node.ts`;
		if (!existsSync(join(ROOT, source))) {
			missing.push(`${source} (registered in package.json) does not exist`);
			continue;
		}
		const node = instanceOf<INodeType>(join(ROOT, source.replace(/\.ts$/, '')));
		nodes.set(file, node);
		missing.push(...iconProblems(node.description.icon, `nodes/${folder}`, source));
		// actionNodeBasics / triggerNodeBasics take the display name again: a new node on the canvas is named after it.
		if (node.description.defaults.name !== node.description.displayName) {
			missing.push(`${source}: the name given to ${file.endsWith('Trigger') ? 'triggerNodeBasics' : 'actionNodeBasics'} must be the displayName, '${node.description.displayName}'`);
		}
		const codexFile = `nodes/${folder}/${file}.node.json`;
		if (!existsSync(join(ROOT, codexFile))) {
			missing.push(`codex file ${codexFile}`);
			continue;
		}
		const codex = JSON.parse(readText(codexFile)) as { node?: string; resources?: { primaryDocumentation?: Array<{ url?: string }> } };
		if (codex.node !== `${PACKAGE_NAME}.${node.description.name}`) {
			missing.push(`${codexFile}: "node" must be "${PACKAGE_NAME}.${node.description.name}"`);
		}
		const anchor = /#(.+)$/.exec(codex.resources?.primaryDocumentation?.[0]?.url ?? '')?.[1];
		const headings = readme.split('\n').filter((line) => line.startsWith('## ')).map((line) => anchorOf(line.slice(3)));
		if (!anchor || !headings.includes(anchor)) {
			missing.push(`${codexFile}: primaryDocumentation must link to the provider's README section (#${anchor ?? '…'} is not a heading)`);
		}
	}
	const action = nodes.get(folder);
	if (!provider.nodeFiles.includes(folder)) missing.push(`the action node dist/nodes/${folder}/${folder}.node.js in package.json n8n.nodes`);
	const trigger = nodes.get(`${folder}Trigger`);
	const title = action?.description.displayName ?? folder;

	// Credential and its test (step 1).
	let credentialName: string | undefined;
	if (!provider.credentialFile) {
		missing.push(`credential: dist/credentials/${folder}Api.credentials.js in package.json n8n.credentials (credentials/${folder}Api.credentials.ts)`);
	} else if (!existsSync(join(ROOT, 'credentials', `${provider.credentialFile}.credentials.ts`))) {
		missing.push(`credentials/${provider.credentialFile}.credentials.ts (registered in package.json) does not exist`);
	} else {
		const credential = instanceOf<ICredentialType>(join(ROOT, 'credentials', `${provider.credentialFile}.credentials`));
		credentialName = credential.name;
		missing.push(...iconProblems(credential.icon, 'credentials', `credentials/${provider.credentialFile}.credentials.ts`));
		if (action && !action.description.credentials?.some((entry) => entry.name === credential.name)) {
			missing.push(`the action node does not use its credential ${credential.name}`);
		}
		// n8n's verification wants every credential tested: by its own `test` request, or by a node
		// that names a credential test function in `testedBy` (a provider whose only request is the send).
		const testedBy = action?.description.credentials?.find((entry) => entry.name === credential.name)?.testedBy;
		const testFunction = typeof testedBy === 'string' ? action?.methods?.credentialTest?.[testedBy] : undefined;
		if (credential.test === undefined && testFunction === undefined) {
			missing.push(
				`credential test: ${credential.name} has no \`test\` request (one that sends nothing), and the action node names no \`testedBy\` function in methods.credentialTest (docs/adding-a-provider.md)`,
			);
		}
		if (testFunction !== undefined && !readText(CREDENTIAL_TESTS).includes(`credentialType: '${credential.name}'`)) {
			missing.push(`credential test: a case with credentialType: '${credential.name}' in the key checks of ${CREDENTIAL_TESTS} (right key, wrong key, no server, not an address)`);
		}
	}

	// Sandbox (step 7).
	const sandbox = (SANDBOX_PROVIDERS as Partial<Record<string, (typeof SANDBOX_PROVIDERS)[ProviderName]>>)[id];
	if (!sandbox) {
		missing.push(`sandbox routes: sandbox/providers/${id}.ts, mounted in sandbox/providers/index.ts with a key in sandbox/keys.ts`);
	} else {
		const routes = sandbox.create({ scheduleCallback: () => undefined }).routes;
		if (routes.length === 0) missing.push(`sandbox routes: sandbox/providers/${id}.ts has no route`);
		if (!readText('sandbox/README.md').includes(`## ${sandbox.title} (\`/${id}\`)`)) {
			missing.push(`sandbox/README.md section "## ${sandbox.title} (\`/${id}\`)" (auth, routes, the sandbox's rules)`);
		}
	}
	if (!filesIn('test/sandbox').some((file) => file.startsWith(id) && file.endsWith('.test.ts'))) {
		missing.push(`sandbox test: test/sandbox/${id}.test.ts (the sandbox answers as the provider documents)`);
	}

	// Fixtures and engine tests (steps 8–9).
	const testFiles = filesIn(`test/nodes/${folder}`);
	if (!testFiles.includes(`${id}-fixtures.ts`)) missing.push(`fixtures: test/nodes/${folder}/${id}-fixtures.ts`);
	if (!testFiles.includes(`${folder}.send.test.ts`)) missing.push(`engine test: test/nodes/${folder}/${folder}.send.test.ts`);
	if (trigger && !testFiles.some((file) => file.startsWith(`${folder}Trigger`) && file.endsWith('.test.ts'))) {
		missing.push(`engine test: test/nodes/${folder}/${folder}Trigger.test.ts`);
	}

	// Reliability catalogues (step 10).
	if (![...BAD_ITEM_CASES, ...NODE_LEVEL_CASES].some((testCase) => testCase.provider === id)) {
		missing.push('bad-input catalogue: cases in test/reliability/bad-input-cases.ts');
	}
	if (!PROVIDER_SENDERS.some((sender) => sender.provider === id)) {
		missing.push('provider-faults / error-output catalogue: an entry in PROVIDER_SENDERS (test/reliability/provider-senders.ts)');
	}
	if (!new RegExp(`\\['${id}',`).test(readText('test/reliability/secrets.test.ts'))) {
		missing.push(`secrets catalogue: a ['${id}', …] run in test/reliability/secrets.test.ts (a key with " and \\ is redacted)`);
	}
	if (trigger && !TRIGGERS.some((entry) => entry.provider === id)) {
		missing.push('webhook-abuse catalogue: an entry in TRIGGERS (test/reliability/webhook-abuse-cases.ts)');
	}
	if (!readText('test/nodes/send-output.test.ts').includes(`name: '${title}'`)) {
		missing.push(`send-output catalogue: { name: '${title}', … } in test/nodes/send-output.test.ts`);
	}

	// Real n8n: e2e send fixture, the trigger's receipt burst and npm start's example (step 11).
	for (const node of nodes.values()) {
		const nodeType = `${PACKAGE_NAME}.${node.description.name}`;
		if (!Object.values(NODE_TYPES).includes(nodeType as never)) missing.push(`NODE_TYPES in scripts/n8n-fixtures.ts: ${nodeType}`);
	}
	if (trigger && !BURST_TRIGGERS.some((burst) => burst.title === title)) {
		missing.push(`e2e receipt burst: an entry titled '${title}' in BURST_TRIGGERS (test/e2e/receipt-burst.ts)`);
	}
	const fixture = E2E_FIXTURES.find((entry) => entry.sandboxName === id);
	if (!fixture) {
		missing.push(`e2e send fixture: an entry in PROVIDERS of scripts/n8n-fixtures.ts with sandboxName '${id}'`);
	} else {
		if (action && fixture.nodeType !== `${PACKAGE_NAME}.${action.description.name}`) {
			missing.push(`e2e send fixture: nodeType must be ${PACKAGE_NAME}.${action.description.name}`);
		}
		if (credentialName && fixture.credentialType !== credentialName) missing.push(`e2e send fixture: credentialType must be ${credentialName}`);
	}
	for (const [file, table] of [
		['test/e2e/support.ts', 'SEND_WORKFLOW_IDS'],
		['scripts/start.ts', 'EXAMPLE_WORKFLOW_IDS'],
	]) {
		if (!new RegExp(`^\\s*${id}: '`, 'm').test(readText(file))) missing.push(`${table} in ${file}: a workflow id for ${id}`);
	}

	// README and the contract (steps 13–14).
	if (!readmeProviderRows(readme).some((row) => row.startsWith(`| ${title} `))) missing.push(`README: a row "| ${title} | …" in the providers table`);
	if (!readme.split('\n').includes(`## ${title}`)) missing.push(`README: a section "## ${title}" (credential, each operation, the trigger)`);
	const contractFile = `docs/providers/${id}.md`;
	if (!existsSync(join(ROOT, contractFile))) {
		missing.push(`${contractFile} (the provider's contract, docs/adding-a-provider.md step 14)`);
	} else {
		const contract = readText(contractFile).split('\n');
		for (const section of CONTRACT_SECTIONS) {
			if (!contract.includes(section)) missing.push(`${contractFile}: the section "${section}"`);
		}
	}
	return missing;
}

describe('the package registers providers', () => {
	it('read from package.json, and they are the providers of SANDBOX_KEYS (the one list of provider names)', () => {
		expect(PROVIDERS.length).toBeGreaterThan(0);
		const registered = PROVIDERS.map((provider) => provider.id).sort();
		const named = Object.keys(SANDBOX_KEYS).sort();
		expect({
			'registered in package.json, without a key in SANDBOX_KEYS (sandbox/keys.ts, step 7)': registered.filter((id) => !named.includes(id)),
			'a key in SANDBOX_KEYS, without nodes in package.json n8n.nodes (steps 2–3)': named.filter((id) => !registered.includes(id)),
		}).toEqual({
			'registered in package.json, without a key in SANDBOX_KEYS (sandbox/keys.ts, step 7)': [],
			'a key in SANDBOX_KEYS, without nodes in package.json n8n.nodes (steps 2–3)': [],
		});
	});

	it('the list of the e2e fixtures names no provider that is not registered', () => {
		const registered = PROVIDERS.map((provider) => provider.id);
		const stray = [
			...E2E_FIXTURES.map((fixture) => fixture.sandboxName).filter((id) => !registered.includes(id)).map((id) => `scripts/n8n-fixtures.ts: ${id}`),
		];
		expect(stray).toEqual([]);
	});
});

describe.each(PROVIDERS.map((provider) => [provider.folder, provider] as const))('%s', (_folder, provider) => {
	it('has every piece of docs/adding-a-provider.md', () => {
		expect(missingPieces(provider)).toEqual([]);
	});
});
