import type { INodeProperties } from 'n8n-workflow';

export const templateOperations: INodeProperties[] = [];

export const templateFields: INodeProperties[] = [];
