/**
 * The page the approval link opens: the question, and Approve / Decline buttons or one text field.
 * Plain HTML with inline styles (n8n serves it inside its webhook sandbox), every text escaped,
 * sized for a phone, since the link arrives by SMS.
 */

export interface ApprovalPage {
	title: string;
	question: string;
	responseType: 'approval' | 'freeText';
	approveLabel: string;
	declineLabel: string;
	/** False offers Approve only, as n8n's "Approve Only". */
	offerDecline: boolean;
	submitLabel: string;
	/** Shown above the form when a submitted answer was refused (an empty text). */
	problem?: string;
}

/** Who may show or submit the page: n8n serves webhook HTML under the same policy. */
export const PAGE_SECURITY_POLICY = "sandbox allow-forms; default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;background:#f5f5f7;color:#1f1f1f;margin:0;padding:24px 16px}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 12px}
p{white-space:pre-wrap;line-height:1.45;margin:0 0 20px}
.problem{color:#b3261e}
textarea{box-sizing:border-box;width:100%;min-height:120px;font:inherit;padding:10px;border:1px solid #c7c7cc;border-radius:8px;margin-bottom:16px}
button{display:block;width:100%;font:inherit;font-weight:600;padding:14px;border-radius:8px;margin-bottom:12px;cursor:pointer}
.primary{background:#1b6ef3;color:#fff;border:0}
.secondary{background:#fff;color:#1f1f1f;border:1px solid #c7c7cc}
`;

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function document(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The form posts back to the address it was opened at (signature included): an empty action. */
export function approvalPageHtml(page: ApprovalPage): string {
	const problem = page.problem ? `<p class="problem">${escapeHtml(page.problem)}</p>` : '';
	const controls =
		page.responseType === 'freeText'
			? `<textarea name="answer" required aria-label="Your answer"></textarea><button class="primary" type="submit">${escapeHtml(page.submitLabel)}</button>`
			: `<button class="primary" type="submit" name="decision" value="approve">${escapeHtml(page.approveLabel)}</button>` +
				(page.offerDecline ? `<button class="secondary" type="submit" name="decision" value="decline">${escapeHtml(page.declineLabel)}</button>` : '');
	return document(
		page.title,
		`<h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.question)}</p>${problem}<form method="post" action="">${controls}</form>`,
	);
}

export function answerRecordedHtml(): string {
	return document('Answer recorded', '<h1>Got it, thanks</h1><p>Your answer was recorded. You can close this page.</p>');
}

/** For the person who taps the link after the wait's limit: their answer was not recorded, and what to do instead. */
export function linkExpiredHtml(title: string): string {
	return document(
		title,
		'<h1>This link has expired</h1><p>The time to answer has passed, so your answer was not recorded. If it still matters, contact whoever sent you the message.</p>',
	);
}
