// A parsed template flattened into a list of steps with jumps, built and run without recursion:
// nesting depth then costs nothing on the call stack (3,000 nested {{#if}} used to overflow it),
// and rendering a row is one loop over an array.
import type { TemplateNode } from './types';

export type Step =
  | { readonly op: 'text'; readonly text: string }
  | { readonly op: 'field'; readonly name: string; readonly fallback: string | undefined; readonly offset: number }
  /** Jumps to `elseAt` when the field has no value; otherwise falls through to the "then" steps. */
  | { readonly op: 'if'; readonly name: string; readonly offset: number; elseAt: number }
  | { readonly op: 'jump'; to: number };

type IfStep = Extract<Step, { op: 'if' }>;
type JumpStep = Extract<Step, { op: 'jump' }>;

/** Nodes being emitted: the top level, an {{#if}}'s then-branch, or its else-branch. */
interface Frame {
  readonly nodes: readonly TemplateNode[];
  i: number;
  /** For a then-branch: the test whose else target is set when the branch ends. */
  readonly test: IfStep | null;
  /** For a then-branch: the else-nodes still to emit after it. */
  readonly otherwise: readonly TemplateNode[] | null;
  /** For an else-branch: the jump (at the end of the then-branch) that skips it. */
  readonly skip: JumpStep | null;
}

/** The steps of a node tree, in source order (so fields and conditions appear in order of use). */
export function flatten(nodes: readonly TemplateNode[]): Step[] {
  const steps: Step[] = [];
  const stack: Frame[] = [{ nodes, i: 0, test: null, otherwise: null, skip: null }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.nodes.length) {
      const n = top.nodes[top.i++]!;
      if (n.t === 'text') steps.push({ op: 'text', text: n.text });
      else if (n.t === 'field') steps.push({ op: 'field', name: n.name, fallback: n.fallback, offset: n.offset });
      else {
        // test, then-steps, [jump past the else-steps, else-steps]
        const test: IfStep = { op: 'if', name: n.name, offset: n.offset, elseAt: -1 };
        steps.push(test);
        stack.push({ nodes: n.then, i: 0, test, otherwise: n.otherwise, skip: null });
      }
      continue;
    }
    stack.pop();
    if (top.skip) top.skip.to = steps.length;
    if (!top.test) continue;
    if (top.otherwise!.length === 0) {
      top.test.elseAt = steps.length;
      continue;
    }
    const skip: JumpStep = { op: 'jump', to: -1 };
    steps.push(skip);
    top.test.elseAt = steps.length;
    stack.push({ nodes: top.otherwise!, i: 0, test: null, otherwise: null, skip });
  }
  return steps;
}
