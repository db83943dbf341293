import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from './errors';
import { checkpoint, yieldToEventLoop } from './progress';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('yieldToEventLoop / checkpoint', () => {
  it('lets a pending timer run before it resolves (Node: setImmediate)', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await new Promise((r) => setTimeout(r, 5));
    await yieldToEventLoop();
    order.push('after');
    expect(order).toEqual(['timer', 'after']);
  });

  it('works without setImmediate, as in a browser (MessageChannel)', async () => {
    vi.stubGlobal('setImmediate', undefined);
    const controller = new AbortController();
    queueMicrotask(() => controller.abort(new Error('stop')));
    await expect(checkpoint(controller.signal)).rejects.toThrow(CancelledError);
    await expect(yieldToEventLoop()).resolves.toBeUndefined();
  });

  it('falls back to setTimeout with neither', async () => {
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal('MessageChannel', undefined);
    await expect(checkpoint(undefined)).resolves.toBeUndefined();
  });
});
