// XMLHttpRequest: the events the platform fires for a request (progress, load, error,
// timeout, readystatechange, upload progress…) run in the frame of `send()`. `open()`
// starts a new request and `abort()` ends it: the events they fire synchronously are the
// caller's, so the request's frame is dropped first.

import { currentFrame, type Frame } from '../../core/frame';
import { beforeEachCall } from '../patch';
import { routeListeners } from './listener-frames';

export function installXmlHttpRequest(global: typeof globalThis): void {
  const g = global as { XMLHttpRequest?: typeof XMLHttpRequest; XMLHttpRequestEventTarget?: { prototype: object } };
  if (g.XMLHttpRequest === undefined || g.XMLHttpRequestEventTarget === undefined) return;
  // The request's frame, kept on the objects its events are fired at.
  const frames = new WeakMap<object, Frame>();
  const proto = g.XMLHttpRequest.prototype;
  routeListeners(g.XMLHttpRequestEventTarget.prototype, frames, [proto]);

  beforeEachCall<XMLHttpRequest>(proto, 'send', (xhr) => {
    const frame = currentFrame();
    frames.set(xhr, frame).set(xhr.upload, frame);
  });
  for (const key of ['open', 'abort']) {
    beforeEachCall<XMLHttpRequest>(proto, key, (xhr) => {
      frames.delete(xhr);
      frames.delete(xhr.upload);
    });
  }
}
