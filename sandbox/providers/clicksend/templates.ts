import type { ProviderRequest, ProviderResponse, ProviderRoute } from '../../provider';
import { badRequest, bodyObject, notFound, paginate, parseSearch, queryValue, sortItems, success, type SortKeys } from './envelope';
import type { ClickSendState, ClickSendTemplate } from './state';

const TEMPLATE_SORT_KEYS: SortKeys<ClickSendTemplate> = {
	template_id: (template) => template.template_id,
	template_name: (template) => template.template_name.toLowerCase(),
	body: (template) => template.body.toLowerCase(),
};

export function templateRoutes(state: ClickSendState): ProviderRoute[] {
	const find = (request: ProviderRequest) => state.templates.find((template) => String(template.template_id) === request.params.template_id);

	return [
		{ method: 'GET', path: '/sms/templates', handle: (request) => success('Here are your templates.', paginate(filtered(state, request), request)) },
		{
			method: 'POST',
			path: '/sms/templates',
			handle: (request) => {
				const fields = readTemplate(request, true);
				if ('status' in fields) return fields;
				const template: ClickSendTemplate = { template_id: state.nextIds.template++, template_name: fields.template_name ?? '', body: fields.body ?? '' };
				state.templates.push(template);
				return success('New template has been saved.', template);
			},
		},
		{
			method: 'GET',
			path: '/sms/templates/:template_id',
			handle: (request) => {
				const template = find(request);
				return template ? success('Here is your template.', template) : notFound('Template not found.');
			},
		},
		{
			method: 'PUT',
			path: '/sms/templates/:template_id',
			handle: (request) => {
				const template = find(request);
				if (!template) return notFound('Template not found.');
				const fields = readTemplate(request, false);
				if ('status' in fields) return fields;
				Object.assign(template, fields);
				return success('Your template has been updated.', template);
			},
		},
		{
			method: 'DELETE',
			path: '/sms/templates/:template_id',
			handle: (request) => {
				const template = find(request);
				if (!template) return notFound('Template not found.');
				state.templates = state.templates.filter((candidate) => candidate !== template);
				return success('Your template has been deleted.', null);
			},
		},
	];
}

/** Both fields on create; on update only those given change. A given field must be a non-blank string. */
function readTemplate(request: ProviderRequest, required: boolean): Partial<Pick<ClickSendTemplate, 'template_name' | 'body'>> | ProviderResponse {
	const body = bodyObject(request);
	const fields: Partial<Pick<ClickSendTemplate, 'template_name' | 'body'>> = {};
	for (const name of ['template_name', 'body'] as const) {
		const value = body[name];
		if (value === undefined && !required) continue;
		if (typeof value !== 'string' || value.trim() === '') return badRequest(`The ${name.replace('_', ' ')} field is required.`);
		fields[name] = value;
	}
	return fields;
}

/** `q=template_id:…` matches the id exactly, `template_name:` / `body:` by containing it (any case). */
function filtered(state: ClickSendState, request: ProviderRequest): ClickSendTemplate[] {
	const searches = parseSearch(queryValue(request, 'q'));
	const matching = state.templates.filter((template) =>
		searches.every(({ field, value }) => {
			if (field === 'template_id') return value === '' || String(template.template_id) === value;
			if (field !== 'template_name' && field !== 'body') return true;
			return template[field].toLowerCase().includes(value.toLowerCase());
		}),
	);
	return sortItems(matching, queryValue(request, 'order_by'), TEMPLATE_SORT_KEYS, 'template_id:asc');
}
