// A clock tests move by hand: Vigil's `clock` override reads it, and `advance` moves it on.
export function manualClock(start = Date.parse('2026-11-21T12:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}
