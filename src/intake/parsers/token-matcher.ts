// Finds which of many tokens occur in a text in one pass (Aho–Corasick), ignoring case: intake's detector
// dispatch asks it which text parsers' tokens a payload contains instead of letting each detector look.

interface State {
  readonly next: Map<number, State>;
  /** The longest proper suffix of this state's path that is also a path from the root. */
  fail: State | null;
  /** The tokens (by index) that end here, those of the fail chain included. */
  out: number[];
}

const newState = (): State => ({ next: new Map(), fail: null, out: [] });

export class TokenMatcher {
  private readonly root = newState();

  /** `tokens` are matched case-insensitively; an empty token matches every text. */
  constructor(readonly tokens: readonly string[]) {
    tokens.forEach((token, index) => {
      let state = this.root;
      const lower = token.toLowerCase();
      for (let i = 0; i < lower.length; i += 1) {
        const code = lower.charCodeAt(i);
        let to = state.next.get(code);
        if (!to) {
          to = newState();
          state.next.set(code, to);
        }
        state = to;
      }
      state.out.push(index);
    });
    // Fail links breadth first, so a state's fail target is complete before the states below it.
    const queue: State[] = [];
    for (const child of this.root.next.values()) {
      child.fail = this.root;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head];
      if (!state) break;
      for (const [code, child] of state.next) {
        let f = state.fail;
        while (f && !f.next.has(code)) f = f.fail;
        child.fail = f?.next.get(code) ?? this.root;
        child.out = [...child.out, ...child.fail.out];
        queue.push(child);
      }
    }
  }

  /** Calls `found` with the index of every token that occurs in `text` (a token may be reported more than once). */
  scan(text: string, found: (token: number) => void): void {
    for (const index of this.root.out) found(index);
    const lower = text.toLowerCase();
    let state = this.root;
    for (let i = 0; i < lower.length; i += 1) {
      const code = lower.charCodeAt(i);
      let to = state.next.get(code);
      while (!to && state.fail) {
        state = state.fail;
        to = state.next.get(code);
      }
      state = to ?? this.root;
      for (const index of state.out) found(index);
    }
  }
}
