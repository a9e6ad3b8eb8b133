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

interface Frame {
  readonly nodes: readonly TemplateNode[];
  i: number;
  /** Runs when the frame's nodes are all emitted (patches the jumps around a branch). */
  readonly done?: () => void;
}

/** The steps of a node tree, in source order (so fields and conditions appear in order of use). */
export function flatten(nodes: readonly TemplateNode[]): Step[] {
  const steps: Step[] = [];
  const stack: Frame[] = [{ nodes, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.nodes.length) {
      stack.pop();
      top.done?.();
      continue;
    }
    const n = top.nodes[top.i++]!;
    if (n.t === 'text') steps.push({ op: 'text', text: n.text });
    else if (n.t === 'field') steps.push({ op: 'field', name: n.name, fallback: n.fallback, offset: n.offset });
    else {
      // test, then-steps, [jump past the else-steps, else-steps]
      const test = { op: 'if' as const, name: n.name, offset: n.offset, elseAt: -1 };
      steps.push(test);
      const otherwise = n.otherwise;
      stack.push({
        nodes: n.then,
        i: 0,
        done: () => {
          if (otherwise.length === 0) {
            test.elseAt = steps.length;
            return;
          }
          const jump = { op: 'jump' as const, to: -1 };
          steps.push(jump);
          test.elseAt = steps.length;
          stack.push({ nodes: otherwise, i: 0, done: () => (jump.to = steps.length) });
        },
      });
    }
  }
  return steps;
}
