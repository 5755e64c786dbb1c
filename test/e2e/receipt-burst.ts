/**
 * The e2e burst: one trigger workflow per provider that has a trigger, 1,000 delivery receipts
 * fired at each from the sandbox (every tenth one posted twice, as providers do when they think a
 * delivery failed), and n8n's own execution records read back.
 */
import { clearLineDeliveredReceipt } from '../../scripts/n8n/receipts';
import { providerFixture, NODE_TYPES, triggerWorkflow, type ImportableWorkflow, type SandboxProviderName } from '../../scripts/n8n-fixtures';

export const BURST_POSTS = 1000;
/** Every DUPLICATE_EVERY-th distinct receipt is posted twice. */
const DUPLICATE_EVERY = 10;
/** Posts in flight at once, as a provider's webhook sender would have. */
const BURST_CONCURRENCY = 20;

interface ReceiptPost {
	body: Record<string, unknown>;
	contentType: 'json' | 'form';
}

export interface BurstTrigger {
	title: string;
	workflowId: string;
	webhookId: string;
	webhookPath: string;
	/** The ID the receipt carries, which the execution's data then holds. */
	receipt(messageId: string): ReceiptPost;
	messageId(index: number): string;
	workflow(): ImportableWorkflow;
}

const uuidOf = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** A burst trigger as written below: what the workflow needs besides title and IDs, which it takes from the entry. */
type BurstTriggerEntry = Omit<BurstTrigger, 'workflow'> & {
	nodeType: string;
	parameters: Record<string, unknown>;
	credentialOf?: SandboxProviderName;
};

function burstTrigger({ nodeType, parameters, credentialOf, ...trigger }: BurstTriggerEntry): BurstTrigger {
	const credentials = credentialOf ? { [providerFixture(credentialOf).credentialType]: providerFixture(credentialOf).credential } : undefined;
	return {
		...trigger,
		workflow: () =>
			triggerWorkflow({
				id: trigger.workflowId,
				name: `e2e: ${trigger.title} receipt burst`,
				webhookId: trigger.webhookId,
				nodeType,
				nodeName: `${trigger.title} Trigger`,
				parameters,
				credentials,
			}),
	};
}

const PROTECTION_NONE = { authentication: 'none', options: {} };

export const BURST_TRIGGERS: BurstTrigger[] = [
	burstTrigger({
		title: 'ClearLine',
		workflowId: 'e2eBurstClearLn0',
		webhookId: '6a1e0c55-0b4e-4f0e-9d7a-1c2b3d4e5f01',
		webhookPath: 'delivery-receipt',
		messageId: uuidOf,
		receipt: (messageId) => ({
			contentType: 'json',
			body: clearLineDeliveredReceipt(messageId),
		}),
		nodeType: NODE_TYPES.clearLineTrigger,
		parameters: PROTECTION_NONE,
	}),
	burstTrigger({
		title: 'SMSCPR',
		workflowId: 'e2eBurstSmscpr00',
		webhookId: '6a1e0c55-0b4e-4f0e-9d7a-1c2b3d4e5f02',
		webhookPath: 'events',
		messageId: uuidOf,
		receipt: (msgId) => ({
			contentType: 'json',
			body: { msgId, status: 'DELIVERED', direction: 'MT', from: '+12025550199', to: '+12025551234' },
		}),
		nodeType: NODE_TYPES.smscprTrigger,
		parameters: PROTECTION_NONE,
	}),
	burstTrigger({
		title: 'Skycore',
		workflowId: 'e2eBurstSkycore0',
		webhookId: '6a1e0c55-0b4e-4f0e-9d7a-1c2b3d4e5f03',
		webhookPath: 'postback',
		messageId: (index) => `e2e${String(index).padStart(9, '0')}`,
		receipt: (trackingId) => ({
			contentType: 'json',
			body: { origin: 'SMS_MT', code: 'N202', status: 'Delivered', from: '00000', to: '12025551234', 'tracking-id': trackingId },
		}),
		nodeType: NODE_TYPES.skycoreTrigger,
		parameters: PROTECTION_NONE,
	}),
	burstTrigger({
		title: 'ClickSend',
		workflowId: 'e2eBurstClickSnd',
		webhookId: '6a1e0c55-0b4e-4f0e-9d7a-1c2b3d4e5f04',
		webhookPath: 'events',
		messageId: (index) => uuidOf(index).toUpperCase(),
		// ClickSend posts receipts form-encoded.
		receipt: (messageId) => ({
			contentType: 'form',
			body: { message_id: messageId, status_code: '201', status_text: 'Success: Message received on handset.', custom_string: 'e2e', message_type: 'sms' },
		}),
		nodeType: NODE_TYPES.clickSendTrigger,
		parameters: { events: ['deliveryReceipt', 'inboundMessage'], ...PROTECTION_NONE },
		credentialOf: 'clicksend',
	}),
];

/** The message IDs of one burst: BURST_POSTS posts, every DUPLICATE_EVERY-th ID twice. */
export function burstMessageIds(trigger: BurstTrigger): { posts: string[]; distinct: string[] } {
	const posts: string[] = [];
	const distinct: string[] = [];
	for (let index = 0; posts.length < BURST_POSTS; index++) {
		const id = trigger.messageId(index);
		distinct.push(id);
		posts.push(id);
		if (index % DUPLICATE_EVERY === 0 && posts.length < BURST_POSTS) posts.push(id);
	}
	return { posts, distinct };
}

interface DeliverResult {
	status: number | null;
	error: string | null;
}

/** Fires every post through the sandbox's deliver action, BURST_CONCURRENCY at a time; returns the failures. */
export async function fireBurst(sandboxBaseUrl: string, webhookUrl: string, trigger: BurstTrigger, posts: string[]): Promise<string[]> {
	const failures: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < posts.length) {
			const messageId = posts[next++];
			const { body, contentType } = trigger.receipt(messageId);
			const response = await fetch(`${sandboxBaseUrl}/_sandbox/deliver`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ url: webhookUrl, body, contentType }),
			});
			const answer = (await response.json()) as { results?: DeliverResult[]; error?: string };
			const result = answer.results?.[0];
			if (!response.ok || !result || result.status === null || result.status >= 300) {
				failures.push(`${messageId}: ${result?.status ?? result?.error ?? answer.error ?? response.status}`);
			}
		}
	};
	await Promise.all(Array.from({ length: BURST_CONCURRENCY }, worker));
	return failures;
}
