/**
 * The parts of libphonenumber-js that lib/phone.ts uses. n8n Cloud installs only community nodes
 * without runtime dependencies, so `npm run build` bundles this module, with the library inside,
 * into dist/lib/vendor/libphonenumber.js (scripts/bundle-vendor.ts); the tests import it as it is.
 * Import libphonenumber-js through this module only: a plain import would ship as a require of a
 * package that n8n does not install.
 */

// The 'min' metadata: the checks we make (a valid length and leading digits for the country, the
// length problem) are the ones the package made before bundling, with the smallest data. 'max'
// also matches every digit pattern and rejects numbers in ranges allocated after its release that
// the provider would deliver; 'mobile' rejects landlines, which some providers text.
export {
	ParseError,
	getCountryCallingCode,
	isSupportedCountry,
	parseIncompletePhoneNumber,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
} from 'libphonenumber-js/min';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';
