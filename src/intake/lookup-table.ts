// Constant tables looked up by payload text (severity by priority, title by event type, path by key).
// A plain object literal answers `constructor`, `toString` or `__proto__` with Object.prototype's
// members; these tables have no prototype, so such a key finds nothing, like any other unknown word.

/** A frozen, prototype-free copy of `entries`: only its own keys are found. */
export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
