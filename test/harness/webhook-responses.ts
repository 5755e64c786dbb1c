import type { Response } from 'express';
import { getWebhookSandboxCSP, isHtmlRenderedContentType, isWebhookHtmlSandboxingDisabled } from 'n8n-core';

export interface ResponseErrorLike {
	message: string;
	httpStatusCode?: number;
	errorCode?: number;
	hint?: string;
}

/** n8n's ResponseHelper.sendErrorResponse: `{ code, message, hint? }`, 500 unless the error says otherwise. */
export function sendErrorResponse(res: Response, error: ResponseErrorLike): void {
	const body: { code: number; message: string; hint?: string } = {
		code: error.errorCode ?? 0,
		message: error.message,
	};
	if (error.hint) body.hint = error.hint;
	res.status(error.httpStatusCode ?? 500).json(body);
}

/** The webhook request handler's `sendLegacyResponse` with `raw: true`: a string is sent as is. */
export function sendLegacyResponse(res: Response, data: unknown, responseCode: number): void {
	res.status(responseCode);
	if (typeof data === 'string') res.send(data);
	else res.json(data);
}

/** The webhook request handler's `sendStaticResponse`, sandbox CSP header included. */
export function sendStaticResponse(
	res: Response,
	body: unknown,
	code: number,
	headers: Map<string, string>,
): void {
	res.status(code);
	for (const [name, value] of headers) res.setHeader(name, value);
	const contentType = res.getHeader('content-type');
	const needsSandbox = !contentType || isHtmlRenderedContentType(String(contentType));
	if (needsSandbox && !isWebhookHtmlSandboxingDisabled()) {
		res.setHeader('Content-Security-Policy', getWebhookSandboxCSP());
	}
	if (typeof body === 'string') res.send(body);
	else res.json(body);
}
