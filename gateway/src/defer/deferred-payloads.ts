import { type FieldNode, type GraphQLFormattedError, isAbstractType, isObjectType, type SelectionSetNode } from 'graphql';
import { activeDeferOf, type DeferPlan, fragmentOf, isIncluded } from './defer-operation';

type Path = Array<string | number>;
type Data = Record<string, unknown>;

/** One deferred fragment at one object of the answer, as the `deferSpec=20220824` format sends it. */
export interface IncrementalItem {
  data: Data | null;
  path: Path;
  label?: string;
  errors?: GraphQLFormattedError[];
}

/** An answer cut along the operation's deferred fragments. */
export interface CutResult {
  /** What the operation selects outside every deferred fragment. */
  initial: Data | null;
  /** One item per deferred fragment per object it applies to; a nested fragment's item comes after its parent's. */
  items: IncrementalItem[];
}

interface Deferred {
  label: string | null;
  selectionSet: SelectionSetNode;
}

/** Whether an object of type `typename` meets the type condition; an object that does not say its type is taken to. */
function meets(plan: DeferPlan, condition: string | undefined, typename: unknown): boolean {
  if (condition === undefined || typeof typename !== 'string' || condition === typename) return true;
  const abstract = plan.schema.getType(condition);
  const concrete = plan.schema.getType(typename);
  return abstract !== undefined && isAbstractType(abstract) && isObjectType(concrete) && plan.schema.isSubType(abstract, concrete);
}

/** The fields the selection sets ask of one object (by response key, in order), and the deferred fragments that apply to it. */
function collect(plan: DeferPlan, selectionSets: readonly SelectionSetNode[], typename: unknown, fields: Map<string, FieldNode[]>, deferred: Deferred[]): void {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, plan.variables)) continue;
      const fragment = fragmentOf(plan, selection);
      if (fragment === null) {
        const field = selection as FieldNode;
        const key = field.alias?.value ?? field.name.value;
        fields.set(key, [...(fields.get(key) ?? []), field]);
        continue;
      }
      if (!meets(plan, fragment.typeCondition?.name.value, typename)) continue;
      const label = activeDeferOf(fragment, plan.variables);
      if (label === undefined) collect(plan, [fragment.selectionSet], typename, fields, deferred);
      else deferred.push({ label, selectionSet: fragment.selectionSet });
    }
  }
}

function cutValue(plan: DeferPlan, value: unknown, selectionSets: SelectionSetNode[], path: Path, items: IncrementalItem[]): unknown {
  if (Array.isArray(value)) return value.map((element, index) => cutValue(plan, element, selectionSets, [...path, index], items));
  if (value === null || typeof value !== 'object') return value;
  return cutObject(plan, value as Data, selectionSets, path, items);
}

/** What the selection sets ask of one object, outside deferred fragments; each deferred fragment's part goes to `items`. */
function cutObject(plan: DeferPlan, object: Data, selectionSets: readonly SelectionSetNode[], path: Path, items: IncrementalItem[]): Data {
  const fields = new Map<string, FieldNode[]>();
  const deferred: Deferred[] = [];
  collect(plan, selectionSets, object.__typename, fields, deferred);
  const data: Data = {};
  for (const [key, nodes] of fields) {
    // Absent: the run did not select it (another type's fragment), or an error took it.
    if (!(key in object)) continue;
    const inner = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    data[key] = inner.length > 0 ? cutValue(plan, object[key], inner, [...path, key], items) : object[key];
  }
  for (const fragment of deferred) {
    const item: IncrementalItem = { data: null, path, ...(fragment.label !== null ? { label: fragment.label } : {}) };
    // The parent's item goes first, the ones nested in it after.
    items.push(item);
    item.data = cutObject(plan, object, [fragment.selectionSet], path, items);
  }
  return data;
}

/** Cuts an answer to the operation (or to one of its rewritten documents) along its deferred fragments. */
export function cutResult(plan: DeferPlan, data: Data | null | undefined): CutResult {
  const items: IncrementalItem[] = [];
  if (data === null || data === undefined) return { initial: data ?? null, items };
  const initial = cutObject(plan, data, [plan.operation.selectionSet], [], items);
  return { initial, items };
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => path[index] === step);
}

/** The deepest item whose data holds the field at `path` (an error's), if any. */
export function ownerOf(items: readonly IncrementalItem[], path: readonly (string | number)[] | undefined): IncrementalItem | undefined {
  let owner: IncrementalItem | undefined;
  for (const item of items) {
    const key = path?.[item.path.length];
    if (key === undefined || item.data === null || !startsWith(path!, item.path) || !(String(key) in item.data)) continue;
    if (!owner || item.path.length > owner.path.length) owner = item;
  }
  return owner;
}

/**
 * Gives each error, formatted, to the item that owns its path (see `ownerOf`); returns those no
 * item took. Read by the error's own path: a formatted error may have lost it (a masked one has).
 */
export function assignErrors<E extends { readonly path?: readonly (string | number)[] }>(
  items: IncrementalItem[],
  errors: readonly E[],
  format: (error: E) => GraphQLFormattedError,
): GraphQLFormattedError[] {
  const unclaimed: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const owner = ownerOf(items, error.path);
    if (owner) (owner.errors ??= []).push(format(error));
    else unclaimed.push(format(error));
  }
  return unclaimed;
}
