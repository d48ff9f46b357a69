// The policy in force, re-read when policy.yml changes on disk, so a running Vigil never decides under
// rules that are no longer the file's. An invalid edit is refused (the last valid policy stays for new
// triage), and decisions fail closed until the file is fixed: clicks are refused, and nothing runs by itself
// (what the last valid policy would auto-run asks a person instead).
import fs from 'node:fs';
import type { ActionKind, GateDecision } from '../../graphs/triage/contracts.js';
import type { AgentName, AgentRules } from '../../graphs/agents/model-port.js';
import type { GateContext, PolicyPort, ValidationRules } from '../../graphs/triage/ports.js';
import { sha256 } from '../../graphs/lib/digest.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { parsePolicy, type Policy } from './policy.js';

export class PolicyStore implements PolicyPort {
  private policy: Policy;
  private stamp: string;
  private problem: ConfigError | undefined;

  constructor(
    private readonly file: string,
    initial: Policy,
    private readonly logger: Logger,
  ) {
    this.policy = initial;
    this.stamp = this.stampOf();
  }

  /** The policy as the file says now (its content re-checked); throws while the file is invalid. */
  current(): Policy {
    this.refresh(true);
    if (this.problem) throw this.problem;
    return this.policy;
  }

  evaluate(action: ActionKind, context?: GateContext): GateDecision {
    this.refresh();
    const decision = this.policy.evaluate(action, context);
    if (!this.problem || decision.mode !== 'auto') return decision;
    // The operator's latest edit did not load: what it meant is unknown, so nothing runs without a person.
    const held = 'policy.yml is invalid (see the log), so nothing runs by itself until it is fixed';
    return decision.approvers
      ? { ...decision, mode: 'approval', reason: held }
      : { ...decision, mode: 'forbidden', reason: `${held}, and the rule names no approvers` };
  }

  validationRules(): ValidationRules {
    this.refresh();
    return this.policy.validationRules();
  }

  agentRules(agent: AgentName): AgentRules {
    this.refresh();
    return this.policy.agentRules(agent);
  }

  /** Re-reads the file when its size or time changed, or always when `force` (decisions are rare). */
  private refresh(force = false): void {
    const stamp = this.stampOf();
    if (stamp === this.stamp && !force) return;
    this.stamp = stamp;
    try {
      const text = fs.readFileSync(this.file, 'utf8');
      if (!this.problem && sha256(text) === this.policy.hash) return;
      const next = parsePolicy(text, this.file);
      if (next.hash !== this.policy.hash)
        this.logger.warn({ from: this.policy.hash, to: next.hash }, 'policy.yml changed');
      this.policy = next;
      this.problem = undefined;
    } catch (error) {
      this.problem =
        error instanceof ConfigError
          ? new ConfigError(`${error.message}. Decisions are refused until policy.yml is fixed.`)
          : new ConfigError(
              `policy.yml cannot be read (${String(error)}). Decisions are refused until it is fixed.`,
            );
      this.logger.error(
        { err: error },
        'policy.yml changed and is invalid; keeping the last valid policy for triage',
      );
    }
  }

  private stampOf(): string {
    try {
      const stat = fs.statSync(this.file);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return 'missing';
    }
  }
}
