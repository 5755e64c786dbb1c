import type { ProviderDefinition } from '../provider';
import type { ProviderName } from '../types';
import { amigo } from './amigo';
import { clearline } from './clearline';
import { clicksend } from './clicksend';
import { skycore } from './skycore';
import { smscpr } from './smscpr';

/** Every emulated provider, mounted at `/<name>`. Typed by the key list, so none can be forgotten. */
export const PROVIDERS: Record<ProviderName, ProviderDefinition> = {
	amigo,
	clearline,
	clicksend,
	skycore,
	smscpr,
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];
