import {
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLCompositeType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isCompositeType,
  isObjectType,
} from 'graphql';

/**
 * A stored idempotent answer never holds the identifying layer of a case (docs/security.md,
 * "Idempotency keys"). Consent can be withdrawn, and a caller can lose the right to read a
 * person's details, between the first request and its replay; a replay answers from storage
 * without running the read rule. So the answer is stored with every identity-layer field set
 * to null (its response path listed in `extensions.idempotentReplay.withheld`), and the same
 * is done once more when a stored answer is sent, for rows written before this rule. A client
 * that needs the details after a retry reads the referral again, where consent is checked now.
 */

/** Schema coordinates (`Type.field`) of the identifying layer. */
export type IdentityLayerFields = ReadonlySet<string>;

type Json = unknown;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, { typeCondition: string; selectionSet: SelectionSetNode }>;
  fields: IdentityLayerFields;
  withheld: string[];
}

/** The type an inline fragment or fragment spread applies to, if it applies to `value` at all. */
function applies(w: Walk, typeCondition: string | undefined, parent: GraphQLCompositeType, value: Record<string, Json>): GraphQLCompositeType | null {
  if (!typeCondition) return parent;
  const type = w.schema.getType(typeCondition);
  if (!type || !isCompositeType(type)) return null;
  const concrete = typeof value.__typename === 'string' ? w.schema.getType(value.__typename) : null;
  if (concrete && isObjectType(concrete)) {
    const matches = concrete.name === type.name || (!isObjectType(type) && w.schema.isSubType(type, concrete));
    return matches ? concrete : null;
  }
  // Without __typename the fragment is walked as if it applied, which only ever withholds more.
  return type;
}

function walkObject(w: Walk, set: SelectionSetNode, parent: GraphQLCompositeType, value: Json, path: string, seen = new Set<string>()): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkObject(w, set, parent, item, `${path}.${i}`));
    return;
  }
  const object = value as Record<string, Json>;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!(key in object) || !('getFields' in parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const fieldPath = path ? `${path}.${key}` : key;
      if (w.fields.has(`${parent.name}.${selection.name.value}`)) {
        if (object[key] !== null) {
          object[key] = null;
          w.withheld.push(fieldPath);
        }
        continue;
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type)) walkObject(w, selection.selectionSet, type, object[key], fieldPath);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = applies(w, selection.typeCondition?.name.value, parent, object);
      if (type) walkObject(w, selection.selectionSet, type, object, path, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = w.fragments.get(selection.name.value);
      const type = fragment ? applies(w, fragment.typeCondition, parent, object) : null;
      if (fragment && type) walkObject(w, fragment.selectionSet, type, object, path, seen);
    }
  }
}

/**
 * The answer with every identity-layer field of `fields` set to null, and the response paths it
 * withheld (`createReferral.identifyingDetails`). The input is not changed.
 */
export function withholdIdentityLayer(
  result: FormattedExecutionResult,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  fields: IdentityLayerFields,
): { result: FormattedExecutionResult; withheld: string[] } {
  const root = schema.getRootType(operation.operation);
  if (!result.data || !root) return { result, withheld: [] };
  const copy = JSON.parse(JSON.stringify(result)) as FormattedExecutionResult & { data: Record<string, Json> };
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, { typeCondition: d.typeCondition.name.value, selectionSet: d.selectionSet }] as const] : [])),
  );
  const w: Walk = { schema, fragments, fields, withheld: [] };
  walkObject(w, operation.selectionSet, root, copy.data, '');
  if (w.withheld.length === 0) return { result, withheld: [] };
  const previous = (copy.extensions?.idempotentReplay as { withheld?: string[] } | undefined)?.withheld ?? [];
  copy.extensions = { ...copy.extensions, idempotentReplay: { withheld: [...new Set([...previous, ...w.withheld])] } };
  return { result: copy, withheld: w.withheld };
}
