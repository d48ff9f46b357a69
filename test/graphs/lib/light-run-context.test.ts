import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { getContextVariable, setContextVariable } from '@langchain/core/context';
import { RunnableLambda } from '@langchain/core/runnables';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { Annotation, Command, END, MemorySaver, START, StateGraph, interrupt } from '@langchain/langgraph';
import { beforeAll, describe, expect, it } from 'vitest';
import { installLightRunContext } from '../../../graphs/lib/light-run-context.js';

const State = Annotation.Root({
  asked: Annotation<string>,
  answer: Annotation<string>,
  /** Whether the step's async-local store was a plain object (not a LangSmith RunTree). */
  plainStore: Annotation<boolean>,
});

const isPlainObject = (value: unknown) =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** ask → wait (interrupt) → END; each run records what its step's async-local store was. */
function compileAskGraph() {
  return new StateGraph(State)
    .addNode('ask', () => ({
      asked: 'approve?',
      plainStore: isPlainObject(AsyncLocalStorageProviderSingleton.getInstance().getStore()),
    }))
    .addNode('wait', (state) => ({ answer: String(interrupt({ question: state.asked })) }))
    .addEdge(START, 'ask')
    .addEdge('ask', 'wait')
    .addEdge('wait', END)
    .compile({ checkpointer: new MemorySaver() });
}

class CountingHandler extends BaseCallbackHandler {
  name = 'counting';
  starts = 0;
  override handleChainStart(): void {
    this.starts += 1;
  }
}

describe('installLightRunContext', () => {
  beforeAll(() => {
    installLightRunContext();
    installLightRunContext(); // a second install changes nothing
  });

  it('runs a step without a RunTree and still pauses at interrupt() and resumes with the answer', async () => {
    const graph = compileAskGraph();
    const config = { configurable: { thread_id: 'light-1' } };
    const paused = await graph.invoke({}, config);
    expect(paused.plainStore).toBe(true);
    const waiting = await graph.getState(config);
    expect(waiting.tasks[0]?.interrupts[0]?.value).toEqual({ question: 'approve?' });
    const done = await graph.invoke(new Command({ resume: 'yes' }), config);
    expect(done.answer).toBe('yes');
  });

  it('keeps context variables visible to the runnables a runnable calls', async () => {
    const inner = RunnableLambda.from(() => getContextVariable('caseId'));
    const outer = RunnableLambda.from(async () => {
      setContextVariable('caseId', 'VIG-7');
      return inner.invoke({});
    });
    expect(await outer.invoke({})).toBe('VIG-7');
  });

  it('leaves a run that has callback handlers to core, which traces it with a RunTree', async () => {
    const handler = new CountingHandler();
    const graph = compileAskGraph();
    const paused = await graph.invoke({}, { configurable: { thread_id: 'light-2' }, callbacks: [handler] });
    expect(paused.plainStore).toBe(false);
    expect(handler.starts).toBeGreaterThan(0);
  });
});
