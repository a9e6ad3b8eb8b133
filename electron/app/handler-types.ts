// Handler types derived from the contract: a handler that takes or returns something else
// than its channel says does not compile (Actual's Handlers map, Signal's typed channels).
import type { ChannelName, ParsedArgsOf, ResultOf } from '../../shared/contract';

export type Handler<K extends ChannelName> = (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K>;

/** Every channel of the contract bound to exactly one handler. */
export type Handlers = { readonly [K in ChannelName]: Handler<K> };

/** The handlers of the channels whose names start with one of the given domains (`domain:`). */
export type DomainHandlers<D extends string> = {
  readonly [K in ChannelName as K extends `${D}:${string}` ? K : never]: Handler<K>;
};
