/**
 * The libphonenumber bundle that ships (scripts/bundle-vendor.ts) replaces one of the library's
 * modules to read numbers faster. These tests build that bundle as `npm run build` does and hold
 * it to the library as published: the same answer for every number, and the patterns compiled
 * once rather than for every check.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { bundleVendorModule } from '../../scripts/bundle-vendor';
import * as published from '../../lib/vendor/libphonenumber';

type Library = typeof published;

const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'AU', 'CC', 'CX', 'NZ', 'JP', 'BR', 'AR', 'IN', 'BE', 'IT', 'ZA', 'MX', 'SG'] as const;

let bundleDir: string;
let bundled: Library;

beforeAll(async () => {
	bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-bundle-'));
	const outFile = path.join(bundleDir, 'libphonenumber.js');
	await bundleVendorModule(path.join(__dirname, '../../lib/vendor/libphonenumber.ts'), outFile);
	bundled = require(outFile) as Library;
});

afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

/** The same pseudo-random inputs on every run: digits as typed, with and without + and a country. */
function inputs(count: number, seed: number): Array<{ text: string; country?: (typeof COUNTRIES)[number] }> {
	let state = seed;
	const next = (below: number) => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state % below;
	};
	return Array.from({ length: count }, () => {
		const digits = Array.from({ length: 6 + next(9) }, () => String(next(10))).join('');
		const form = next(3);
		if (form === 0) return { text: `+${digits}` };
		return { text: form === 1 ? digits : `0${digits}`, country: COUNTRIES[next(COUNTRIES.length)] };
	});
}

/** Everything lib/phone.ts reads from the library about one input. */
function reading(library: Library, text: string, country: string | undefined): string {
	const defaultCountry = country as Parameters<Library['parsePhoneNumberWithError']>[1];
	const length = library.validatePhoneNumberLength(text, defaultCountry) ?? 'ok';
	try {
		const phone = library.parsePhoneNumberWithError(text, defaultCountry);
		return [phone.number, phone.country, phone.isValid(), phone.isPossible(), length].join(' ');
	} catch (error) {
		return `${(error as Error).message} ${length}`;
	}
}

/** How many RegExps `read` constructs (regular expression literals are not counted). */
function regExpsConstructedBy(read: () => void): number {
	const original = globalThis.RegExp;
	let constructed = 0;
	globalThis.RegExp = new Proxy(original, {
		construct(target, args: [string | RegExp, string?]) {
			constructed++;
			return new target(...args);
		},
	});
	try {
		read();
	} finally {
		globalThis.RegExp = original;
	}
	return constructed;
}

describe('the shipped libphonenumber bundle', () => {
	it('reads every number as the published library does', () => {
		const differences = inputs(4000, 7)
			.map(({ text, country }) => ({ text, country, published: reading(published, text, country), bundled: reading(bundled, text, country) }))
			.filter((result) => result.published !== result.bundled);
		expect(differences).toEqual([]);
	});

	it('compiles each metadata pattern once instead of for every check', () => {
		const numbers = inputs(1000, 11);
		const readAll = (library: Library) => () => {
			for (const { text, country } of numbers) reading(library, text, country);
		};
		// A first pass compiles what the bundle keeps; the second shows what each reading costs.
		readAll(bundled)();
		const byBundle = regExpsConstructedBy(readAll(bundled));
		const byPublished = regExpsConstructedBy(readAll(published));
		expect(byPublished).toBeGreaterThan(0);
		expect(byBundle).toBeLessThan(byPublished / 2);
	});
});
