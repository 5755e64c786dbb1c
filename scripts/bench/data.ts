/**
 * Benchmark input: a different valid recipient per item, written the ways people write numbers,
 * and message texts of one or two parts, some outside the GSM alphabet.
 *
 * The last four digits stay within 2000–6999: the sandboxes give special answers to some endings
 * (0000–0002, 7867, 9112–9715, 9998, 9999), and the benchmark wants every message accepted.
 */

export interface Recipient {
	/** As a person typed it. */
	written: string;
	/** International digits without "+": what every provider's answer can be compared with. */
	digits: string;
}

const SUFFIXES = 5000;
const suffix = (index: number) => String(2000 + (index % SUFFIXES));
const block = (index: number) => Math.floor(index / SUFFIXES);

/** US numbers in area code 774 (exchange 319 onwards), the one Skycore's API intro uses. */
export function usRecipient(index: number): Recipient {
	const exchange = String(319 + block(index));
	const last = suffix(index);
	const digits = `1774${exchange}${last}`;
	const forms = [`+${digits}`, `+1 (774) ${exchange}-${last}`, `+1 774 ${exchange} ${last}`, `+1-774-${exchange}-${last}`];
	return { written: forms[index % forms.length], digits };
}

/** Australian mobiles (04xx), ClickSend's home market. */
export function auRecipient(index: number): Recipient {
	const last = suffix(index);
	const middle = `0${block(index)}`.slice(-2);
	const digits = `61412${middle}${last}`;
	const forms = [`+${digits}`, `+61 412 ${middle.slice(0, 1)}${middle.slice(1)}${last.slice(0, 1)} ${last.slice(1)}`, `0061 412${middle}${last}`];
	return { written: forms[index % forms.length], digits };
}

const NAMES = ['Ana', 'Bo', 'Chidi', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo'];

/** Mostly one GSM-7 part; every 10th needs UCS-2, every 7th is long enough for two parts. */
export function messageText(index: number): string {
	const name = NAMES[index % NAMES.length];
	let text = `Hi ${name}, order #${100000 + index} is ready for pickup at counter ${(index % 9) + 1}.`;
	if (index % 10 === 3) text += ' Thank you ✓';
	if (index % 7 === 5) text += ' Bring a photo ID and the order number; the store is open from 9 to 18 on weekdays and from 10 to 14 on Saturday.';
	return text;
}
