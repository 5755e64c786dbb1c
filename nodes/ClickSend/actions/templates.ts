import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import { isBlank, requireMessageText } from '../../../lib/inputs';
import type { OperationHandlers } from '../../../lib/operations';
import { READ_CONCURRENCY, RequestPace } from '../../../lib/http';
import { runItemsInOrder } from '../../../lib/send';
import { MAX_BODY_CHARACTERS } from '../messages';
import { createClickSendClient, envelopeData, listAllPages } from '../transport';
import { readPageLimit, requireId } from './inputs';
import { getOne } from './lookup';

const TEMPLATE_ID_HINT = 'Choose a template from the list, or map its template_id, e.g. {{ $json.template_id }}';

/** A template's name: shown in dropdowns, so it must not be blank. */
function readName(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	const name = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (name === '') {
		throw invalidInputError(context.getNode(), itemIndex, { field, reason: 'is empty', hint: 'Give the template a name, e.g. Appointment reminder' });
	}
	return name;
}

/**
 * The template text follows the same rules as a message body: a template is sent as one. It is
 * saved as written; the Send that uses it replaces look-alike characters if its Options say so.
 */
function readText(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): string {
	return requireMessageText(context.getNode(), itemIndex, field, value, { maxCharacters: MAX_BODY_CHARACTERS, replaceLookAlikeCharacters: false });
}

async function createTemplate(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context);
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => ({
			template_name: readName(context, itemIndex, 'Name', context.getNodeParameter('templateName', itemIndex, '')),
			body: readText(context, itemIndex, 'Text', context.getNodeParameter('templateBody', itemIndex, '')),
		}),
		// A create that may have reached ClickSend is not repeated: it would save the template twice.
		execute: async (body, itemIndex) => {
			const response = await client.request({ method: 'POST', path: '/sms/templates', body }, { kind: 'send', retryOnServerError: false }, itemIndex);
			return envelopeData(response.body);
		},
		concurrency: 1,
		describeDone: (output) => (output.template_id === undefined ? undefined : `template ${String(output.template_id)}`),
	});
}

async function getManyTemplates(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => ({ query: readTemplateQuery(context, itemIndex), pageLimit: readPageLimit(context, itemIndex) }),
		execute: async ({ query, pageLimit }, itemIndex) => await listAllPages(client, '/sms/templates', query, pageLimit, itemIndex),
		concurrency: READ_CONCURRENCY,
	});
}

/** ClickSend's search is `field:value` pairs joined by commas, so a comma cannot be searched for. */
function readTemplateQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = { order_by: context.getNodeParameter('orderBy', itemIndex, 'template_id:asc') };
	const searches: string[] = [];
	for (const [parameter, field, label] of [
		['templateName', 'template_name', 'Filters › Name Contains'],
		['templateBody', 'body', 'Filters › Text Contains'],
	] as const) {
		const value = filters[parameter];
		if (isBlank(value)) continue;
		const text = String(value).trim();
		if (text.includes(',')) {
			throw invalidInputError(context.getNode(), itemIndex, {
				field: label,
				reason: 'contains a comma',
				hint: 'ClickSend’s search cannot look for a comma: search for the text before or after it',
			});
		}
		searches.push(`${field}:${text}`);
	}
	if (searches.length > 0) query.q = searches.join(',');
	return query;
}

async function updateTemplate(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => {
			const templateId = requireId(context, itemIndex, 'templateId', 'Template', TEMPLATE_ID_HINT);
			const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
			const body: IDataObject = {};
			if (fields.templateName !== undefined) body.template_name = readName(context, itemIndex, 'Update Fields › Name', fields.templateName);
			if (fields.templateBody !== undefined) body.body = readText(context, itemIndex, 'Update Fields › Text', fields.templateBody);
			if (Object.keys(body).length === 0) {
				throw invalidInputError(context.getNode(), itemIndex, {
					field: 'Update Fields',
					reason: 'has nothing to change',
					hint: 'Add Name or Text under Update Fields',
				});
			}
			return { templateId, body };
		},
		// Setting the same name and text twice leaves the same template, so it is retried like a read.
		execute: async ({ templateId, body }, itemIndex) => {
			const path = `/sms/templates/${encodeURIComponent(templateId)}`;
			const response = await client.request({ method: 'PUT', path, body }, { kind: 'read' }, itemIndex);
			return envelopeData(response.body);
		},
		concurrency: READ_CONCURRENCY,
	});
}

async function deleteTemplate(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await createClickSendClient(context, new RequestPace(READ_CONCURRENCY));
	return await runItemsInOrder(context, {
		prepare: (itemIndex) => requireId(context, itemIndex, 'templateId', 'Template', TEMPLATE_ID_HINT),
		execute: async (templateId, itemIndex) => {
			await client.request({ method: 'DELETE', path: `/sms/templates/${encodeURIComponent(templateId)}` }, { kind: 'read' }, itemIndex);
			return { deleted: true, template_id: templateId };
		},
		concurrency: READ_CONCURRENCY,
	});
}

export const templateHandlers: OperationHandlers = {
	'template:create': createTemplate,
	'template:get': async (context) => await getOne(context, '/sms/templates', { parameter: 'templateId', label: 'Template', hint: TEMPLATE_ID_HINT }),
	'template:getAll': getManyTemplates,
	'template:update': updateTemplate,
	'template:delete': deleteTemplate,
};
