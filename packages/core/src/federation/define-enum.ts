import { registerEnumType } from 'type-graphql';

/** The values of an enum made by `defineEnum`: each key is its own value. */
export type EnumValues<Keys extends string> = { readonly [Key in Keys]: Key };

/** The TypeScript type of an enum made by `defineEnum`: `type Status = EnumValue<typeof Status>`. */
export type EnumValue<Enum extends EnumValues<string>> = Enum[keyof Enum];

/**
 * A GraphQL enum and its TypeScript values in one statement: the name, what it means, and each
 * value with its description, which the schema requires of every value.
 *
 *   export const LandPlotStatus = defineEnum('LandPlotStatus', 'What happened to ...', {
 *     ALLOCATED: 'Allocated to an investor ...',
 *     RELEASED: 'Freed for other use ...',
 *   });
 *   export type LandPlotStatus = EnumValue<typeof LandPlotStatus>;
 */
export function defineEnum<const Keys extends string>(name: string, description: string, values: Record<Keys, string>): EnumValues<Keys> {
  const keys = Object.keys(values) as Keys[];
  const enumValues = Object.freeze(Object.fromEntries(keys.map((key) => [key, key]))) as EnumValues<Keys>;
  registerEnumType(enumValues, {
    name,
    description,
    valuesConfig: Object.fromEntries(keys.map((key) => [key, { description: values[key] }])) as never,
  });
  return enumValues;
}
