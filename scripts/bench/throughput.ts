/**
 * The per-message CPU work every send does before any request: normalising the recipient
 * (lib/phone parsePhoneNumber) and counting the parts (lib/segments countSegments), timed on the
 * benchmark's own mix of numbers and texts, and per way of writing the number.
 */
import { performance } from 'node:perf_hooks';

import { parsePhoneNumber, type PhoneNumberOptions } from '../../lib/phone';
import { countSegments } from '../../lib/segments';
import { auRecipient, messageText, usRecipient } from './data';

export interface Throughput {
	/** Messages per second over the whole mix: the best of the timed passes. */
	perSecond: number;
	/** The median pass. */
	medianPerSecond: number;
	passes: number;
	messages: number;
	/** parsePhoneNumber alone, per way of writing the number (numbers per second, best pass). */
	phoneByForm: Record<string, number>;
}

const PASSES = 11;

/**
 * Inputs per second over `PASSES` timed passes after a warm-up pass: the best and the median. The
 * best is the code's own speed: on this shared machine allocation-heavy code has phases of a few
 * seconds in which it runs about a third slower (measured: 43k/s against 68k/s passes within one
 * process, while a pure arithmetic loop stays constant), and noise only ever slows a pass down.
 */
function rate(inputs: string[], work: (input: string, index: number) => void): { best: number; median: number } {
	for (let index = 0; index < inputs.length; index++) work(inputs[index], index);
	const rates: number[] = [];
	for (let pass = 0; pass < PASSES; pass++) {
		const started = performance.now();
		for (let index = 0; index < inputs.length; index++) work(inputs[index], index);
		rates.push((inputs.length / (performance.now() - started)) * 1000);
	}
	rates.sort((a, b) => a - b);
	return { best: rates[rates.length - 1], median: rates[Math.floor(rates.length / 2)] };
}

export function measureThroughput(): Throughput {
	const count = 20_000;
	const phones = Array.from({ length: count }, (_, index) => (index % 2 === 0 ? usRecipient(index) : auRecipient(index)).written);
	const texts = Array.from({ length: count }, (_, index) => messageText(index));
	let invalid = 0;
	const mix = rate(
		phones,
		(phone, index) => {
			if (!parsePhoneNumber(phone).valid) invalid++;
			countSegments(texts[index]);
		},
	);
	if (invalid > 0) throw new Error(`${invalid} benchmark numbers did not parse`);

	// Digits without + are read as international only with the opt-in (without it they are refused).
	const optedIn: PhoneNumberOptions = { readNumbersWithoutPlusAsInternational: true };
	const forms: Record<string, { write: (index: number) => string; options?: PhoneNumberOptions }> = {
		'+E.164 (+17743192000)': { write: (index) => `+${usRecipient(index).digits}` },
		'formatted (+1 (774) 319-2000)': { write: (index) => usRecipient(index * 4 + 1).written },
		'00 prefix (0061 412002000)': { write: (index) => `00${auRecipient(index).digits.slice(0, 2)} ${auRecipient(index).digits.slice(2)}` },
		'digits without +, opted in (17743192000)': { write: (index) => usRecipient(index).digits, options: optedIn },
	};
	const phoneByForm: Record<string, number> = {};
	for (const [form, { write, options }] of Object.entries(forms)) {
		const inputs = Array.from({ length: 5000 }, (_, index) => write(index));
		phoneByForm[form] = rate(inputs, (phone) => parsePhoneNumber(phone, options)).best;
	}
	return { perSecond: mix.best, medianPerSecond: mix.median, passes: PASSES, messages: count, phoneByForm };
}
