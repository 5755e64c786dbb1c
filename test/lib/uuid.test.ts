import { checkUuid } from '../../lib/uuid';

describe('checkUuid', () => {
	it.each([
		['a v4 UUID', '3fa85f64-5717-4562-b3fc-2c963f66afa6', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
		['upper case', '3FA85F64-5717-4562-B3FC-2C963F66AFA6', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
		['spaces around it', '  3fa85f64-5717-4562-b3fc-2c963f66afa6\n', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
		['a v7 UUID', '01890a5d-ac96-774b-bcce-b302099a8057', '01890a5d-ac96-774b-bcce-b302099a8057'],
		['the nil UUID', '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'],
	])('accepts %s', (_name, value, uuid) => {
		expect(checkUuid(value)).toEqual({ valid: true, uuid });
	});

	it.each([
		['empty', '', 'is empty'],
		['blank', '   ', 'is empty'],
		['null', null, 'is empty'],
		['undefined', undefined, 'is empty'],
		['a list', ['3fa85f64-5717-4562-b3fc-2c963f66afa6'], 'is a list, not text'],
		['an object', { id: 'x' }, 'is an object, not text'],
		['a name', 'Appointment reminders', 'is not a UUID ("Appointment reminders")'],
		['one digit short', '3fa85f64-5717-4562-b3fc-2c963f66afa', 'is not a UUID ("3fa85f64-5717-4562-b3fc-2c963f66afa")'],
		['no hyphens', '3fa85f6457174562b3fc2c963f66afa6', 'is not a UUID ("3fa85f6457174562b3fc2c963f66afa6")'],
		['a non-hex letter', '3fa85f64-5717-4562-b3fc-2c963f66afag', 'is not a UUID ("3fa85f64-5717-4562-b3fc-2c963f66afag")'],
		['a number', 42, 'is not a UUID ("42")'],
	])('refuses %s', (_name, value, reason) => {
		expect(checkUuid(value)).toMatchObject({ valid: false, reason, hint: expect.any(String) });
	});

	it('shortens a long wrong value in the reason', () => {
		const result = checkUuid('x'.repeat(200));
		expect(result).toMatchObject({ valid: false, reason: `is not a UUID ("${'x'.repeat(57)}…")` });
	});
});
