import {
  type DirectiveNode,
  DirectiveLocation,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  getVariableValues,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLIncludeDirective,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLSkipDirective,
  GraphQLString,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  visit,
  BREAK,
} from 'graphql';

/**
 * `@defer` as Apollo Router and Apollo Client spell it. graphql 16 has no such directive; the
 * gateway adds it to the API schema it validates against, and takes it out of every document
 * the inner gateway plans (see defer-gateway.ts).
 */
export const GraphQLDeferDirective = new GraphQLDirective({
  name: 'defer',
  description: 'The fragment\'s fields may be delivered after the rest of the answer, in a later part of a multipart/mixed response.',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    label: { type: GraphQLString, description: 'Names the deferred part in the answer.' },
    if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true, description: 'Deferred only when true.' },
  },
});

/** The schema with `@defer` added (once). */
export function withDeferDirective(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getDirective('defer')) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, directives: [...config.directives, GraphQLDeferDirective] });
}

const mentions = new WeakMap<DocumentNode, boolean>();

/** Whether the document says `@defer` anywhere (active or not): what the response cache stays away from. */
export function mentionsDefer(document: DocumentNode): boolean {
  // Asked for every operation, by the response cache and the executor, of documents Apollo parses once and keeps.
  const known = mentions.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'defer') return undefined;
      found = true;
      return BREAK;
    },
  });
  mentions.set(document, found);
  return found;
}

type Variables = Record<string, unknown>;
type Fragment = InlineFragmentNode | { kind: Kind.FRAGMENT_SPREAD; directives?: readonly DirectiveNode[]; typeCondition?: FragmentDefinitionNode['typeCondition']; selectionSet: SelectionSetNode };

/**
 * One operation of a document, with everything needed to read its `@defer`, `@skip` and
 * `@include` directives: its fragments, and its variables coerced (defaults applied).
 */
export interface DeferPlan {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Variables;
  /** Whether any `@defer` of the operation defers anything (see `deferPlanOf`). */
  active: boolean;
}

/**
 * The plan for the document's operation, or null when the document does not say `@defer` or its
 * variables do not coerce (the inner gateway reports them). `active` when some `@defer` has an
 * `if` that is not false and is not left out by @skip/@include.
 */
export function deferPlanOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Variables = {}): DeferPlan | null {
  if (!mentionsDefer(document)) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const plan = { schema, operation, fragments, variables: coerced.coerced, active: false };
  plan.active = hasActiveDefer(plan, operation.selectionSet);
  return plan;
}

/** @skip and @include, read as the executor reads them. */
export function isIncluded(node: { directives?: readonly DirectiveNode[] }, variables: Variables): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** The label of an active `@defer` on the fragment (`null` when it has none), or undefined when the fragment is not deferred. */
export function activeDeferOf(node: { directives?: readonly DirectiveNode[] }, variables: Variables): string | null | undefined {
  const values = getDirectiveValues(GraphQLDeferDirective, node, variables);
  if (!values || values.if === false) return undefined;
  return typeof values.label === 'string' ? values.label : null;
}

/** The selection as a fragment (a spread resolved to its definition), or null for a field. */
export function fragmentOf(plan: Pick<DeferPlan, 'fragments'>, selection: SelectionNode): Fragment | null {
  if (selection.kind === Kind.FIELD) return null;
  if (selection.kind === Kind.INLINE_FRAGMENT) return selection;
  const definition = plan.fragments.get(selection.name.value);
  if (!definition) throw new Error(`unknown fragment "${selection.name.value}"`);
  return { kind: Kind.FRAGMENT_SPREAD, directives: selection.directives, typeCondition: definition.typeCondition, selectionSet: definition.selectionSet };
}

function hasActiveDefer(plan: DeferPlan, selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.some((selection) => {
    if (!isIncluded(selection, plan.variables)) return false;
    const fragment = fragmentOf(plan, selection);
    if (fragment === null) return selection.kind === Kind.FIELD && selection.selectionSet !== undefined && hasActiveDefer(plan, selection.selectionSet);
    return activeDeferOf(fragment, plan.variables) !== undefined || hasActiveDefer(plan, fragment.selectionSet);
  });
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

function withoutDeferDirective(directives: readonly DirectiveNode[] | undefined): DirectiveNode[] | undefined {
  const kept = (directives ?? []).filter((directive) => directive.name.value !== 'defer');
  return kept.length > 0 ? kept : undefined;
}

/** A fragment as an inline fragment without @defer: named fragments are inlined, so that each occurrence can be cut on its own. */
function inlined(fragment: Fragment, selectionSet: SelectionSetNode): InlineFragmentNode {
  return { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: withoutDeferDirective(fragment.directives), selectionSet };
}

function selectionSetOf(selections: SelectionNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections };
}

