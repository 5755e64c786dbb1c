/**
 * The compliance keywords of an inbound SMS. In the US (CTIA, TCPA) and in many other countries a
 * reply of STOP and its variants must end further messages to that number, START re-subscribes and
 * HELP asks for help; every inbound event carries what its first word means so that a workflow can
 * route on it without writing the check itself. The lists are the ones carriers and the large
 * providers honour; README "Opt-out keywords" documents them.
 */

export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export interface ComplianceKeywords {
	/** The first word asks to receive no more messages. */
	optOut: boolean;
	/** The first word asks to receive messages again. */
	optIn: boolean;
	/** The first word asks for help. */
	helpRequest: boolean;
}

/**
 * Leading symbols and spaces are skipped; the word ends at a space or a punctuation mark, except
 * the joiners that people type inside one keyword (OPT-OUT, OPT_OUT, a curly apostrophe), which
 * are dropped. So "Stop.", "stop, please", "«STOP»" and "opt-out" match, "Stopped" and "don't" do not.
 */
const FIRST_WORD = /^[^\p{L}\p{N}]*([\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’ʼ_\-‐‑])*)/u;

/** The first word of a text as the keyword lists spell it (upper case, joiners removed), or ''. */
export function firstKeyword(text: string): string {
	// NFKC turns full-width and other compatibility letters (ＳＴＯＰ) into plain ones.
	const match = FIRST_WORD.exec(text.normalize('NFKC'));
	if (!match) return '';
	return match[1].replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

const MEANING = new Map<string, keyof ComplianceKeywords>([
	...OPT_OUT_KEYWORDS.map((word) => [word, 'optOut'] as const),
	...OPT_IN_KEYWORDS.map((word) => [word, 'optIn'] as const),
	...HELP_KEYWORDS.map((word) => [word, 'helpRequest'] as const),
]);

/** What the first word of an inbound text asks for; at most one of the three is true. */
export function readComplianceKeywords(text: string): ComplianceKeywords {
	const meaning = MEANING.get(firstKeyword(text));
	return { optOut: meaning === 'optOut', optIn: meaning === 'optIn', helpRequest: meaning === 'helpRequest' };
}
