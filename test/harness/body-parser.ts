import { parse as parseQueryString } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

import type { Request } from 'express';
import { parseIncomingMessage } from 'n8n-core';
import type { INode, Workflow } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

/** n8n's UnprocessableRequestError: answered as 422 `{ code: 422, message, hint }`. */
export class UnprocessableRequestError extends Error {
	readonly httpStatusCode = 422;

	readonly errorCode = 422;

	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

interface XmlParser {
	parseStringPromise(xml: string): Promise<unknown>;
}

// xml2js comes with n8n-core (no types installed); same options as n8n's body parser.
const { Parser } = require('xml2js') as { Parser: new (options: object) => XmlParser };
const xmlParser = new Parser({
	async: true,
	normalize: true,
	normalizeTags: true,
	explicitArray: false,
});

async function readStream(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/**
 * n8n's `rawBodyReader` middleware, which runs for every request: sets `req.contentType` and
 * `req.encoding` from the Content-Type header and gives `req.readRawBody()`, which reads the body
 * once (gunzip/inflate as Content-Encoding says) into `req.rawBody`.
 */
export function prepareRawBodyReading(req: Request): void {
	parseIncomingMessage(req);
	req.readRawBody = async () => {
		if (req.rawBody) return;
		let stream: Readable = req;
		const contentEncoding = req.headers['content-encoding'];
		if (contentEncoding === 'gzip') stream = req.pipe(createGunzip());
		if (contentEncoding === 'deflate') stream = req.pipe(createInflate());
		req.rawBody = await readStream(stream);
		req._body = true;
	};
}

/** n8n's `parseBody`: JSON, XML, urlencoded form and text/plain; anything else leaves `req.body` alone. */
async function parseBody(req: Request): Promise<void> {
	if (req.contentType?.startsWith('multipart/')) return;
	await req.readRawBody();
	const { rawBody, contentType, encoding } = req;
	if (!rawBody?.length) return;
	try {
		if (contentType === 'application/json') {
			req.body = jsonParse(rawBody.toString(encoding));
		} else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
			req.body = await xmlParser.parseStringPromise(rawBody.toString(encoding));
		} else if (contentType === 'application/x-www-form-urlencoded') {
			req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, { maxKeys: 1000 });
		} else if (contentType === 'text/plain') {
			req.body = rawBody.toString(encoding);
		}
	} catch (error) {
		throw new UnprocessableRequestError('Failed to parse request body', (error as Error).message);
	}
}

/**
 * What n8n's webhook helper (`parseRequestBody` in packages/cli/src/webhooks/webhook-helpers.ts)
 * does before it calls the node's `webhook()`. The webhook routes are mounted before n8n's
 * general body parser, so this is the only parsing a webhook request gets: an empty or
 * unparsed body leaves `req.body` undefined (Express 5 no longer defaults it to `{}`).
 */
export async function parseWebhookRequestBody(
	req: Request,
	node: INode,
	workflow: Workflow,
): Promise<void> {
	if (node.typeVersion === 1) {
		const binaryData = workflow.expression.getSimpleParameterValue(
			node,
			'={{$parameter["options"]["binaryData"]}}',
			'webhook',
			{},
			undefined,
			false,
		);
		if (binaryData) return;
	}
	if (req.contentType === 'multipart/form-data') {
		// n8n parses it with formidable into fields and binary files; no SMS provider posts that.
		throw new Error('The test harness does not parse multipart/form-data webhook bodies');
	}
	const { contentType } = req;
	const isParsedType =
		contentType?.startsWith('application/json') ||
		contentType?.startsWith('text/plain') ||
		contentType?.startsWith('application/x-www-form-urlencoded') ||
		contentType?.endsWith('/xml') ||
		contentType?.endsWith('+xml');
	if (node.typeVersion > 1 && !isParsedType) return;
	await parseBody(req);
}
