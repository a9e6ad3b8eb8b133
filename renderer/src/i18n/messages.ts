// The shape every language must provide: the English resource with every leaf a string.
import type { en } from './en';

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof en>;
