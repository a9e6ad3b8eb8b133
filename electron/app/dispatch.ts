// The one wrapper every invoke goes through, in both hosts: known channel → args parsed by the
// channel's schema → handler → Result. AppErrors keep their code; anything else becomes a
// generic 'internal' error whose stack is logged here and never sent to the page.
import { z } from 'zod';
import { channels, isChannelName, type ChannelName, type Result } from '../../shared/contract';
import { isAppError, type ErrorInfo } from '../../shared/errors';
import type { Handler, Handlers } from './handler-types';

export type Logger = (message: string, error?: unknown) => void;

export type Dispatch = (channel: string, rawArgs: unknown) => Promise<Result<unknown>>;

function fail(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

function validationError(error: z.ZodError): ErrorInfo {
  return {
    code: 'validation',
    message: 'The request was not valid.',
    details: { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
  };
}

/**
 * The composition always passes a complete Handlers map (createHandlers returns one); a Partial
 * is accepted so that tests of this wrapper can bind a few channels. A missing one is 'not-found'.
 */
/**
 * Argument objects refuse keys the channel does not name (zod strips them by default): a
 * misspelt or invented field (`approverId` where the channel takes `actorId`, a status on an
 * update) must fail loudly, not be dropped without a word while the rest of the call goes ahead.
 */
const strictArgs = new Map<ChannelName, z.ZodType>(
  (Object.keys(channels) as ChannelName[]).map((name) => {
    const args: z.ZodType = channels[name].args;
    return [name, args instanceof z.ZodObject ? args.strict() : args];
  }),
);

export function createDispatch(handlers: Partial<Handlers>, log: Logger = console.error): Dispatch {
  return async (channel, rawArgs) => {
    if (!isChannelName(channel)) return fail({ code: 'not-found', message: 'Unknown channel.', details: { channel } });
    const parsed = strictArgs.get(channel)!.safeParse(rawArgs ?? {});
    if (!parsed.success) return fail(validationError(parsed.error));
    try {
      // The map is keyed by the same name as the schema, so the parsed args fit this handler.
      const handler = handlers[channel] as Handler<ChannelName> | undefined as ((a: unknown) => unknown) | undefined;
      if (!handler) return fail({ code: 'not-found', message: 'This action is not available.', details: { channel } });
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      if (isAppError(e)) return fail(e.toInfo());
      log(`handler for ${channel} failed`, e);
      return fail({ code: 'internal', message: 'Something went wrong inside Tayori. Please try again.' });
    }
  };
}
