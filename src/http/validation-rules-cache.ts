import { getMetadataStorage, MetadataStorage } from 'class-validator';

type ValidationMetadata = Parameters<MetadataStorage['addValidationMetadata']>[0];

const CACHED = Symbol.for('school-ledger.validation-rules-cache');

type Storage = MetadataStorage & { [CACHED]?: true };
type Grouped = Record<string, ValidationMetadata[]>;

/**
 * class-validator works a class's rules out again on every validation: it filters the rules of the
 * class, then walks every class it knows for inherited ones, and groups the result by property (a
 * third of what validating a command body cost). Rules are only added when a class is declared, so
 * for the plain call (no groups, no schema, as `validateBody` and Nest validate) the answer is kept
 * per class until a rule is added anywhere. The kept lists are frozen: a caller that changed one
 * would fail loudly instead of changing later validations. Installed once per process.
 */
export function cacheValidationRules(storage: Storage = getMetadataStorage() as Storage): void {
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  const rules = new Map<Function, ValidationMetadata[]>();
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    rules.clear();
    grouped = new WeakMap();
  };

  const add = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata: ValidationMetadata) => {
    forget();
    add(metadata);
  };

  const targetRules = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema || always || strictGroups || (groups !== undefined && groups.length > 0)) return targetRules(target, schema, always, strictGroups, groups);
    let found = rules.get(target);
    if (found === undefined) {
      found = Object.freeze(targetRules(target, schema, always, strictGroups, groups)) as ValidationMetadata[];
      rules.set(target, found);
    }
    return found;
  };

  const groupByProperty = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata: ValidationMetadata[]) => {
    if (!Object.isFrozen(metadata)) return groupByProperty(metadata);
    let found = grouped.get(metadata);
    if (found === undefined) {
      found = groupByProperty(metadata);
      for (const list of Object.values(found)) Object.freeze(list);
      grouped.set(metadata, Object.freeze(found));
    }
    return found;
  };
}
