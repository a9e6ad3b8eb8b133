// Who receives a notice: selections of a list's members (see selection.ts).
export * from './selection';
export * from './suppression';