function documentOf(plan: DeferPlan, selectionSet: SelectionSetNode): DocumentNode {
  return { kind: Kind.DOCUMENT, definitions: [{ ...plan.operation, selectionSet }] };
}

/**
 * Every selection kept, `@defer` taken out; with `typenames`, `__typename` added to every
 * selection set, so that the answer says which type condition each object meets.
 */
function undeferred(plan: DeferPlan, selectionSet: SelectionSetNode, typenames: boolean): SelectionSetNode {
  const selections = selectionSet.selections.map((selection): SelectionNode => {
    const fragment = fragmentOf(plan, selection);
    if (fragment !== null) return inlined(fragment, undeferred(plan, fragment.selectionSet, typenames));
    const field = selection as FieldNode;
    return field.selectionSet ? { ...field, selectionSet: undeferred(plan, field.selectionSet, typenames) } : field;
  });
  return selectionSetOf(typenames ? [TYPENAME, ...selections] : selections);
}

/** The whole operation without `@defer`: what a mutation runs, and what a client that reads no multipart answer gets. */
export function undeferredDocument(plan: DeferPlan, options: { typenames: boolean }): DocumentNode {
  return documentOf(plan, undeferred(plan, plan.operation.selectionSet, options.typenames));
}

/** The operation with every active deferred fragment left out; a selection set left empty asks for `__typename`. */
function initialSelectionSet(plan: DeferPlan, selectionSet: SelectionSetNode): SelectionSetNode {
  const selections: SelectionNode[] = [];
  for (const selection of selectionSet.selections) {
    const fragment = fragmentOf(plan, selection);
    if (fragment === null) {
      const field = selection as FieldNode;
      selections.push(field.selectionSet ? { ...field, selectionSet: initialSelectionSet(plan, field.selectionSet) } : field);
    } else if (activeDeferOf(fragment, plan.variables) === undefined) {
      const inner = initialSelectionSet(plan, fragment.selectionSet);
      // A fragment left with only the filler adds nothing: its parent has its own.
      if (!(inner.selections.length === 1 && inner.selections[0] === TYPENAME)) selections.push(inlined(fragment, inner));
    }
  }
  return selectionSetOf(selections.length > 0 ? selections : [TYPENAME]);
}

/** What the first part of the answer runs: the operation without its deferred fragments. */
export function initialDocument(plan: DeferPlan): DocumentNode {
  return documentOf(plan, initialSelectionSet(plan, plan.operation.selectionSet));
}

/** Only what the deferred fragments need: the fragments (whole), the fields on the path to them, and `__typename` everywhere. */
function deferredSelectionSet(plan: DeferPlan, selectionSet: SelectionSetNode): SelectionSetNode | null {
  const selections: SelectionNode[] = [];
  for (const selection of selectionSet.selections) {
    const fragment = fragmentOf(plan, selection);
    if (fragment === null) {
      const field = selection as FieldNode;
      const inner = field.selectionSet ? deferredSelectionSet(plan, field.selectionSet) : null;
      if (inner) selections.push({ ...field, selectionSet: inner });
    } else if (activeDeferOf(fragment, plan.variables) !== undefined) {
      selections.push(inlined(fragment, undeferred(plan, fragment.selectionSet, true)));
    } else {
      const inner = deferredSelectionSet(plan, fragment.selectionSet);
      if (inner) selections.push(inlined(fragment, inner));
    }
  }
  return selections.length > 0 ? selectionSetOf([TYPENAME, ...selections]) : null;
}

/** What the later parts of the answer run (concurrently with the first): the deferred fragments and the way to them. */
export function deferredDocument(plan: DeferPlan): DocumentNode {
  return documentOf(plan, deferredSelectionSet(plan, plan.operation.selectionSet) ?? selectionSetOf([TYPENAME]));
}
