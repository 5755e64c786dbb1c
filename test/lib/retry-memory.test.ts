import { fingerprintOf, NodeRunMemory, RETRY_MEMORY_TTL_MS, RetryMemory } from '../../lib/retry-memory';

const sent = (messageId: string) => ({ sent: [{ messageId }] });

function memoryWith(items: number): NodeRunMemory {
	const memory = new NodeRunMemory();
	for (let index = 0; index < items; index++) memory.remember(index, `f${index}`, sent(`m${index}`));
	return memory;
}

describe('NodeRunMemory', () => {
	it('recalls an item only with the same fingerprint: a changed item is sent again', () => {
		const memory = new NodeRunMemory();
		memory.remember(3, fingerprintOf({ to: '+12025551234', text: 'Hi' }), sent('a'));

		expect(memory.recall(3, fingerprintOf({ to: '+12025551234', text: 'Hi' }))).toEqual(sent('a'));
		expect(memory.recall(3, fingerprintOf({ to: '+12025551234', text: 'Hi!' }))).toBeUndefined();
		expect(memory.recall(4, fingerprintOf({ to: '+12025551234', text: 'Hi' }))).toBeUndefined();
	});
});

describe('fingerprintOf', () => {
	it('is short and differs when any field differs', () => {
		const long = { to: '+12025551234', text: 'x'.repeat(1600) };
		expect(fingerprintOf(long).length).toBeLessThan(50);
		expect(fingerprintOf(long)).not.toBe(fingerprintOf({ ...long, to: '+12025551235' }));
		expect(fingerprintOf(undefined)).toBe(fingerprintOf(undefined));
	});
});

describe('RetryMemory', () => {
	let now = 0;
	const store = () => new RetryMemory({ ttlMs: 1000, maxItems: 10 }, () => now);
	beforeEach(() => {
		now = 0;
	});

	it('gives the next try what the failed try kept, once, and a new run starts empty', () => {
		const memory = store();
		const first = memory.claim('run');
		first.remember(0, 'f0', sent('m0'));
		memory.keep('run', first);

		expect(memory.claim('other run').size).toBe(0);
		const second = memory.claim('run');
		expect(second.recall(0, 'f0')).toEqual(sent('m0'));
		// Claimed: the store holds it no more until the try keeps it again.
		expect(memory.size).toBe(0);
		expect(memory.claim('run').size).toBe(0);
	});

	it('forgets a kept run after the TTL, counted from when the try ended', () => {
		const memory = store();
		memory.keep('run', memoryWith(1));
		now = 999;
		memory.keep('run', memory.claim('run'));
		now = 1998;
		expect(memory.claim('run').size).toBe(1);
		memory.keep('run', memoryWith(1));
		now = 3000;
		expect(memory.claim('run').size).toBe(0);
	});

	it('keeps at most maxItems across runs, forgetting the oldest run first but never the one just kept', () => {
		const memory = store();
		memory.keep('a', memoryWith(4));
		memory.keep('b', memoryWith(4));
		memory.keep('c', memoryWith(4));
		expect(memory.size).toBe(2);
		expect(memory.claim('a').size).toBe(0);
		expect(memory.claim('b').size).toBe(4);

		memory.keep('big', memoryWith(12));
		expect(memory.size).toBe(1);
		expect(memory.claim('big').size).toBe(12);
	});

	it('does not store a try that remembered nothing', () => {
		const memory = store();
		memory.keep('run', new NodeRunMemory());
		expect(memory.size).toBe(0);
	});

	it('waits far longer than n8n between two tries (at most 5 s)', () => {
		expect(RETRY_MEMORY_TTL_MS).toBeGreaterThanOrEqual(60 * 5000);
	});
});
