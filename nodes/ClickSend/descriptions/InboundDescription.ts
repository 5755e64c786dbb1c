import type { INodeProperties } from 'n8n-workflow';

export const inboundOperations: INodeProperties[] = [];

export const inboundFields: INodeProperties[] = [];
