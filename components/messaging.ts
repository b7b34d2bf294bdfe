// How extension pages talk to the background: one typed call, errors as values.
import type { Message, Response } from '../core/messages';

export type Send = <T>(message: Message) => Promise<Response<T>>;

export function createSender(sendMessage: (message: unknown) => Promise<unknown>): Send {
  return async <T,>(message: Message) => {
    try {
      const answer = (await sendMessage(message)) as Response<T> | undefined;
      return answer ?? { ok: false, error: { code: 'internal', message: 'The background did not answer.' } };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
