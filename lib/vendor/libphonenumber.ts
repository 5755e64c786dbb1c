/**
 * The parts of libphonenumber-js that lib/phone.ts uses. n8n Cloud installs only community nodes
 * without runtime dependencies, so `npm run build` bundles this module, with the library inside,
 * into dist/lib/vendor/libphonenumber.js (scripts/bundle-vendor.ts); the tests import it as it is.
 * Import libphonenumber-js through this module only: a plain import would ship as a require of a
 * package that n8n does not install.
 */

// The 'min' metadata, the smallest: our checks (a length and leading digits valid for the country,
// which length problem) need no more, and they stay the checks the package made before bundling.
// 'max' also holds every number type's digit pattern, so isValid() would reject numbers in ranges
// opened after this library's release that the provider still delivers; 'mobile' rejects
// landlines, which some providers text.
export {
	ParseError,
	getCountryCallingCode,
	isSupportedCountry,
	parseIncompletePhoneNumber,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
} from 'libphonenumber-js/min';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';
