import { AMIGO_REASONS, AMIGO_SANDBOX_USE_CASES } from '../../../sandbox/providers/amigo';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runAmigoSend, SEND, sentRequests, SPEC_REQUEST } from './amigo-fixtures';

/**
 * Each 404 / 422 condition of the spec's error table, as the sandbox gives it: the error shows
 * Amigo's reason as is and says what the user must fix.
 */
describe('Amigo › SMS › Send: every refusal of the spec says what to fix', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it.each<[string, Record<string, string>, string, number, string]>([
		['use case not found or deleted', { use_case_id: '0b9f6a4e-2c1d-4f8a-9e3b-5d7c1a2b3c4d' }, AMIGO_REASONS.useCaseNotFound, 404, 'Check the Use Case ID'],
		['no phone number assigned', { use_case_id: AMIGO_SANDBOX_USE_CASES.noPhoneNumber }, AMIGO_REASONS.noPhoneNumber, 422, "Assign at least one phone number to this use case's sender pool"],
		['no verified A2P campaign', { use_case_id: AMIGO_SANDBOX_USE_CASES.noA2pCampaign }, AMIGO_REASONS.noA2pCampaign, 422, 'Register an A2P 10DLC campaign'],
		['a landline', { to_phone_number: '+44 20 7946 0958' }, AMIGO_REASONS.landline, 422, 'not a landline'],
		['opted out', { to_phone_number: '+14155557867' }, AMIGO_REASONS.optedOut, 422, 'do not send to this number again'],
		['region not permitted', { to_phone_number: '+33 6 12 34 56 78' }, AMIGO_REASONS.regionNotPermitted, 422, 'enable that destination region'],
		['brand suspended', { use_case_id: AMIGO_SANDBOX_USE_CASES.brandSuspended }, AMIGO_REASONS.brandSuspended, 422, 'brand registration (TCR) behind this use case is suspended'],
	])('%s', async (_case, change, reason, status, fix) => {
		const result = await runAmigoSend(sandbox, { items: [{ ...SPEC_REQUEST, ...change }] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Amigo refused the message: ${reason}`);
		expect(result.error?.description).toContain(fix);
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([status]);
	});

	it('with continue-on-fail, each item carries its own reason and fix', async () => {
		const result = await runAmigoSend(sandbox, {
			continueOnFail: true,
			items: [
				{ ...SPEC_REQUEST, use_case_id: AMIGO_SANDBOX_USE_CASES.noA2pCampaign },
				SPEC_REQUEST,
				{ ...SPEC_REQUEST, to_phone_number: '+14155557867' },
			],
		});

		const outputs = result.outputOf(SEND);
		expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json).toMatchObject({ error: `Amigo refused the message: ${AMIGO_REASONS.noA2pCampaign}`, httpCode: '422' });
		expect(outputs[1].json).toMatchObject({ status: 'accepted', providerStatus: 'pending' });
		expect(outputs[2].json).toMatchObject({ error: `Amigo refused the message: ${AMIGO_REASONS.optedOut}` });
	});

	it('gives the item an error, not a sent message, when Amigo answers 201 with a record already failed', async () => {
		const failedRecord = {
			id: '6f1c2a8e-0d4b-4c1e-9a51-3c2b7d9e1f00',
			use_case_id: SPEC_REQUEST.use_case_id,
			message_sid: 'SM00000000000000000000000000000000',
			from_number: null,
			to_number: SPEC_REQUEST.to_phone_number,
			body: SPEC_REQUEST.message,
			num_segments: null,
			status: 'undelivered',
			error_code: 30006,
		};
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 201, body: failedRecord });
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST, SPEC_REQUEST], continueOnFail: true, options: { concurrency: 1 } });

		const outputs = result.outputOf(SEND);
		expect(outputs[0].json).toMatchObject({
			error: 'Amigo took the message but reports it undelivered (error 30006)',
			description: expect.stringContaining('will not be delivered'),
		});
		expect(outputs[0].json.status).toBeUndefined();
		expect(outputs[1].json).toMatchObject({ status: 'accepted', providerStatus: 'pending' });
	});

	it('shows an undocumented reason as is, with a general fix', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 422, body: { detail: 'Messaging service is paused' } });
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST] });
		expect(result.error?.message).toBe('Amigo refused the message: Messaging service is paused');
		expect(result.error?.description).toContain('Fix what Amigo names above');
	});

	it('reads a validation error list field by field', async () => {
		sandbox.injectFault({
			provider: 'amigo',
			kind: 'status',
			status: 422,
			body: { detail: [{ type: 'string_too_long', loc: ['body', 'message'], msg: 'String should have at most 1600 characters', input: '…' }] },
		});
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST] });
		expect(result.error?.message).toBe('Amigo refused the request as invalid: message: String should have at most 1600 characters');
	});
});
