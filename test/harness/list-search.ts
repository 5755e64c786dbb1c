import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { stopEngineTimersAfterTests } from './engine-timers';
import { TriggerSetup, type TriggerSetupOptions } from './trigger-setup';

export interface RunListSearchOptions extends TriggerSetupOptions {
	/** The name in `methods.listSearch`, as a resource locator's `searchListMethod` names it. */
	method: string;
	/** What the user typed in the dropdown's search box. */
	filter?: string;
	/** The parameter whose dropdown is open, e.g. `parameters.from`. */
	path?: string;
	/**
	 * The `paginationToken` of the previous answer, as the editor sends it back when the list is
	 * scrolled to its end. n8n's request validation (1.x, 2.8) takes only a string, so a token of
	 * another type fails here as it would there.
	 */
	paginationToken?: unknown;
}

/**
 * Runs a node's `methods.listSearch[method]` in n8n-core's LoadOptionsContext, as the editor's
 * dropdown does through n8n's DynamicNodeParametersService, with the node's credentials resolved
 * by the harness.
 */
export async function runListSearch(options: RunListSearchOptions): Promise<INodeListSearchResult> {
	const setup = new TriggerSetup(options, 'http://127.0.0.1:5678/webhook');
	const search = (
		setup.nodeType.methods?.listSearch as
			| Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>>
			| undefined
	)?.[options.method];
	if (!search) throw new UnexpectedError(`Node "${setup.node.name}" has no methods.listSearch.${options.method}`);
	const { paginationToken } = options;
	if (paginationToken !== undefined && typeof paginationToken !== 'string') {
		throw new UnexpectedError(`n8n refuses a paginationToken that is not a string (got ${typeof paginationToken})`);
	}
	const workflow = setup.createWorkflow();
	// The context builds n8n-core's SSH clients manager, whose timer would keep jest from exiting.
	stopEngineTimersAfterTests();
	const context = new LoadOptionsContext(workflow, workflow.getNode(setup.node.name)!, setup.createAdditionalData(), options.path ?? '');
	return await search.call(context, options.filter, paginationToken);
}
