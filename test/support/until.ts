// Polling for tests that wait on another process (a child Vigil files alerts in its own time): no fixed sleeps.

/** Polls `condition` every 20 ms until it holds; the test's own timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}
