// Types of the few browser globals used inside page.evaluate callbacks: test code is checked
// with the node tsconfig (no DOM lib), and the callbacks run in the page, not in node.
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly content?: string;
}

export interface PageGlobals {
  readonly document: {
    readonly documentElement: { readonly lang: string; readonly scrollWidth: number };
    querySelector(selector: string): PageElement | null;
  };
  readonly innerWidth: number;
  requestAnimationFrame(cb: () => void): number;
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<unknown> }>;
}
