/**
 * What every error text a node shows must not do, checked by the catalogues (bad input, provider
 * faults, secrets, error output, Retry On Fail) on each error they produce: one clear message and
 * description each, saying what happened, whether the message may have gone out, and what to do.
 */

/** Sentences the nodes append to a description: each must follow a full stop, never run on. */
const APPENDED_SENTENCES = [
	'No other message had been sent',
	'Already sent before the node stopped',
	'Stopped at item',
	'The message may have reached the provider',
	'Nothing was sent',
	'Not sent',
	'This message was not sent',
	'n8n retried the node',
];

const MAY_HAVE_GONE_OUT = /may have (reached|gone out|been sent|been accepted)|may or may not have been accepted/i;
const NOT_SENT = /did not accept|try again later|was not sent|Nothing was sent|Not sent:/i;

/** The problems of one error text (a message or a description); empty when it reads well. */
export function problemsOfErrorText(text: unknown): string[] {
	if (typeof text !== 'string' || text.trim() === '') return [`not a text: ${String(text)}`];
	const problems: string[] = [];
	const flag = (pattern: RegExp, what: string) => {
		const found = pattern.exec(text);
		if (found) problems.push(`${what}: "…${text.slice(Math.max(0, found.index - 30), found.index + found[0].length + 30)}…"`);
	};
	flag(/(?<!\.)\.\s*\.(?!\.)/, 'doubled full stop');
	flag(/[,;:]\s*\.|\.\s*[,;:]/, 'doubled punctuation');
	flag(/\)\s+[A-Z][a-z]/, 'two sentences run together after a parenthesis');
	for (const sentence of APPENDED_SENTENCES) flag(new RegExp(`[^.!?:\\s”"]\\s+${sentence}`), 'two sentences run together');
	flag(/\bitems (\d+)[–-]\1\b/, 'an item range of one item');
	flag(/\bitems? ?[–-]|\bitems?\s*\)|\(\s*items?\s*\)/, 'an empty item range');
	flag(/\b1 were\b|\b1 messages\b|\b0 messages\b/, 'a count in the wrong number');
	flag(/\[object Object\]/, 'an object printed as text');
	flag(/\bundefined\b/, '"undefined"');
	flag(/\bNaN\b/, '"NaN"');
	return problems;
}

/** The problems of one error as a whole: each text, and a message and description that contradict each other. */
export function problemsOfError(error: { message?: unknown; description?: unknown } | undefined): string[] {
	if (!error) return ['no error'];
	const problems = [...problemsOfErrorText(error.message)];
	if (error.description !== undefined && error.description !== null) problems.push(...problemsOfErrorText(error.description));
	const whole = `${String(error.message)} ${String(error.description ?? '')}`;
	if (MAY_HAVE_GONE_OUT.test(whole) && NOT_SENT.test(whole)) {
		problems.push(`says both that the message may have gone out and that it was not sent (or to try again later): "${whole}"`);
	}
	return problems;
}

/** For a failed item's json ({error, description}) under "continue on fail", or a node's error. */
export function expectClearError(error: { message?: unknown; description?: unknown } | { error?: unknown; description?: unknown } | undefined): void {
	const asError = error && 'error' in error && !('message' in error) ? { message: error.error, description: error.description } : error;
	expect(problemsOfError(asError as { message?: unknown; description?: unknown })).toEqual([]);
}
