import type { ProviderDefinition } from '../provider';
import type { ProviderName } from '../types';
import { clearline } from './clearline';

/** Every emulated provider, mounted at `/<name>`. Typed by the key list, so none can be forgotten. */
export const PROVIDERS: Record<ProviderName, ProviderDefinition> = {
	clearline,
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];
