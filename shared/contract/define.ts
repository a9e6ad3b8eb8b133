// Building blocks of the IPC contract: a channel is an argument schema plus a phantom result type.
import type { z } from 'zod';
import type { ErrorInfo } from '../errors';

/** Carries a result type at compile time only; nothing exists at runtime. */
export interface Phantom<T> {
  readonly __result?: T;
}

export interface ChannelDef<A extends z.ZodType, R> {
  readonly args: A;
  readonly result: Phantom<R>;
}

export interface EventDef<P> {
  readonly payload: Phantom<P>;
}

export function result<T>(): Phantom<T> {
  return {};
}

export function channel<A extends z.ZodType, R>(args: A, res: Phantom<R>): ChannelDef<A, R> {
  return { args, result: res };
}

export function event<P>(): EventDef<P> {
  return { payload: {} };
}

/** What every invoke resolves to: errors are values with a code, never thrown across the boundary. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
