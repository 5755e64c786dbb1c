/**
 * Stands in for libphonenumber-js's helpers/matchesEntirely in the bundle that ships
 * (scripts/bundle-vendor.ts). The library compiles a new RegExp from the same pattern text for
 * every check, several per number, which made most of the cost of reading a number; every pattern
 * comes from its fixed metadata, so each is compiled once here and kept. The answers are the
 * library's: the patterns carry no flags, so a kept RegExp holds no state from one test to the next.
 */
const compiledPatterns = new Map<string, RegExp>();

export default function matchesEntirely(text: string | undefined, regularExpressionText: string): boolean {
	let expression = compiledPatterns.get(regularExpressionText);
	if (expression === undefined) {
		expression = new RegExp(`^(?:${regularExpressionText})$`);
		compiledPatterns.set(regularExpressionText, expression);
	}
	return expression.test(text || '');
}
