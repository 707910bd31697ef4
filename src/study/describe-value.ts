/** How a value the user wrote is quoted back in an error: short, and with its YAML type. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // Left: undefined, and what YAML never produces (bigint, symbol, function), each with its own toString.
  return value === undefined ? 'undefined' : (value as bigint | symbol | (() => unknown)).toString();
}

/** "a number", "an integer", "a list"... for zod's expected-type names. */
export function describeExpected(expected: string): string {
  const names: Record<string, string> = {
    number: 'a number',
    int: 'an integer',
    string: 'a string',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
    literal: 'a fixed value',
  };
  return names[expected] ?? expected;
}

/** Joins alternatives as `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
