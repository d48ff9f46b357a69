// Runs each LangGraph step without building a LangSmith RunTree when nothing traces it.
// @langchain/core's runWithConfig makes a `new RunTree(...)` (a uuid7, a timestamp, environment lookups) for
// every runnable call, only to carry the config in async-local storage: about 10% of a triage run's CPU.
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import type { RunnableConfig } from '@langchain/core/runnables';

// The keys @langchain/core 1.4 reads from the store (`getRunnableConfig()`, context variables).
const CHILD_CONFIG = Symbol.for('lc:child_config');
const CONTEXT_VARIABLES = Symbol.for('lc:context_variables');
const INSTALLED = Symbol.for('vigil:light-run-context');

type Store = { extra?: Record<symbol, unknown>; [key: symbol]: unknown };

/**
 * Replaces core's runWithConfig, for calls with no callback handlers, by one that stores a plain
 * `{ extra: { [lc:child_config]: config } }`: what `interrupt()`, `getRunnableConfig()` and context variables
 * read. Calls with handlers (tracing, callbacks a caller passed) go to the original, RunTree and all.
 * Idempotent; process-wide, as the singleton it patches is.
 */
export function installLightRunContext(): void {
  const provider = AsyncLocalStorageProviderSingleton as typeof AsyncLocalStorageProviderSingleton & {
    [INSTALLED]?: true;
  };
  if (provider[INSTALLED]) return;
  const original = provider.runWithConfig.bind(provider);
  provider.runWithConfig = <T>(
    config: RunnableConfig | undefined,
    callback: () => T,
    avoidCreatingRootRunTree?: boolean,
  ): T => {
    if (config?.callbacks) return original(config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const previous: unknown = storage.getStore();
    const inherited =
      typeof previous === 'object' && previous !== null ? (previous as Store)[CONTEXT_VARIABLES] : undefined;
    let store: Store | undefined = avoidCreatingRootRunTree
      ? undefined
      : { extra: { [CHILD_CONFIG]: config } };
    if (inherited !== undefined) {
      store ??= {};
      store[CONTEXT_VARIABLES] = inherited;
    }
    return storage.run(store, callback);
  };
  provider[INSTALLED] = true;
}
