// "One plain email address", declared once: no spaces, control characters, commas, semicolons,
// angle brackets, quotes or parentheses, and exactly one @. Anything else could smuggle a second
// recipient or a header into the envelope (promise 1). The import's full RFC rules are validate.ts.

/** Characters that never stand in a plain address: white space, C0/C1 controls and the specials. */
const NOT_IN_ADDRESS = String.raw`\s\u0000-\u001f\u007f-\u009f@,;:<>()[\]"\\`;
const SINGLE = new RegExp(`^[^${NOT_IN_ADDRESS}]+@[^${NOT_IN_ADDRESS}]+$`);
/** The same, with a domain of two or more non-empty labels (example.jp, not localhost). */
const SINGLE_DOTTED = new RegExp(`^[^${NOT_IN_ADDRESS}]+@[^${NOT_IN_ADDRESS}.]+(?:\\.[^${NOT_IN_ADDRESS}.]+)+$`);

/** Exactly one plain address (sender, recipient, envelope). */
export const isSingleAddress = (text: string): boolean => SINGLE.test(text);

/** One plain address whose domain has a dot: an address people type for a mailbox of theirs. */
export const isMailboxAddress = (text: string): boolean => SINGLE_DOTTED.test(text);
