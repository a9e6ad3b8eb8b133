// The typed IPC contract: channel and event maps, the types derived from them, and the API shape
// both hosts implement (Electron preload and the loopback browser host).
import type { z } from 'zod';
import { channels } from './channels';
import { events } from './events';
import type { Phantom, Result } from './define';

export { channels } from './channels';
export { events } from './events';
export type { Result } from './define';
export type * from './dto';

type Channels = typeof channels;
export type ChannelName = keyof Channels & string;
/** Arguments as the caller writes them (defaults may be omitted). */
export type ArgsOf<K extends ChannelName> = z.input<Channels[K]['args']>;
/** Arguments as a handler receives them, after the schema parsed them. */
export type ParsedArgsOf<K extends ChannelName> = z.output<Channels[K]['args']>;
export type ResultOf<K extends ChannelName> = Channels[K]['result'] extends Phantom<infer R> ? R : never;

type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = Events[E]['payload'] extends Phantom<infer P> ? P : never;

/** Every channel name, for whitelists (preload, HTTP router). */
export const CHANNEL_NAMES = Object.freeze(Object.keys(channels)) as readonly ChannelName[];
export const EVENT_NAMES = Object.freeze(Object.keys(events)) as readonly EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** What the page sees as window.tayori (Electron) or builds over HTTP (browser host). */
export interface TayoriApi {
  invoke<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<Result<ResultOf<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
