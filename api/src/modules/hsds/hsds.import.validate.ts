import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Collector } from './hsds.import.collect';
import { type JsonSchema, hsdsSchemas } from './hsds.import.schemas';
import { type HsdsRecordType, type Item, type Links, type SchemaError, isObject, normalizeId } from './hsds.import.types';

/*
 * Step 2 of the import: every occurrence is validated against the official compiled HSDS 3.0
 * schema of its type, minus the nested records that are validated on their own, before anything
 * touches the database; then the occurrences of one record (the same type and id) are merged —
 * the first occurrence wins, later ones fill in fields it lacks. A record that does not validate
 * is rejected with the errors and their JSON paths.
 */

const MAX_ERRORS_PER_RECORD = 20;

/**
 * The schema with the given properties accepted as anything: the nested records that are
 * validated on their own (an organization's services, an attribute's taxonomy_term…), so that
 * an error is reported once, on the record it is in, and does not reject the record around it.
 */
function without(schema: JsonSchema, names: string[]): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, value]) => {
      if (names.includes(name)) return [name, {}];
      if (name === 'attributes' && value.items) return [name, { ...value, items: without(value.items, ['taxonomy_term']) }];
      return [name, value];
    }),
  );
  return { ...schema, properties };
}

type Validators = Record<HsdsRecordType, ValidateFunction>;
let compiled: Validators | undefined;

/**
 * The compiled schemas in JSON Schema draft 2020-12 (the reference's dialect), compiled once.
 * `strict: false`: they carry Frictionless Data Package annotations (name, constraints, core…)
 * that are not JSON Schema keywords.
 */
function validators(): Validators {
  if (!compiled) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    compiled = {
      organization: ajv.compile(without(hsdsSchemas().organization, ['services', 'locations'])),
      service: ajv.compile(without(hsdsSchemas().service, ['organization', 'service_at_locations'])),
      location: ajv.compile(hsdsSchemas().location),
      service_at_location: ajv.compile(without(hsdsSchemas().serviceAtLocation, ['location', 'service'])),
      taxonomy: ajv.compile(hsdsSchemas().taxonomy),
      taxonomy_term: ajv.compile(without(hsdsSchemas().taxonomyTerm, ['taxonomy_detail'])),
    };
  }
  return compiled;
}

function describeError(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return allowed ? `${error.message}: ${allowed.map((value) => JSON.stringify(value)).join(', ')}` : (error.message ?? 'is invalid');
}

export function prepare(collector: Collector): Item[] {
  const validate = validators();
  const items = new Map<string, Item>();
  collector.occurrences.forEach((occurrence, order) => {
    const check = validate[occurrence.type];
    const errors: SchemaError[] = [];
    if (!check(occurrence.data)) {
      for (const error of (check.errors ?? []).slice(0, MAX_ERRORS_PER_RECORD)) {
        const path = occurrence.sourcePath ? occurrence.sourcePath(error.instancePath) : `${occurrence.path}${error.instancePath}`;
        errors.push({ path, message: describeError(error) });
      }
    }
    const data = isObject(occurrence.data) ? occurrence.data : {};
    const id = normalizeId(data.id);
    const key = id ? `${occurrence.type}:${id}` : `${occurrence.type}@${order}`;
    const item = items.get(key);
    if (!item) {
      items.set(key, {
        key,
        type: occurrence.type,
        id: id ?? (typeof data.id === 'string' ? data.id : ''),
        data: { ...data },
        path: occurrence.path,
        line: occurrence.line,
        order,
        context: { ...occurrence.context },
        nested: { ...occurrence.nested },
        errors,
        notes: [],
      });
      return;
    }
    // The same record again (e.g. an organization nested in each of its services): fill in what the first lacked.
    for (const [name, value] of Object.entries(data)) if (item.data[name] === undefined) item.data[name] = value;
    item.context = { ...occurrence.context, ...stripUndefined(item.context) };
    item.nested = { ...occurrence.nested, ...stripUndefined(item.nested) };
    item.errors.push(...errors);
  });
  const list = [...items.values()];
  for (const item of list) {
    if (item.errors.length > 0) {
      item.outcome = 'rejected';
      item.reason = `Does not validate against the HSDS 3.0 schema (${item.errors.length} error${item.errors.length === 1 ? '' : 's'})`;
    }
  }
  return list;
}

function stripUndefined(links: Links): Links {
  return Object.fromEntries(Object.entries(links).filter(([, value]) => value !== undefined));
}

