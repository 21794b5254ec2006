import { Matches, validate, type ValidationError, type ValidationOptions } from 'class-validator';
import { BadUserInputError } from '../errors/errors';
import { RECORD_ID } from '../database/loaders';

/**
 * class-validator's check for a field that holds a record id of this graph: lower-case letters,
 * digits and hyphens, 1 to 100 characters (the same rule as `assertRecordId`).
 */
export function IsRecordId(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(RECORD_ID, { message: '$property must be a record id: lower-case letters, digits and hyphens, 1 to 100 characters', ...options });
}

/** `input.sources[0].quote` from the argument's name and class-validator's property chain. */
function pathOf(parent: string, property: string): string {
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** The first failed constraint of a class-validator error tree, with the field's full path. */
function firstFailure(error: ValidationError, path: string): { field: string; message: string } | null {
  const constraints = Object.values(error.constraints ?? {});
  if (constraints.length > 0) {
    // class-validator words its messages from the property's own name; the client needs the path.
    const message = constraints[0]!.startsWith(error.property) ? constraints[0]!.slice(error.property.length) : `: ${constraints[0]!}`;
    return { field: path, message: `${path}${message}` };
  }
  for (const child of error.children ?? []) {
    const failure = firstFailure(child, pathOf(path, child.property));
    if (failure) return failure;
  }
  return null;
}

/**
 * Validates a mutation's arguments with the class-validator decorators on their input classes
 * (type-graphql hands resolvers instances of those classes, nested inputs included). The first
 * failure becomes BAD_USER_INPUT with `extensions.field` naming the field by its path from the
 * argument, e.g. `input.investment.tenge` or `input.sources[0].quote`. Arguments that are not
 * class instances (ids, versions, plain scalars) are left to the resolver.
 */
export async function validateArguments(args: Record<string, unknown>): Promise<void> {
  for (const [name, value] of Object.entries(args)) {
    const values = Array.isArray(value) ? value.map((item, index) => [`${name}[${index}]`, item] as const) : [[name, value] as const];
    for (const [path, item] of values) {
      if (item === null || typeof item !== 'object' || item.constructor === Object) continue;
      const errors = await validate(item, { forbidUnknownValues: false, validationError: { target: false, value: false } });
      for (const error of errors) {
        const failure = firstFailure(error, pathOf(path, error.property));
        if (failure) throw new BadUserInputError(failure.message, failure.field);
      }
    }
  }
}

/** A non-negative decimal string: what an amount, an area or a capacity a client writes must be. */
const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * class-validator's check for a Tenge or Decimal field that must not be negative (the scalars
 * themselves accept a sign, since a difference of figures can be negative).
 */
export function IsNonNegativeDecimal(): PropertyDecorator {
  return Matches(NON_NEGATIVE_DECIMAL, { message: '$property must not be negative' });
}
