// XMLHttpRequest: the events the platform fires for a request (progress, load, error,
// timeout, readystatechange, upload progress…) run in the frame of `send()`. `open()`
// starts a new request and `abort()` ends it: the events they fire synchronously are the
// caller's, so the request's frame is dropped first.

import { currentFrame, type Frame } from '../../core/frame';
import { replaceMethod } from '../patch';
import { routeListeners } from './listener-frames';

type Method = (this: XMLHttpRequest, ...args: unknown[]) => unknown;

export function installXmlHttpRequest(global: typeof globalThis): void {
  const g = global as { XMLHttpRequest?: typeof XMLHttpRequest; XMLHttpRequestEventTarget?: { prototype: object }; XMLHttpRequestUpload?: { prototype: object } };
  if (g.XMLHttpRequest === undefined || g.XMLHttpRequestEventTarget === undefined) return;
  // The request's frame, kept on the objects its events are fired at.
  const frames = new WeakMap<object, Frame>();
  const frameFor = (target: object) => frames.get(target);
  const proto = g.XMLHttpRequest.prototype;
  routeListeners(g.XMLHttpRequestEventTarget.prototype, [g.XMLHttpRequestEventTarget.prototype, proto], frameFor);

  replaceMethod<Method>(proto, 'send', (original) => function (this: XMLHttpRequest) {
    const frame = currentFrame();
    frames.set(this, frame);
    frames.set(this.upload, frame);
    return Reflect.apply(original, this, arguments);
  });
  for (const key of ['open', 'abort']) {
    replaceMethod<Method>(proto, key, (original) => function (this: XMLHttpRequest) {
      frames.delete(this);
      frames.delete(this.upload);
      return Reflect.apply(original, this, arguments);
    });
  }
}
