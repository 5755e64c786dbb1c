import type { INodeProperties } from 'n8n-workflow';

export const deliveryReceiptOperations: INodeProperties[] = [];

export const deliveryReceiptFields: INodeProperties[] = [];
