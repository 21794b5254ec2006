import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { BadUserInputError } from '../errors/errors';

const WHOLE_NUMBER = /^-?\d{1,30}$/;
const DECIMAL = /^-?\d{1,24}(\.\d{1,8})?$/;

function decimalScalar(name: string, pattern: RegExp, description: string) {
  const parse = (value: unknown): string => {
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== 'string' || !pattern.test(text)) {
      throw new BadUserInputError(`${name} must be a decimal string such as "${name === 'Tenge' ? '11600000000' : '10.5'}"`);
    }
    return text;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize(value) {
      // Postgres numeric arrives as a string; keep it exact and never pass through a float.
      if (typeof value === 'string' && pattern.test(value)) return value;
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      throw new TypeError(`${name} cannot represent ${String(value)}`);
    },
    parseValue: parse,
    parseLiteral(ast: ValueNode) {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parse(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
      throw new BadUserInputError(`${name} must be written as a string of digits`);
    },
  });
}

/**
 * An amount of Kazakhstani tenge (KZT), in whole tenge, as a string of decimal digits:
 * "11600000000" is 11.6 billion tenge. A string, not an Int or a Float, so amounts past
 * 2^31 (and 2^53) stay exact in every client.
 */
export const TengeScalar = decimalScalar(
  'Tenge',
  WHOLE_NUMBER,
  'An exact amount of Kazakhstani tenge (KZT) in whole tenge, serialized as a string of decimal digits ("11600000000" is 11.6 billion tenge) so that no client rounds it through a 32-bit Int or a float.',
);

/**
 * An exact decimal number (up to 8 places), as a string: used for hectares, square metres and
 * capacities, where a float would round.
 */
export const DecimalScalar = decimalScalar(
  'Decimal',
  DECIMAL,
  'An exact decimal number with up to 8 fractional digits, serialized as a string ("10", "2.2", "0.15") so that no client rounds it through a float. Used for areas and capacities.',
);
