import { sentMessageOutput } from '../../lib/sent-message';

describe('sentMessageOutput', () => {
	it('gives the shared fields first, with the text counted, then the provider’s own fields', () => {
		const output = sentMessageOutput(
			{ messageId: 'm-1', status: 'accepted', providerStatus: 'QUEUED', to: '+12025551234', from: '+12025550199', text: 'Merci, garçon 👍', price: 0.0075, currency: 'USD' },
			{ channel: 'SMS', ptf: null },
		);

		expect(output).toEqual({
			messageId: 'm-1',
			status: 'accepted',
			providerStatus: 'QUEUED',
			to: '+12025551234',
			from: '+12025550199',
			encoding: 'UCS-2',
			segments: 1,
			characters: 15,
			price: 0.0075,
			currency: 'USD',
			channel: 'SMS',
			ptf: null,
		});
		expect(Object.keys(output).slice(0, 10)).toEqual([
			'messageId', 'status', 'providerStatus', 'to', 'from', 'encoding', 'segments', 'characters', 'price', 'currency',
		]);
	});

	it('keeps the shared field when a provider field has its name', () => {
		const output = sentMessageOutput(
			{ messageId: 'm-2', status: 'scheduled', providerStatus: 'SUCCESS', to: '+61411111111', text: 'hi' },
			{ status: 'SUCCESS', to: '61411111111', messageId: 'other', segments: 9, custom_string: 'booking-7' },
		);

		expect(output).toMatchObject({ messageId: 'm-2', status: 'scheduled', to: '+61411111111', segments: 1, custom_string: 'booking-7' });
	});

	it.each([
		['0.0792', 0.0792],
		[0.0075, 0.0075],
		['', null],
		['free', null],
		[null, null],
		[undefined, null],
		[Number.NaN, null],
	])('reads the price %p as %p', (price, expected) => {
		expect(sentMessageOutput({ messageId: 'm', status: 'accepted', providerStatus: null, to: '+1', text: 'a', price }).price).toBe(expected);
	});

	it('gives null for a sender or currency the provider did not say', () => {
		const output = sentMessageOutput({ messageId: 'm', status: 'accepted', providerStatus: null, to: '+12025551234', from: '', text: '', currency: undefined });
		expect(output).toMatchObject({ from: null, currency: null, price: null, encoding: 'GSM-7', segments: 0, characters: 0 });
	});
});
