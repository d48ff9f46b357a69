// The baseline for bench:triage: a bare 5-node LangGraph graph on SqliteSaver, each run on its own thread,
// after a warm-up, with LangGraph's default durability or the one named. Prints `runs <n> seconds <s>`.
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';

const [file, countArg, warmupArg, durabilityArg] = process.argv.slice(2);
if (!file) throw new Error('usage: bare-graph <sqlite file> <runs> <warm-up runs> [exit|async|sync]');
const runs = Number(countArg ?? 1000);
const warmup = Number(warmupArg ?? 50);
const durability: 'exit' | 'async' | 'sync' | undefined =
  durabilityArg === 'exit' || durabilityArg === 'async' || durabilityArg === 'sync'
    ? durabilityArg
    : undefined;
const State = Annotation.Root({ n: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });
const step = (state: typeof State.State) => ({ n: state.n + 1 });
const graph = new StateGraph(State)
  .addNode('a', step)
  .addNode('b', step)
  .addNode('c', step)
  .addNode('d', step)
  .addNode('e', step)
  .addEdge(START, 'a')
  .addEdge('a', 'b')
  .addEdge('b', 'c')
  .addEdge('c', 'd')
  .addEdge('d', 'e')
  .addEdge('e', END)
  .compile({ checkpointer: SqliteSaver.fromConnString(file) });

const options = (thread: string) => ({
  configurable: { thread_id: thread },
  ...(durability ? { durability } : {}),
});
for (let i = 0; i < warmup; i += 1) await graph.invoke({ n: 0 }, options(`warm-${i}`));
const started = performance.now();
for (let i = 0; i < runs; i += 1) await graph.invoke({ n: 0 }, options(`run-${i}`));
console.log(`runs ${runs} seconds ${(performance.now() - started) / 1000}`);
