/**
 * The ClickSend Template dropdown through n8n's own endpoint (the one the editor calls when the
 * list opens, is typed in, or is scrolled to its end): n8n checks the request, including the
 * paginationToken the node handed out, before the node runs.
 */
import { callN8nRest, type N8nSession } from '../../scripts/n8n/rest';
import { NODE_TYPES, providerFixture } from '../../scripts/n8n-fixtures';
import { assert } from './check-runner';
import type { Sandbox } from './support';

const CLICKSEND = providerFixture('clicksend');
const TEMPLATES = 120;

export const DROPDOWN_CHECK = `the ClickSend Template dropdown, asked through n8n's editor endpoint, lists ${TEMPLATES} templates as a page of 100 and, with the token it gave, the other ${TEMPLATES - 100}, and finds template 115 by its name`;

interface ListSearchAnswer {
	results: Array<{ name: string; value: string }>;
	paginationToken?: unknown;
}

async function templateDropdown(session: N8nSession, filter?: string, paginationToken?: unknown): Promise<ListSearchAnswer> {
	const response = await callN8nRest(session, 'POST', '/dynamic-node-parameters/resource-locator-results', {
		nodeTypeAndVersion: { name: NODE_TYPES.clickSend, version: 1 },
		path: 'parameters.templateId',
		methodName: 'searchTemplates',
		currentNodeParameters: { resource: 'template', operation: 'get', templateId: { __rl: true, mode: 'list', value: '' } },
		credentials: { clickSendApi: CLICKSEND.credential },
		...(filter === undefined ? {} : { filter }),
		...(paginationToken === undefined ? {} : { paginationToken }),
	});
	const text = await response.text();
	assert(response.ok, `POST /rest/dynamic-node-parameters/resource-locator-results answered ${response.status}: ${text.slice(0, 300)}`);
	return (JSON.parse(text) as { data: ListSearchAnswer }).data;
}

export async function checkTemplateDropdown(session: N8nSession, sandbox: Sandbox): Promise<string> {
	const names = Array.from({ length: TEMPLATES }, (_, index) => `Dropdown check ${String(index + 1).padStart(3, '0')}`);
	for (const name of names) {
		const saved = await fetch(`${sandbox.providerUrl('clicksend')}/sms/templates`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [CLICKSEND.authHeader.name]: CLICKSEND.authHeader.value },
			body: JSON.stringify({ template_name: name, body: `${name} text` }),
		});
		assert(saved.ok, `the sandbox did not save a template: ${saved.status}`);
	}

	const first = await templateDropdown(session, 'dropdown check');
	assert(first.results.length === 100 && first.paginationToken !== undefined, `first page: ${first.results.length} templates, token ${String(first.paginationToken)}`);
	const second = await templateDropdown(session, 'dropdown check', first.paginationToken);
	const listed = [...first.results, ...second.results].map((result) => result.name.replace(/ \(\d+\)$/, ''));
	assert(JSON.stringify(listed) === JSON.stringify(names), `the two pages list ${listed.length} templates, not the ${TEMPLATES} in order`);
	assert(second.paginationToken === undefined, `a third page was offered: ${String(second.paginationToken)}`);

	const typed = await templateDropdown(session, 'Dropdown check 115');
	assert(typed.results.length === 1 && typed.results[0].name.startsWith('Dropdown check 115 ('), `typing its name found ${JSON.stringify(typed.results)}`);
	return `pages of ${first.results.length} and ${second.results.length} (token ${JSON.stringify(first.paginationToken)}); typed: ${typed.results[0].name}`;
}
