import { SANDBOX_KEYS } from '../../sandbox/keys';
import type { Sandbox } from '../../sandbox/server';
import { readJson } from './read-json';

const { username, apiKey } = SANDBOX_KEYS.clicksend;

export const CLICKSEND_AUTH = `Basic ${Buffer.from(`${username}:${apiKey}`).toString('base64')}`;

/** The spec's send example (two messages, source php). */
export const SPEC_SEND_EXAMPLE = {
	messages: [
		{ source: 'php', body: 'Jelly liquorice marshmallow candy carrot cake 4Eyffjs1vL.', to: '+61411111111' },
		{ source: 'php', body: 'Chocolate bar icing icing oat cake carrot cake jelly cotton MWEvciEPIr.', to: '+61422222222' },
	],
};

export interface ClickSendCall {
	status: number;
	body: any;
	headers: Headers;
}

/** One authenticated JSON call to the sandbox's ClickSend, e.g. `call(sandbox, 'POST', '/sms/send', {...})`. */
export async function call(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
	authorization: string | null = CLICKSEND_AUTH,
): Promise<ClickSendCall> {
	const headers: Record<string, string> = {};
	if (authorization !== null) headers.Authorization = authorization;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(`${sandbox.providerUrl('clicksend')}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
}

export async function sendMessages(sandbox: Sandbox, messages: unknown[]): Promise<ClickSendCall> {
	return call(sandbox, 'POST', '/sms/send', { messages });
}

/** POST /_sandbox/clicksend/inbound: a reply arrives. */
export async function simulateInbound(sandbox: Sandbox, payload: unknown): Promise<{ status: number; body: any }> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/clicksend/inbound`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(payload),
	});
	return { status: response.status, body: await readJson(response) };
}

export const ENVELOPE = { http_code: 200, response_code: 'SUCCESS', response_msg: expect.any(String) };

export const MESSAGE_ID = expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
