// Invisible characters that change the direction text is shown in. In a file name they disguise
// its type ("a.pdf\u202Egpj.exe" is shown as "a.pdfexe.jpg"); in a name they make the To line
// read differently from what it holds. Used by the contract (attachments), the check report
// (member names) and the renderer (to explain a refused file before sending it).

// LRM, RLM, ALM; the embeddings and overrides LRE..RLO; the isolates LRI..PDI.
const BIDI_CONTROL = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** The text with each such character made visible as <U+202E>, for messages. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
