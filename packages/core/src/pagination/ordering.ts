import { defineEnum, type EnumValues } from '../federation/define-enum';
import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors/errors';

/** Which way a list is ordered on one key. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Which way a list is ordered on one key. Whichever the direction, records with no value for the key come last (NULLS LAST).',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or alphabetically first value first; records with no value last.' },
    DESC: { description: 'Largest, latest or alphabetically last value first; records with no value last.' },
  },
});

/** How a key's values are compared in SQL, and what its cursor values are cast to. */
export type SortType = 'text' | 'numeric' | 'integer';

/** A column or expression a list can be ordered on. */
export interface SortColumn {
  /** The SQL expression over the list's table alias, exactly as its index has it, e.g. `p.investment_tenge`. */
  sql: string;
  type: SortType;
  /** Whether the expression can be null: nulls always sort last, in either direction. */
  nullable: boolean;
  /** How the key is named in an ordering's signature (the GraphQL enum value, or `id`). */
  label: string;
}

/** One key of an ordering, with its direction. */
export interface SortKey extends SortColumn {
  direction: OrderDirection;
}

/** A complete, total ordering: the keys asked for, then the id, so no two rows ever tie. */
export interface Ordering {
  keys: SortKey[];
  /** `NAME ASC, id ASC`: what a cursor is bound to. */
  signature: string;
}

/** One `{ field, direction }` of an `orderBy` argument. */
export interface OrderInput<Field extends string> {
  field: Field;
  direction?: OrderDirection | null;
}

/** Most keys an `orderBy` may hold. */
export const MAX_ORDER_KEYS = 5;

/**
 * Turns an `orderBy` argument into a total ordering: its keys in the order given, then the id
 * ascending as the tie-break (so rows equal on every key asked for still have one fixed order,
 * and a cursor names exactly one position). No `orderBy`, or an empty one, means `defaults`.
 * A field named twice is a BAD_USER_INPUT error.
 */
export function resolveOrdering<Field extends string>(
  orderBy: ReadonlyArray<OrderInput<Field>> | null | undefined,
  columns: Readonly<Record<Field, Omit<SortColumn, 'label'>>>,
  id: Omit<SortColumn, 'label' | 'nullable'>,
  defaults: ReadonlyArray<OrderInput<Field>>,
): Ordering {
  const asked = orderBy && orderBy.length > 0 ? orderBy : defaults;
  if (asked.length > MAX_ORDER_KEYS) throw new BadUserInputError(`orderBy may name at most ${MAX_ORDER_KEYS} keys`, 'orderBy');
  const seen = new Set<Field>();
  const keys: SortKey[] = asked.map(({ field, direction }) => {
    if (seen.has(field)) throw new BadUserInputError(`orderBy names ${field} twice; name each field at most once`, 'orderBy');
    seen.add(field);
    const column = columns[field];
    if (!column) throw new BadUserInputError(`orderBy cannot order by ${field}`, 'orderBy');
    return { ...column, label: field, direction: direction ?? OrderDirection.ASC };
  });
  keys.push({ ...id, nullable: false, label: 'id', direction: OrderDirection.ASC });
  return { keys, signature: keys.map((key) => `${key.label} ${key.direction}`).join(', ') };
}

/**
 * The GraphQL input type `{ field, direction }` of one list's `orderBy`, e.g. `ProjectOrder`
 * over the enum `ProjectOrderField`.
 */
export function createOrderInputType<Field extends string>(options: {
  name: string;
  description: string;
  fieldEnum: object;
  fieldDescription: string;
}): ClassType<OrderInput<Field>> {
  @InputType(options.name, { description: options.description })
  class OrderInputType implements OrderInput<Field> {
    @Field(() => options.fieldEnum, { description: options.fieldDescription })
    field!: Field;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending; records with no value come last either way.' })
    direction!: OrderDirection;
  }
  return OrderInputType;
}

/**
 * What a list can be ordered by, in one statement: the `<Name>OrderField` enum (each key with
 * what it orders by) and the `<Name>Order` input (one key of a multi-key order; ties are broken
 * by the record id, ascending).
 */
export function createOrderTypes<const Keys extends string>(options: {
  /** The type prefix, e.g. `LandPlot` for `LandPlotOrderField` and `LandPlotOrder`. */
  name: string;
  /** The records, in the plural, for the descriptions: e.g. `land plots`. */
  records: string;
  /** Each key the list can be ordered by, with what it orders by. */
  fields: Record<Keys, string>;
  /** Overrides the enum's description (by default: "What a list of <records> can be ordered by."). */
  fieldsDescription?: string;
  /** Overrides the input's description. */
  orderDescription?: string;
  /** Describes the input's `field` (by default: "The key to order by."). */
  fieldDescription?: string;
}): { Field: EnumValues<Keys>; Order: ClassType<OrderInput<Keys>> } {
  const Field = defineEnum(`${options.name}OrderField`, options.fieldsDescription ?? `What a list of ${options.records} can be ordered by.`, options.fields);
  const Order = createOrderInputType<Keys>({
    name: `${options.name}Order`,
    description: options.orderDescription ?? `One key of the order of a list of ${options.records}. Ties are always broken by the id, ascending.`,
    fieldEnum: Field,
    fieldDescription: options.fieldDescription ?? 'The key to order by.',
  });
  return { Field, Order };
}
