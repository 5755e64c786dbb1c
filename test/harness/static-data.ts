import type { IDataObject, Workflow } from 'n8n-workflow';

/**
 * Workflow static data the way n8n keeps it between webhook calls: in the database as JSON. Each
 * call builds a new Workflow from the stored copy, and the copy is replaced only when the
 * ObservableObject says something changed (`__dataChanged`), as WorkflowStaticDataService does.
 * What a node stores therefore goes through JSON between calls, as in n8n: a Date comes back as a
 * string, a Map or Set as `{}`.
 */
export class StaticDataStore {
	private stored: IDataObject;

	constructor(initial: IDataObject = {}) {
		this.stored = toJsonCopy(initial);
	}

	/** A copy to build the next Workflow from. */
	load(): IDataObject {
		return toJsonCopy(this.stored);
	}

	/** Called where n8n calls `saveStaticData(workflow)`. */
	saveIfChanged(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged !== true) return;
		this.stored = toJsonCopy(workflow.staticData);
		workflow.staticData.__dataChanged = false;
	}

	snapshot(): IDataObject {
		return toJsonCopy(this.stored);
	}
}

function toJsonCopy(data: IDataObject): IDataObject {
	// __dataChanged is a non-enumerable property, so JSON leaves it out just as the database does.
	return JSON.parse(JSON.stringify(data)) as IDataObject;
}
